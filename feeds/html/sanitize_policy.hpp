#pragma once
/// The sanitizer's allowlists (security.md §1.1 take-aways): what happens to each element and
/// which attributes each kept element may carry.

#include <optional>
#include <string_view>

namespace feeds::detail {

/// What the sanitizer does with an element.
enum class ElementAction {
  keep,    ///< emitted with its allowed attributes
  unwrap,  ///< not emitted, children are
  drop     ///< neither the element nor anything inside it is emitted
};

/// How an allowed attribute's value is checked.
enum class AttributeKind {
  text,          ///< any value (escaped on output)
  url,           ///< http/https after resolution against the base
  link_url,      ///< like url, plus mailto (a href)
  image_url,     ///< like url, plus data: raster images (img src)
  srcset,        ///< comma-separated candidates, each an image URL plus a descriptor
  positive_int,  ///< decimal digits, > 0
  integer,       ///< optional '-', decimal digits (ol start, li value)
  boolean,       ///< present or absent; emitted with an empty value
  direction,     ///< ltr, rtl or auto
  list_type,     ///< 1, a, A, i or I
  table_scope    ///< row, col, rowgroup or colgroup
};

/// The action for an HTML element by lower-case name; unknown names unwrap.
ElementAction element_action(std::string_view name);

/// True for elements that have no end tag and no children (br, img, ...).
bool is_void_element(std::string_view name);

/// The kind of `attribute` when a kept `element` may carry it; nullopt when it may not.
std::optional<AttributeKind> allowed_attribute(std::string_view element,
                                               std::string_view attribute);

}  // namespace feeds::detail
