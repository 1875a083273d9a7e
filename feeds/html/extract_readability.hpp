#pragma once
/// Readability's grabArticle (internal): mark and clean the page, score paragraphs into their
/// ancestors, pick the best candidate, join its siblings, clean the result; retry with fewer
/// cleaning steps when too little text remains.

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <pugixml.hpp>

namespace feeds::detail {

/// The cleaning steps a pass applies; each retry turns the first one still on off.
struct GrabFlags {
  bool strip_unlikely = true;       ///< drop containers named like menus, comments, footers
  bool weight_classes = true;       ///< ±25 for content-like / junk-like class and id names
  bool clean_conditionally = true;  ///< drop linky, image-heavy or form-like blocks at the end
};

/// What the passes read and learn about the page besides the content.
struct GrabContext {
  std::string title;              ///< the article title (a heading repeating it is dropped)
  bool metadata_has_byline = false;
  std::string byline;             ///< set by the first byline-like element found (and removed)
};

/// Content scores of candidate elements, by node identity.
class ScoreTable {
 public:
  bool contains(pugi::xml_node node) const;
  double& at(pugi::xml_node node);
  /// Adds `node` with its starting score: tag bonus (div +5, pre/td/blockquote +3, lists and
  /// forms -3, headings -5) plus the class weight.
  void add(pugi::xml_node node, bool weight_classes);

 private:
  std::unordered_map<const void*, double> scores_;
};

/// Readability's _removeScripts and _prepDocument: drops script, noscript and style, turns runs
/// of two or more <br> into paragraphs, renames <font> to <span>.
void prepare_page(pugi::xml_node html);

/// Readability's isProbablyReaderable: enough long, visible paragraphs outside junk containers.
bool is_probably_readerable(pugi::xml_node html);

/// Walks the page: removes hidden, unlikely and empty elements, the byline and the heading that
/// repeats the title, turns text-only divs into paragraphs; returns the elements to score.
std::vector<pugi::xml_node> mark_page(pugi::xml_node html, const GrabFlags& flags,
                                      GrabContext& context);

/// Readability's _prepArticle: removes forms, embeds, share bars, junk headings, linky lists
/// and divs, empty paragraphs from the joined article.
void clean_article(pugi::xml_node article, const GrabFlags& flags);

/// The result of grab_article: a document owning the article element.
struct GrabbedArticle {
  std::unique_ptr<pugi::xml_document> document;
  pugi::xml_node content;      ///< a <div> holding the article, outside <html>
  std::size_t text_length = 0;
  double top_score = 0;        ///< the chosen candidate's content score
};

/// Runs the passes on copies of `page` (a parsed, script-free document). Empty `content` when
/// no pass found any text.
GrabbedArticle grab_article(const pugi::xml_document& page, GrabContext& context,
                            std::size_t char_threshold = 500);

}  // namespace feeds::detail
