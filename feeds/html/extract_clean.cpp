// Readability's _prepArticle: the cleaning of the joined article.
#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "feeds/html/extract_dom.hpp"
#include "feeds/ascii.hpp"
#include "feeds/html/extract_patterns.hpp"
#include "feeds/html/extract_readability.hpp"
#include "feeds/html/html_serialize.hpp"

namespace feeds::detail {
namespace {

using NodeSet = std::unordered_set<const void*>;

/// Text lengths of the elements one _cleanConditionally pass looks at, computed once each: the
/// pass asks for every container's length and its descendants' lengths, which is quadratic in
/// the nesting depth without it. Removing a node forgets its ancestors' lengths.
class LengthMemo {
 public:
  std::size_t length(pugi::xml_node node) {
    auto [entry, added] = lengths_.try_emplace(node.internal_object(), 0);
    if (added) entry->second = inner_text_length(node);
    return entry->second;
  }
  void discard(pugi::xml_node node) {
    for (pugi::xml_node parent = node.parent(); parent; parent = parent.parent()) {
      lengths_.erase(parent.internal_object());
    }
    discard_node(node);
  }
  double link_density(pugi::xml_node node) {
    const std::size_t total = length(node);
    if (total == 0) return 0;
    double linked = 0;
    for (pugi::xml_node link : elements_named(node, {"a"})) {
      const std::string_view href = attribute_of(link, "href");
      linked += static_cast<double>(length(link)) * (href.size() > 1 && href.front() == '#' ? 0.3 : 1.0);
    }
    return linked / static_cast<double>(total);
  }

 private:
  std::unordered_map<const void*, std::size_t> lengths_;
};

std::size_t comma_count(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), ','));
}

bool is_video_url(std::string_view text) {
  static constexpr std::string_view hosts[] = {
      "dailymotion.com", "youtube.com",           "youtube-nocookie.com", "player.vimeo.com",
      "v.qq.com",        "archive.org",           "upload.wikimedia.org", "player.twitch.tv"};
  for (std::size_t at = text.find("//"); at != text.npos; at = text.find("//", at + 2)) {
    std::string_view rest = text.substr(at + 2);
    if (rest.starts_with("www.")) rest.remove_prefix(4);
    for (std::string_view host : hosts) {
      if (rest.starts_with(host)) return true;
    }
  }
  return false;
}

bool embeds_video(pugi::xml_node node) {
  for (pugi::xml_attribute attribute : node.attributes()) {
    if (is_video_url(attribute.value())) return true;
  }
  return has_name(node, "object") && is_video_url(serialize_html_children(node));
}

/// Removes every `name` element, except embeds of known video players.
void remove_all(pugi::xml_node root, std::string_view name) {
  const bool is_embed = name == "object" || name == "embed" || name == "iframe";
  for (pugi::xml_node node : elements_named(root, {name})) {
    if (is_embed && embeds_video(node)) continue;
    discard_node(node);
  }
}

int parse_span(std::string_view value) {
  int number = 0;
  std::size_t i = 0;
  while (i < value.size() && value[i] == ' ') ++i;
  for (; i < value.size() && value[i] >= '0' && value[i] <= '9' && number < 100000; ++i) {
    number = number * 10 + (value[i] - '0');
  }
  return number > 0 ? number : 1;
}

bool is_data_table(pugi::xml_node table) {
  if (attribute_of(table, "role") == "presentation") return false;
  if (attribute_of(table, "datatable") == "0") return false;
  if (!attribute_of(table, "summary").empty()) return true;
  const auto captions = elements_named(table, {"caption"});
  if (!captions.empty() && captions.front().first_child()) return true;
  if (!elements_named(table, {"col", "colgroup", "tfoot", "thead", "th"}).empty()) return true;
  if (!elements_named(table, {"table"}).empty()) return false;
  std::size_t rows = 0, columns = 0;
  for (pugi::xml_node row : elements_named(table, {"tr"})) {
    rows += static_cast<std::size_t>(parse_span(attribute_of(row, "rowspan")));
    std::size_t cells = 0;
    for (pugi::xml_node cell : elements_named(row, {"td"})) {
      cells += static_cast<std::size_t>(parse_span(attribute_of(cell, "colspan")));
    }
    columns = std::max(columns, cells);
  }
  if (rows == 1 || columns == 1) return false;
  if (rows >= 10 || columns > 4) return true;
  return rows * columns > 10;
}

NodeSet find_data_tables(pugi::xml_node root) {
  NodeSet tables;
  for (pugi::xml_node table : elements_named(root, {"table"})) {
    if (is_data_table(table)) tables.insert(table.internal_object());
  }
  return tables;
}

bool inside_data_table(pugi::xml_node node, const NodeSet& tables) {
  for (pugi::xml_node parent = node.parent(); is_element(parent); parent = parent.parent()) {
    if (tables.count(parent.internal_object())) return true;
  }
  return false;
}

double text_density(pugi::xml_node node, std::initializer_list<std::string_view> names,
                    LengthMemo& memo) {
  const std::size_t length = memo.length(node);
  if (length == 0) return 0;
  std::size_t inner = 0;
  for (pugi::xml_node child : elements_named(node, names)) inner += memo.length(child);
  return static_cast<double>(inner) / static_cast<double>(length);
}

bool is_ad_or_loading_text(std::string_view text) {
  const std::string lower = ascii_lower(text);
  static constexpr std::string_view words[] = {
      "ad",          "advertising", "advertisement", "pub",       "publicité", "werb",
      "werbung",     "广告",        "Реклама",       "Anuncio",   "реклама",   "anuncio"};
  if (std::find(std::begin(words), std::end(words), lower) != std::end(words)) return true;
  std::string_view stem = lower;
  for (std::string_view dots : {std::string_view("\xE2\x80\xA6"), std::string_view("...")}) {
    if (stem.ends_with(dots)) {
      stem.remove_suffix(dots.size());
      break;
    }
  }
  static constexpr std::string_view loading[] = {"loading", "正在加载", "Загрузка", "загрузка",
                                                 "chargement", "cargando"};
  return std::find(std::begin(loading), std::end(loading), stem) != std::end(loading);
}

/// Readability's shadiness checks for one element of _cleanConditionally.
bool looks_shady(pugi::xml_node node, bool is_list, int weight, LengthMemo& memo) {
  const double paragraphs = static_cast<double>(count_named(node, "p"));
  const double images = static_cast<double>(count_named(node, "img"));
  const double list_items = static_cast<double>(count_named(node, "li")) - 100;
  const double inputs = static_cast<double>(count_named(node, "input"));
  const double heading_density = text_density(node, {"h1", "h2", "h3", "h4", "h5", "h6"}, memo);
  std::size_t embeds = 0;
  for (pugi::xml_node embed : elements_named(node, {"object", "embed", "iframe"})) {
    if (embeds_video(embed)) return false;
    ++embeds;
  }
  const std::size_t length = memo.length(node);
  // The ad and loading words are short: only a short text can be one of them.
  if (length < 32 && is_ad_or_loading_text(inner_text(node))) return true;
  const double density = memo.link_density(node);
  const double textish = text_density(
      node, {"span", "li", "td", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"},
      memo);
  const bool in_figure = has_ancestor_named(node, "figure");
  return (!in_figure && images > 1 && paragraphs / images < 0.5) ||
         (!is_list && list_items > paragraphs) || inputs > std::floor(paragraphs / 3) ||
         (!is_list && !in_figure && heading_density < 0.9 && length < 25 &&
          (images == 0 || images > 2) && density > 0) ||
         (!is_list && weight < 25 && density > 0.2) || (weight >= 25 && density > 0.5) ||
         (embeds == 1 && length < 75) || embeds > 1 || (images == 0 && textish == 0);
}

/// A list of images (one image per item, nothing else) stays even when it looks shady.
bool is_image_list(pugi::xml_node node) {
  for (pugi::xml_node child : element_children(node)) {
    if (element_child_count(child) > 1) return false;
  }
  return count_named(node, "img") == count_named(node, "li");
}

bool should_remove_conditionally(pugi::xml_node node, std::string_view name,
                                 const NodeSet& tables, const GrabFlags& flags, LengthMemo& memo) {
  bool is_list = name == "ul" || name == "ol";
  if (!is_list) {
    std::size_t list_length = 0;
    for (pugi::xml_node list : elements_named(node, {"ul", "ol"})) {
      list_length += memo.length(list);
    }
    const std::size_t length = memo.length(node);
    is_list = length > 0 && static_cast<double>(list_length) / static_cast<double>(length) > 0.9;
  }
  if (name == "table" && tables.count(node.internal_object())) return false;
  if (inside_data_table(node, tables) || has_ancestor_named(node, "code")) return false;
  for (pugi::xml_node table : elements_named(node, {"table"})) {
    if (tables.count(table.internal_object())) return false;
  }
  const int weight = class_weight(node, flags.weight_classes);
  if (weight < 0) return true;
  if (comma_count(text_content(node)) >= 10) return false;
  const bool shady = looks_shady(node, is_list, weight, memo);
  if (shady && is_list && is_image_list(node)) return false;
  return shady;
}

void clean_conditionally(pugi::xml_node root, std::string_view name, const NodeSet& tables,
                         const GrabFlags& flags) {
  if (!flags.clean_conditionally) return;
  std::vector<pugi::xml_node> nodes = elements_named(root, {name});
  LengthMemo memo;
  // Backwards, so inner elements are judged before the containers holding them.
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
    if (should_remove_conditionally(*it, name, tables, flags, memo)) memo.discard(*it);
  }
}

void remove_share_elements(pugi::xml_node article) {
  constexpr std::size_t kThreshold = 500;
  for (pugi::xml_node child : element_children(article)) {
    const pugi::xml_node end = next_element(child, true);
    for (pugi::xml_node node = next_element(child); node && node != end;) {
      const std::string lower = ascii_lower(match_string(node));
      if (has_share_name(lower) && js_length(text_content(node)) < kThreshold) {
        const pugi::xml_node next = next_element(node, true);
        discard_node(node);
        node = next;
      } else {
        node = next_element(node);
      }
    }
  }
}

void remove_empty_paragraphs(pugi::xml_node article) {
  for (pugi::xml_node paragraph : elements_named(article, {"p"})) {
    if (!elements_named(paragraph, {"img", "embed", "object", "iframe"}).empty()) continue;
    if (trim_js_space(text_content(paragraph)).empty()) discard_node(paragraph);
  }
}

void unwrap_single_cell_tables(pugi::xml_node article) {
  for (pugi::xml_node table : elements_named(article, {"table"})) {
    pugi::xml_node body = has_single_tag_inside(table, "tbody") ? first_element_child(table) : table;
    if (!has_single_tag_inside(body, "tr")) continue;
    pugi::xml_node row = first_element_child(body);
    if (!has_single_tag_inside(row, "td")) continue;
    pugi::xml_node cell = first_element_child(row);
    bool phrasing = true;
    for (pugi::xml_node child : cell.children()) phrasing = phrasing && is_phrasing_content(child);
    cell.set_name(phrasing ? "p" : "div");
    replace_node(table, cell);
  }
}

}  // namespace

void clean_article(pugi::xml_node article, const GrabFlags& flags) {
  const NodeSet tables = find_data_tables(article);
  clean_conditionally(article, "form", tables, flags);
  clean_conditionally(article, "fieldset", tables, flags);
  for (std::string_view name : {"object", "embed", "footer", "link", "aside"}) {
    remove_all(article, name);
  }
  remove_share_elements(article);
  for (std::string_view name : {"iframe", "input", "textarea", "select", "button"}) {
    remove_all(article, name);
  }
  for (pugi::xml_node heading : elements_named(article, {"h1", "h2"})) {
    if (class_weight(heading, flags.weight_classes) < 0) discard_node(heading);
  }
  clean_conditionally(article, "table", tables, flags);
  clean_conditionally(article, "ul", tables, flags);
  clean_conditionally(article, "div", tables, flags);
  for (pugi::xml_node heading : elements_named(article, {"h1"})) heading.set_name("h2");
  remove_empty_paragraphs(article);
  for (pugi::xml_node line_break : elements_named(article, {"br"})) {
    pugi::xml_node next = line_break.next_sibling();
    while (next && next.type() == pugi::node_pcdata && trim_js_space(next.value()).empty()) {
      next = next.next_sibling();
    }
    if (has_name(next, "p")) discard_node(line_break);
  }
  unwrap_single_cell_tables(article);
}

}  // namespace feeds::detail
