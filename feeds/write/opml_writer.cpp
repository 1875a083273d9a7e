#include "feeds/write/opml_writer.hpp"

#include "feeds/write/xml_output.hpp"

namespace feeds {
namespace {

using xml_output::set_attribute;

std::string category_of(const std::vector<std::string>& tags) {
  std::string category;
  for (const auto& tag : tags) {
    if (tag.empty()) continue;
    if (!category.empty()) category += ',';
    category += '/';
    for (char c : tag) category += (c == ',' || c == '/') ? '-' : c;
  }
  return category;
}

void add_outline(pugi::xml_node body, const OpmlOutline& subscription) {
  auto outline = body.append_child("outline");
  const auto& text = subscription.title.empty() ? subscription.xml_url : subscription.title;
  set_attribute(outline, "type", "rss");
  set_attribute(outline, "text", text);
  set_attribute(outline, "title", text);
  set_attribute(outline, "xmlUrl", subscription.xml_url);
  if (subscription.html_url) set_attribute(outline, "htmlUrl", *subscription.html_url);
  if (auto category = category_of(subscription.tags); !category.empty())
    set_attribute(outline, "category", category);
}

}  // namespace

std::string write_opml(const std::vector<OpmlOutline>& outlines, std::string_view title) {
  pugi::xml_document document;
  xml_output::add_declaration(document);
  auto root = document.append_child("opml");
  set_attribute(root, "version", "2.0");
  xml_output::add_text_element(root.append_child("head"), "title", title);
  auto body = root.append_child("body");
  for (const auto& outline : outlines) add_outline(body, outline);
  return xml_output::to_string(document);
}

}  // namespace feeds
