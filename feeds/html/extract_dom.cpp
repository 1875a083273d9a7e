#include "feeds/html/extract_dom.hpp"

#include <algorithm>
#include <cstring>

namespace feeds::detail {
namespace {

constexpr const char* kTrashName = "feedd-discarded";

bool is_top_level(pugi::xml_node node) { return node.parent().type() == pugi::node_document; }

bool is_html_root(pugi::xml_node node) { return is_top_level(node) && has_name(node, "html"); }

bool is_block_name(std::string_view name) {
  static constexpr std::string_view blocks[] = {"blockquote", "dl",  "div",   "img", "ol",
                                                "p",          "pre", "table", "ul"};
  return std::find(std::begin(blocks), std::end(blocks), name) != std::end(blocks);
}

}  // namespace

bool is_element(pugi::xml_node node) { return node.type() == pugi::node_element; }

bool has_name(pugi::xml_node node, std::string_view name) {
  return node.type() == pugi::node_element && name == node.name();
}

bool name_in(pugi::xml_node node, std::initializer_list<std::string_view> names) {
  if (node.type() != pugi::node_element) return false;
  const std::string_view name = node.name();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string_view attribute_of(pugi::xml_node node, const char* name) {
  return node.attribute(name).value();
}

pugi::xml_node first_element_child(pugi::xml_node node) {
  pugi::xml_node child = node.first_child();
  while (child && child.type() != pugi::node_element) child = child.next_sibling();
  return child;
}

pugi::xml_node next_element_sibling(pugi::xml_node node) {
  pugi::xml_node sibling = node.next_sibling();
  while (sibling && sibling.type() != pugi::node_element) sibling = sibling.next_sibling();
  return sibling;
}

std::vector<pugi::xml_node> element_children(pugi::xml_node node) {
  std::vector<pugi::xml_node> children;
  for (pugi::xml_node child = first_element_child(node); child;
       child = next_element_sibling(child)) {
    children.push_back(child);
  }
  return children;
}

std::size_t element_child_count(pugi::xml_node node) {
  std::size_t count = 0;
  for (pugi::xml_node c = first_element_child(node); c; c = next_element_sibling(c)) ++count;
  return count;
}

pugi::xml_node next_element(pugi::xml_node node, bool skip_children) {
  if (!skip_children) {
    if (pugi::xml_node child = first_element_child(node)) return child;
  }
  while (node && node.type() == pugi::node_element) {
    if (is_top_level(node)) return {};
    if (pugi::xml_node sibling = next_element_sibling(node)) return sibling;
    node = node.parent();
  }
  return {};
}

std::vector<pugi::xml_node> elements_named(pugi::xml_node root,
                                           std::initializer_list<std::string_view> names) {
  std::vector<pugi::xml_node> found;
  pugi::xml_node node = first_element_child(root);
  while (node) {
    if (name_in(node, names)) found.push_back(node);
    if (pugi::xml_node child = first_element_child(node)) {
      node = child;
      continue;
    }
    while (node && node != root && !next_element_sibling(node)) node = node.parent();
    if (!node || node == root) break;
    node = next_element_sibling(node);
  }
  return found;
}

std::size_t count_named(pugi::xml_node root, std::string_view name) {
  return elements_named(root, {name}).size();
}

bool has_ancestor_named(pugi::xml_node node, std::string_view name, int max_depth) {
  int depth = 0;
  for (pugi::xml_node parent = node.parent(); parent && parent.type() == pugi::node_element;
       parent = parent.parent(), ++depth) {
    if (max_depth > 0 && depth > max_depth) return false;
    if (name == parent.name()) return true;
  }
  return false;
}

void discard_node(pugi::xml_node node) {
  pugi::xml_node document = node.root();
  pugi::xml_node trash = document.child(kTrashName);
  if (!trash) trash = document.append_child(kTrashName);
  trash.append_move(node);
}

void replace_node(pugi::xml_node node, pugi::xml_node replacement) {
  node.parent().insert_move_before(replacement, node);
  discard_node(node);
}

bool is_attached(pugi::xml_node node) {
  for (; node; node = node.parent()) {
    if (is_html_root(node)) return true;
  }
  return false;
}

template <class Visit>
void for_each_text(pugi::xml_node node, Visit&& visit) {
  if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
    visit(std::string_view(node.value()));
    return;
  }
  pugi::xml_node current = node.first_child();
  while (current) {
    if (current.type() == pugi::node_pcdata || current.type() == pugi::node_cdata) {
      visit(std::string_view(current.value()));
    } else if (pugi::xml_node child = current.first_child()) {
      current = child;
      continue;
    }
    while (current != node && !current.next_sibling()) current = current.parent();
    if (current == node) break;
    current = current.next_sibling();
  }
}

std::string text_content(pugi::xml_node node) {
  std::string text;
  for_each_text(node, [&](std::string_view part) { text += part; });
  return text;
}

std::size_t js_space_length(std::string_view text) {
  if (text.empty()) return 0;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char first = byte(0);
  if (first == ' ' || (first >= '\t' && first <= '\r')) return 1;
  if (first == 0xC2 && text.size() >= 2 && byte(1) == 0xA0) return 2;
  if (text.size() < 3 || first < 0xE1) return 0;
  const unsigned char second = byte(1), third = byte(2);
  const bool space = (first == 0xE1 && second == 0x9A && third == 0x80) ||
                     (first == 0xE2 && second == 0x80 &&
                      ((third >= 0x80 && third <= 0x8A) || third == 0xA8 || third == 0xA9 ||
                       third == 0xAF)) ||
                     (first == 0xE2 && second == 0x81 && third == 0x9F) ||
                     (first == 0xE3 && second == 0x80 && third == 0x80) ||
                     (first == 0xEF && second == 0xBB && third == 0xBF);
  return space ? 3 : 0;
}

std::string_view trim_js_space(std::string_view text) {
  while (std::size_t n = js_space_length(text)) text.remove_prefix(n);
  // Trailing: step back over UTF-8 continuation bytes to each character's start.
  while (!text.empty()) {
    std::size_t start = text.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    if (js_space_length(text.substr(start)) != text.size() - start) break;
    text.remove_suffix(text.size() - start);
  }
  return text;
}

std::string collapse_js_space_runs(std::string_view text) {
  const std::string_view trimmed = trim_js_space(text);
  std::string out;
  out.reserve(trimmed.size());
  for (std::size_t i = 0; i < trimmed.size();) {
    const std::size_t first = js_space_length(trimmed.substr(i));
    if (first == 0) {
      out += trimmed[i++];
      continue;
    }
    std::size_t end = i + first;
    while (std::size_t more = js_space_length(trimmed.substr(end))) end += more;
    // A single whitespace character stays as it is; only runs become one space.
    out += end - i == first ? trimmed.substr(i, first) : std::string_view(" ");
    i = end;
  }
  return out;
}

std::string inner_text(pugi::xml_node node, bool normalize) {
  const std::string content = text_content(node);
  if (!normalize) return std::string(trim_js_space(content));
  return collapse_js_space_runs(content);
}

std::size_t js_length(std::string_view utf8) {
  std::size_t units = 0;
  for (char c : utf8) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) ++units;
    if (byte >= 0xF0) ++units;  // astral plane: a surrogate pair
  }
  return units;
}

std::size_t inner_text_length(pugi::xml_node node) {
  return inner_text_length_capped(node, static_cast<std::size_t>(-1) - 8);
}

std::size_t inner_text_length_capped(pugi::xml_node node, std::size_t cap) {
  // Streams what js_length(inner_text(node)) would measure: characters that are not whitespace,
  // plus one for every whitespace run between two of them.
  std::size_t length = 0;
  bool seen_text = false, pending_space = false;
  const auto measure = [&](std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
      if (std::size_t space = js_space_length(text.substr(i))) {
        pending_space = seen_text;
        i += space;
        continue;
      }
      const auto byte = static_cast<unsigned char>(text[i]);
      const std::size_t width = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
      length += (pending_space ? 1 : 0) + (width == 4 ? 2 : 1);
      pending_space = false;
      seen_text = true;
      i += width;
    }
  };
  for_each_text(node, [&](std::string_view text) {
    if (length <= cap) measure(text);
  });
  return length;
}

bool has_text(pugi::xml_node node) {
  bool found = false;
  for_each_text(node, [&](std::string_view text) {
    found = found || !trim_js_space(text).empty();
  });
  return found;
}

double link_density(pugi::xml_node node) {
  const std::size_t text_length = inner_text_length(node);
  if (text_length == 0) return 0;
  double link_length = 0;
  for (pugi::xml_node link : elements_named(node, {"a"})) {
    const std::string_view href = attribute_of(link, "href");
    const double coefficient = href.size() > 1 && href.front() == '#' ? 0.3 : 1.0;
    link_length += static_cast<double>(inner_text_length(link)) * coefficient;
  }
  return link_length / static_cast<double>(text_length);
}

std::string match_string(pugi::xml_node node) {
  std::string text = attribute_of(node, "class").data();
  text += ' ';
  text += attribute_of(node, "id");
  return text;
}

bool is_phrasing_content(pugi::xml_node node) {
  if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) return true;
  static constexpr std::string_view phrasing[] = {
      "abbr",  "audio",    "b",        "bdo",  "br",     "button", "cite",  "code",   "data",
      "datalist", "dfn",   "em",       "embed", "i",     "img",    "input", "kbd",    "label",
      "mark",  "math",     "meter",    "noscript", "object", "output", "progress", "q", "ruby",
      "samp",  "script",   "select",   "small", "span",  "strong", "sub",   "sup",    "textarea",
      "time",  "var",      "wbr"};
  if (node.type() != pugi::node_element) return false;
  const std::string_view name = node.name();
  if (std::find(std::begin(phrasing), std::end(phrasing), name) != std::end(phrasing)) return true;
  if (name != "a" && name != "del" && name != "ins") return false;
  for (pugi::xml_node child : node.children()) {
    if (!is_phrasing_content(child)) return false;
  }
  return true;
}

bool is_whitespace_node(pugi::xml_node node) {
  if (node.type() == pugi::node_pcdata) return trim_js_space(node.value()).empty();
  return has_name(node, "br");
}

bool is_element_without_content(pugi::xml_node node) {
  if (!is_element(node) || has_text(node)) return false;
  std::size_t children = 0, breaks = 0;
  for (pugi::xml_node child = first_element_child(node); child;
       child = next_element_sibling(child)) {
    ++children;
  }
  if (children == 0) return true;
  breaks = elements_named(node, {"br", "hr"}).size();
  return children == breaks;
}

bool has_single_tag_inside(pugi::xml_node node, std::string_view name) {
  pugi::xml_node only = first_element_child(node);
  if (!only || next_element_sibling(only) || name != only.name()) return false;
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_pcdata) continue;
    const std::string_view text = child.value();
    const std::string_view trimmed = trim_js_space(text);
    // /\S$/: the text node ends with a non-whitespace character.
    if (!trimmed.empty() && trimmed.end() == text.end()) return false;
  }
  return true;
}

bool has_child_block_element(pugi::xml_node node) {
  pugi::xml_node current = first_element_child(node);
  while (current) {
    if (is_block_name(current.name())) return true;
    if (pugi::xml_node child = first_element_child(current)) {
      current = child;
      continue;
    }
    while (current != node && !next_element_sibling(current)) current = current.parent();
    if (current == node) break;
    current = next_element_sibling(current);
  }
  return false;
}

}  // namespace feeds::detail
