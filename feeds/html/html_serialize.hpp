#pragma once
/// HTML5 serialization (WHATWG "serializing HTML fragments") of pugixml trees built by dom.hpp.

#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace feeds {

/// The HTML of `node`'s children: void elements without end tags, attribute values
/// double-quoted, text escaped, raw-text elements (script, style, ...) verbatim, and the extra
/// newline after <pre>/<textarea>/<listing> whose text starts with one. Iterative.
std::string serialize_html_children(pugi::xml_node node);

namespace detail {

/// Appends text-node content: '&', '<', '>' and U+00A0 escaped; code points XML 1.0 forbids
/// (C0 controls but tab and newline, U+FFFE, U+FFFF) left out so the output can be republished.
void append_escaped_text(std::string& out, std::string_view text);

/// Appends an attribute value for use between double quotes: '&', '"', '<', '>' and U+00A0
/// escaped, XML-forbidden code points left out.
void append_escaped_attribute(std::string& out, std::string_view value);

}  // namespace detail
}  // namespace feeds
