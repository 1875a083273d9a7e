#pragma once
/// The per-element decision of the sanitizer: keep (with which attributes), unwrap or drop.

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "feeds/html/sanitize.hpp"
#include "feeds/html/sanitize_policy.hpp"

namespace feeds::detail {

/// What to emit for one element.
struct SanitizedElement {
  ElementAction action = ElementAction::drop;
  std::vector<std::pair<std::string_view, std::string>> attributes;  ///< in output order
};

/// One attribute of a parsed start tag: lower-case name, character references decoded.
struct RawAttribute {
  std::string_view name;
  std::string_view value;
};

/// Applies the element and attribute allowlists, the URL rules against `base`, the required
/// attributes (a → href, img/source → src or srcset, iframe → allowed host), the hidden and
/// tracking-pixel rules, and appends the attributes we always set (rel, sandbox, ...).
/// `attributes` are in source order; for a repeated name only the first counts (as in HTML5).
SanitizedElement sanitize_element(std::string_view name, std::span<const RawAttribute> attributes,
                                  std::string_view base, const SanitizeOptions& options);

/// The same for an element of a parsed tree.
SanitizedElement sanitize_element(pugi::xml_node element, std::string_view base,
                                  const SanitizeOptions& options);

}  // namespace feeds::detail
