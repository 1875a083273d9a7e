#pragma once
/// Small helpers the format adapters use on canonicalized pugixml trees (see xml_loader.hpp):
/// names are "<canonical prefix>:<local>", matched case-insensitively on the local part
/// because feeds in the wild write <pubdate>, <PubDate> and <Title>.

#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace feeds::xml {

/// The part of a name after the first ':' (the whole name when there is none).
std::string_view local_name(std::string_view qualified_name);
/// The part of a name before the first ':' (empty when there is none).
std::string_view prefix_of(std::string_view qualified_name);

/// True when `node` is an element named `prefix:local` (or `local` for an empty prefix).
bool is_element(pugi::xml_node node, std::string_view prefix, std::string_view local);

/// True when the qualified name `name` (an element's, NUL-terminated) is `prefix:local`, as
/// is_element compares it. For loops that test each child against several names: the name is
/// read once, not once per test through the shared library.
bool name_is(const char* name, std::string_view prefix, std::string_view local);

/// First / last child element named `prefix:local`.
pugi::xml_node first_child(pugi::xml_node parent, std::string_view prefix, std::string_view local);
pugi::xml_node last_child(pugi::xml_node parent, std::string_view prefix, std::string_view local);

/// Attribute by name, case-insensitive on the whole name ("isPermaLink", "ispermalink").
pugi::xml_attribute attribute(pugi::xml_node node, std::string_view name);

/// Concatenated text of all text and CDATA descendants.
std::string text_of(pugi::xml_node node);

/// text_of with ASCII whitespace trimmed from both ends.
std::string trimmed_text_of(pugi::xml_node node);

/// True when the element has child elements (markup that was not escaped).
bool has_child_elements(pugi::xml_node node);

/// How inner_html writes text nodes.
enum class TextEscaping {
  escaped,   ///< text is escaped: the markup is XHTML whose text means what it says
  verbatim   ///< text is written as it is: an HTML-typed field whose author mixed escaped
             ///< markup into inline elements (feedparser reads it as HTML source)
};

/// The children of `node` serialized as HTML: element prefixes dropped (xhtml:p → p),
/// attribute values escaped. Iterative, so deep trees cannot overflow the stack.
std::string inner_html(pugi::xml_node node, TextEscaping escaping = TextEscaping::escaped);

/// The HTML source of a field that carries HTML either escaped (text) or as child elements.
std::string raw_content(pugi::xml_node node);

/// The base URL in scope at `node`: `document_base` changed by every xml:base on the path from
/// the root to `node` (a relative xml:base resolves against its parent's; an empty one resets).
std::string base_in_scope(pugi::xml_node node, std::string_view document_base);

}  // namespace feeds::xml
