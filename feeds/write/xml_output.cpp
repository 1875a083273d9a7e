#include "feeds/write/xml_output.hpp"

#include "feeds/write/xml_safe.hpp"

namespace feeds::xml_output {
namespace {

struct StringWriter : pugi::xml_writer {
  std::string text;
  void write(const void* data, std::size_t size) override {
    text.append(static_cast<const char*>(data), size);
  }
};

}  // namespace

void add_declaration(pugi::xml_document& document) {
  auto declaration = document.prepend_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "utf-8";
}

pugi::xml_node add_text_element(pugi::xml_node parent, const char* name, std::string_view text) {
  auto element = parent.append_child(name);
  auto safe = xml_safe(text);
  if (!safe.empty()) element.append_child(pugi::node_pcdata).set_value(safe.c_str());
  return element;
}

void set_attribute(pugi::xml_node node, const char* name, std::string_view value) {
  auto safe = xml_safe(value);
  auto attribute = node.attribute(name);
  if (!attribute) attribute = node.append_attribute(name);
  attribute.set_value(safe.c_str());
}

pugi::xml_node add_cdata_element(pugi::xml_node parent, const char* name, std::string_view text) {
  auto element = parent.append_child(name);
  auto safe = xml_safe(text);
  if (!safe.empty()) element.append_child(pugi::node_cdata).set_value(safe.c_str());
  return element;
}

std::string to_string(const pugi::xml_document& document) {
  StringWriter writer;
  document.save(writer, "", pugi::format_raw, pugi::encoding_utf8);
  return std::move(writer.text);
}

}  // namespace feeds::xml_output
