#pragma once
/// The recovery parser behind load_xml (internal to feeds/parse): an iterative, O(n),
/// HTML-like tokenizer that builds a pugixml tree from XML that is not well-formed.

#include <cstddef>
#include <string_view>

#include <pugixml.hpp>

namespace feeds::lenient_xml {

enum class Outcome { ok, too_deep };

/// Fills the empty `document` from `text`: elements, attributes (quoted, unquoted or bare),
/// text with references decoded, CDATA. Comments, processing instructions and DOCTYPE are
/// skipped without expanding anything; whitespace-only text and text outside elements are
/// dropped (as pugixml's default parse does). An end tag closes up to the nearest open element
/// of that name and is ignored when there is none; everything still open is closed at the end.
Outcome parse(std::string_view text, pugi::xml_document& document, std::size_t max_depth);

}  // namespace feeds::lenient_xml
