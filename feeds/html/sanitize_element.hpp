#pragma once
/// The per-element decision of the sanitizer: keep (with which attributes), unwrap or drop.

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

/// Applies the element and attribute allowlists, the URL rules against `base`, the required
/// attributes (a → href, img/source → src or srcset, iframe → allowed host), the hidden and
/// tracking-pixel rules, and appends the attributes we always set (rel, sandbox, ...).
SanitizedElement sanitize_element(pugi::xml_node element, std::string_view base,
                                  const SanitizeOptions& options);

}  // namespace feeds::detail
