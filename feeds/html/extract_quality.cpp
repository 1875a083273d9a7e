#include "feeds/html/extract_quality.hpp"
#include "feeds/ascii.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "feeds/html/extract_dom.hpp"
#include "feeds/html/extract_patterns.hpp"

namespace feeds::detail {
namespace {

constexpr std::size_t kLongBlock = 100;

bool is_mostly_link(pugi::xml_node heading) {
  const std::size_t length = inner_text_length(heading);
  if (length == 0) return false;
  std::size_t linked = 0;
  for (pugi::xml_node link : elements_named(heading, {"a"})) linked += inner_text_length(link);
  if (has_ancestor_named(heading, "a", 2)) linked = length;
  return linked * 2 >= length;
}

/// Lower-cased words (ASCII letters/digits; other bytes kept inside words).
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool part = byte >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                      (c >= 'A' && c <= 'Z');
    if (part) {
      word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

/// Share of `shorter`'s words that also occur in `longer`.
double word_overlap(std::string_view shorter, std::string_view longer) {
  const std::vector<std::string> small = words_of(shorter);
  const std::vector<std::string> large = words_of(longer);
  if (small.empty()) return 0;
  const std::set<std::string> known(large.begin(), large.end());
  const auto shared = std::count_if(small.begin(), small.end(),
                                    [&](const std::string& word) { return known.count(word) != 0; });
  return static_cast<double>(shared) / static_cast<double>(small.size());
}

std::string_view strip_by_prefix(std::string_view text) {
  for (std::string_view prefix : {"by:", "by ", "von ", "par ", "por "}) {
    if (text.size() > prefix.size() && ascii_lower(text.substr(0, prefix.size())) == prefix) {
      return trim_js_space(text.substr(prefix.size()));
    }
  }
  return text;
}

}  // namespace

ContentStats measure_content(pugi::xml_node content) {
  ContentStats stats;
  stats.text_length = inner_text_length(content);
  stats.link_density = link_density(content);
  for (pugi::xml_node block : elements_named(content, {"p", "pre", "blockquote", "li", "dd", "td"})) {
    if (inner_text_length(block) >= kLongBlock) ++stats.long_blocks;
  }
  for (pugi::xml_node heading : elements_named(content, {"h1", "h2", "h3", "h4", "h5", "h6"})) {
    if (is_mostly_link(heading)) ++stats.linked_headings;
  }
  return stats;
}

double quality_score(const ContentStats& stats, bool declared_article) {
  const double length = std::min(1.0, static_cast<double>(stats.text_length) / 1500.0);
  const double blocks = std::min(1.0, static_cast<double>(stats.long_blocks) / 4.0);
  double quality = (0.6 * length + 0.4 * blocks) * (1 - stats.link_density);
  // A home or section page: a heading link per teaser, about one teaser paragraph each.
  if (!declared_article && stats.linked_headings >= 3 &&
      stats.linked_headings * 2 >= stats.long_blocks) {
    quality *= 0.15;
  }
  return std::clamp(quality, 0.0, 1.0);
}

void remove_repeated_byline(pugi::xml_node content, std::string_view byline) {
  const std::string wanted = ascii_lower(collapse_js_space_runs(byline));
  if (wanted.empty()) return;
  pugi::xml_node node = first_element_child(content);
  while (node) {
    if (inner_text_length_capped(node, 100) < 100 &&
        ascii_lower(strip_by_prefix(inner_text(node))) == wanted) {
      const pugi::xml_node next = next_element(node, true);
      discard_node(node);
      node = next;
    } else {
      node = next_element(node);
    }
  }
}

void remove_repeated_captions(pugi::xml_node content) {
  for (pugi::xml_node figure : elements_named(content, {"figure"})) {
    std::vector<pugi::xml_node> blocks = elements_named(figure, {"figcaption", "p", "span", "small", "cite"});
    std::vector<std::pair<pugi::xml_node, std::string>> texts;
    for (pugi::xml_node block : blocks) {
      if (!elements_named(block, {"figcaption", "p", "span", "small", "cite"}).empty()) continue;
      std::string text = inner_text(block);
      if (!text.empty()) texts.emplace_back(block, std::move(text));
    }
    std::sort(texts.begin(), texts.end(),
              [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
    for (std::size_t i = 1; i < texts.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (word_overlap(texts[i].second, texts[j].second) >= 0.8) {
          discard_node(texts[i].first);
          break;
        }
      }
    }
    const std::string caption = texts.empty() ? std::string() : texts.front().second;
    for (pugi::xml_node image : elements_named(figure, {"img"})) {
      if (!caption.empty() && word_overlap(attribute_of(image, "alt"), caption) >= 0.8) {
        image.attribute("alt").set_value("");
      }
    }
  }
}

}  // namespace feeds::detail
