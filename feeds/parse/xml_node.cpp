#include "feeds/parse/xml_node.hpp"
#include "feeds/ascii.hpp"

#include <utility>
#include <vector>

#include "feeds/html/text.hpp"
#include "feeds/url/resolve.hpp"

namespace feeds::xml {
namespace {

void append_start_tag(std::string& out, pugi::xml_node element) {
  out += '<';
  out += local_name(element.name());
  for (auto attr : element.attributes()) {
    std::string_view name = attr.name();
    if (name == "xmlns" || name.starts_with("xmlns:")) continue;
    out += ' ';
    out += local_name(name);
    out += "=\"";
    append_escaped_html(out, attr.value(), true);
    out += '"';
  }
  out += '>';
}

bool is_void_element(std::string_view name) {
  static constexpr std::string_view kVoid[] = {"area", "base", "br", "col", "embed", "hr", "img",
                                               "input", "link", "meta", "source", "track", "wbr"};
  for (auto v : kVoid)
    if (ascii_iequals(v, name)) return true;
  return false;
}

}  // namespace

std::string_view local_name(std::string_view qualified_name) {
  auto colon = qualified_name.find(':');
  return colon == std::string_view::npos ? qualified_name : qualified_name.substr(colon + 1);
}

std::string_view prefix_of(std::string_view qualified_name) {
  auto colon = qualified_name.find(':');
  return colon == std::string_view::npos ? std::string_view{} : qualified_name.substr(0, colon);
}

namespace {

// Whether NUL-terminated `name` begins with `part` (ASCII case-insensitively when asked),
// read no further than the first difference: no strlen of names that differ at once.
bool begins_with(const char* name, std::string_view part, bool ignore_case) {
  for (std::size_t i = 0; i < part.size(); ++i) {
    if (name[i] == '\0') return false;
    if (ignore_case ? ascii_lower(name[i]) != ascii_lower(part[i]) : name[i] != part[i])
      return false;
  }
  return true;
}

}  // namespace

bool is_element(pugi::xml_node node, std::string_view prefix, std::string_view local) {
  // The name before the type: most children differ in their first character (text nodes have
  // an empty name), and each accessor is a call into the shared library.
  return name_is(node.name(), prefix, local) && node.type() == pugi::node_element;
}

bool name_is(const char* name, std::string_view prefix, std::string_view local) {
  if (!prefix.empty() ? name[0] != prefix[0]
                      : !local.empty() && ascii_lower(name[0]) != ascii_lower(local[0]))
    return false;
  if (prefix.empty())
    return begins_with(name, local, true) && name[local.size()] == '\0' &&
           local.find(':') == std::string_view::npos;
  return begins_with(name, prefix, false) && name[prefix.size()] == ':' &&
         begins_with(name + prefix.size() + 1, local, true) &&
         name[prefix.size() + 1 + local.size()] == '\0';
}

Children::Children(pugi::xml_node parent) : parent_(parent) {
  children_.reserve(16);  // an item's children, in one allocation
  for (auto child = parent.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    const char* name = child.name();
    children_.push_back({child, name, NameKey::of({std::string_view(name)})});
  }
}

pugi::xml_node Children::first(const ElementName& name) const {
  for (const Child& child : children_)
    if (child.is(name)) return child.node;
  return {};
}

pugi::xml_node Children::last(const ElementName& name) const {
  for (auto child = children_.rbegin(); child != children_.rend(); ++child)
    if (child->is(name)) return child->node;
  return {};
}

pugi::xml_node first_child(pugi::xml_node parent, std::string_view prefix, std::string_view local) {
  for (auto child = parent.first_child(); child; child = child.next_sibling())
    if (is_element(child, prefix, local)) return child;
  return {};
}

pugi::xml_node last_child(pugi::xml_node parent, std::string_view prefix, std::string_view local) {
  for (auto child = parent.last_child(); child; child = child.previous_sibling())
    if (is_element(child, prefix, local)) return child;
  return {};
}

pugi::xml_attribute attribute(pugi::xml_node node, std::string_view name) {
  for (auto attr : node.attributes())
    if (ascii_iequals(attr.name(), name)) return attr;
  return {};
}

std::string_view text_view_of(pugi::xml_node node, std::string& storage) {
  if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) return node.value();
  auto first = node.first_child();
  // The common case, one text child, without the traversal.
  if (first && !first.next_sibling() &&
      (first.type() == pugi::node_pcdata || first.type() == pugi::node_cdata))
    return first.value();
  storage.clear();
  for (auto it = node.first_child(); it;) {
    if (it.type() == pugi::node_pcdata || it.type() == pugi::node_cdata) storage += it.value();
    if (it.first_child()) {
      it = it.first_child();
      continue;
    }
    while (it && !it.next_sibling() && it != node) it = it.parent();
    if (!it || it == node) break;
    it = it.next_sibling();
  }
  return storage;
}

namespace {

constexpr std::string_view ascii_spaces = " \t\r\n\f\v";

/// A view from text_view_of or raw_content_view as a string of its own: `storage` itself when
/// the view is of it.
std::string owned(std::string_view view, std::string& storage) {
  if (view.data() == storage.data()) return std::move(storage);
  return std::string(view);
}

}  // namespace

std::string text_of(pugi::xml_node node) {
  std::string storage;
  return owned(text_view_of(node, storage), storage);
}

std::string trimmed_text_of(pugi::xml_node node) {
  std::string storage;
  const std::string_view text = text_view_of(node, storage);
  auto first = text.find_first_not_of(ascii_spaces);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(ascii_spaces);
  return std::string(text.substr(first, last - first + 1));
}

bool is_blank(pugi::xml_node node) {
  std::string storage;
  return text_view_of(node, storage).find_first_not_of(ascii_spaces) == std::string_view::npos;
}

bool has_child_elements(pugi::xml_node node) {
  for (auto child = node.first_child(); child; child = child.next_sibling())
    if (child.type() == pugi::node_element) return true;
  return false;
}

std::string inner_html(pugi::xml_node node, TextEscaping escaping) {
  std::string out;
  auto it = node.first_child();
  while (it) {
    if (it.type() == pugi::node_pcdata || it.type() == pugi::node_cdata) {
      if (escaping == TextEscaping::escaped) {
        append_escaped_html(out, it.value());
      } else {
        out += it.value();
      }
    } else if (it.type() == pugi::node_element) {
      append_start_tag(out, it);
      if (it.first_child()) {
        it = it.first_child();
        continue;
      }
      if (!is_void_element(local_name(it.name())))
        out.append("</").append(local_name(it.name())).append(">");
    }
    // Climb while the current subtree is finished, closing elements on the way up.
    while (it && !it.next_sibling()) {
      it = it.parent();
      if (!it || it == node) return out;
      out.append("</").append(local_name(it.name())).append(">");
    }
    it = it.next_sibling();
  }
  return out;
}

std::string raw_content(pugi::xml_node node) {
  std::string storage;
  return owned(raw_content_view(node, storage), storage);
}

std::string_view raw_content_view(pugi::xml_node node, std::string& storage) {
  if (!has_child_elements(node)) return text_view_of(node, storage);
  storage = inner_html(node, TextEscaping::verbatim);
  return storage;
}

std::string_view base_in_scope(pugi::xml_node node, std::string_view document_base,
                               std::string& storage) {
  std::vector<std::string_view> bases;
  for (auto it = node; it && it.type() == pugi::node_element; it = it.parent()) {
    auto attr = it.attribute("xml:base");
    if (attr) bases.push_back(attr.value());
  }
  if (bases.empty()) return document_base;
  storage = document_base;
  for (auto b = bases.rbegin(); b != bases.rend(); ++b) {
    if (b->empty()) {
      storage = document_base;
      continue;
    }
    if (auto resolved = resolve_url(storage, *b)) storage = std::move(*resolved);
  }
  return storage;
}

}  // namespace feeds::xml
