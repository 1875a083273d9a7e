#pragma once
/// Building written XML with pugixml (never by concatenating markup): every string set
/// through these helpers goes through xml_safe first.

#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace feeds::xml_output {

/// Adds the `<?xml version="1.0" encoding="utf-8"?>` declaration to an empty document.
void add_declaration(pugi::xml_document& document);

/// Appends `<name>text</name>` to `parent` and returns the new element.
pugi::xml_node add_text_element(pugi::xml_node parent, const char* name, std::string_view text);

/// Sets an attribute's value.
void set_attribute(pugi::xml_node node, const char* name, std::string_view value);

/// Appends `<name>` holding `text` as CDATA (pugixml splits any "]]>" across two sections).
pugi::xml_node add_cdata_element(pugi::xml_node parent, const char* name, std::string_view text);

/// The document as UTF-8 with no indentation (format_raw), so text is written exactly.
std::string to_string(const pugi::xml_document& document);

}  // namespace feeds::xml_output
