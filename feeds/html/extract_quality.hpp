#pragma once
/// How much extracted content looks like an article (internal), and the last tidying of it.

#include <cstddef>
#include <string_view>

#include <pugixml.hpp>

namespace feeds::detail {

struct ContentStats {
  std::size_t text_length = 0;      ///< UTF-16 units of normalized text
  std::size_t long_blocks = 0;      ///< paragraphs, quotes, items of 100+ characters
  std::size_t linked_headings = 0;  ///< headings that are mostly a link (a list of teasers)
  double link_density = 0;
};

ContentStats measure_content(pugi::xml_node content);

/// 0..1: length and long paragraphs, discounted by link density and, on a page that does not
/// declare itself an article, by teaser-list structure.
double quality_score(const ContentStats& stats, bool declared_article);

/// Removes elements whose whole text is the byline ("Jane Doe", "By Jane Doe").
void remove_repeated_byline(pugi::xml_node content, std::string_view byline);

/// In each <figure>: removes caption blocks that repeat a longer one (caption, then credit line
/// with the same words) and empties an img alt that repeats the caption.
void remove_repeated_captions(pugi::xml_node content);

}  // namespace feeds::detail
