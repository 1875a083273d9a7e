#pragma once
/// Plain text from HTML and the text rules of parse-output.md §6.

#include <optional>
#include <string>
#include <string_view>

namespace feeds {

/// Text of an HTML fragment: tags stripped, script/style contents dropped, block elements as
/// whitespace, entities decoded, whitespace collapsed to single spaces and trimmed.
std::string html_to_text(std::string_view html);

/// Collapses runs of whitespace (ASCII and Unicode spaces) to one space and trims.
std::string collapse_whitespace(std::string_view text);

/// True when text looks like HTML: contains "<[A-Za-z/!]" or "&[#A-Za-z0-9]+;".
bool looks_like_html(std::string_view text);

/// Escapes &, <, > (and " in attribute context when `attribute` is true).
std::string escape_html(std::string_view text, bool attribute = false);

/// escape_html(text, attribute) appended to `out`.
void append_escaped_html(std::string& out, std::string_view text, bool attribute = false);

/// The UTF-8 of an HTML named character reference without '&' and ';' ("eacute" → "é"),
/// from the full HTML5 table; nullopt when unknown. A trailing ';' in `name` is ignored.
std::optional<std::string_view> lookup_html_entity(std::string_view name);

/// Like lookup_html_entity, but only for the legacy forms that HTML5 accepts without a
/// terminating ';' ("amp", "eacute", "copy"); nullopt for every other name.
std::optional<std::string_view> lookup_legacy_html_entity(std::string_view name);

}  // namespace feeds
