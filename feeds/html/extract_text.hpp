#pragma once
/// Block-aware plain text of extracted content (internal).

#include <string>

#include <pugixml.hpp>

namespace feeds::detail {

/// The text of `root`'s subtree: paragraphs, headings, quotes, lists and tables separated by a
/// blank line; list items, divs, rows, captions and <br> on their own lines; other whitespace
/// (ASCII only: U+00A0 stays) collapsed to one space; <pre> kept as it is; invisible elements
/// (script, style, svg, iframe, form controls, media) left out. Trailing whitespace trimmed.
std::string block_text(pugi::xml_node root);

}  // namespace feeds::detail
