#pragma once
/// Fast paths of sanitize_html and html_to_text for plain HTML (most feed content): one linear
/// pass over the tokens of html_tokenizer.hpp, with the structure checked by plain_tree.hpp,
/// instead of a gumbo parse. They give byte-identical results to the gumbo paths for every
/// input they accept, and decline (nullopt) everything else.

#include <optional>
#include <string>
#include <string_view>

#include "feeds/html/sanitize.hpp"

namespace feeds::detail {

/// sanitize_html(html, base, options) and html_to_text of that result, when `html` is plain;
/// nullopt when it needs the gumbo path. The HTML is a fixed point of sanitize_html.
std::optional<SanitizedHtml> fast_sanitize_html(std::string_view html, std::string_view base,
                                                const SanitizeOptions& options);

/// html_to_text(html) when `html` is plain; nullopt when it needs the gumbo path.
std::optional<std::string> fast_html_to_text(std::string_view html);

}  // namespace feeds::detail
