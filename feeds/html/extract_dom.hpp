#pragma once
/// DOM helpers of the extractor (internal): element navigation in document order, removal that
/// keeps node identities stable, and the text measures Readability scores with.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace feeds::detail {

bool is_element(pugi::xml_node node);
bool has_name(pugi::xml_node node, std::string_view name);
bool name_in(pugi::xml_node node, std::initializer_list<std::string_view> names);
std::string_view attribute_of(pugi::xml_node node, const char* name);

pugi::xml_node first_element_child(pugi::xml_node node);
pugi::xml_node next_element_sibling(pugi::xml_node node);
std::vector<pugi::xml_node> element_children(pugi::xml_node node);
std::size_t element_child_count(pugi::xml_node node);

/// The next element in document order (Readability's _getNextNode): the first child unless
/// `skip_children`, else the next sibling, else the next sibling of the nearest ancestor.
/// Never leaves the top-level element it started in (<html>, or a detached article).
pugi::xml_node next_element(pugi::xml_node node, bool skip_children = false);

/// Descendant elements of `root` named one of `names`, in document order.
std::vector<pugi::xml_node> elements_named(pugi::xml_node root,
                                           std::initializer_list<std::string_view> names);
std::size_t count_named(pugi::xml_node root, std::string_view name);

/// True when an ancestor within `max_depth` levels (0: any) is named `name`.
bool has_ancestor_named(pugi::xml_node node, std::string_view name, int max_depth = 3);

/// Detaches `node` from the tree. The node is parked, not freed, so pointers held in score
/// tables never name a different, newer node.
void discard_node(pugi::xml_node node);
/// Puts `replacement` where `node` is and discards `node`.
void replace_node(pugi::xml_node node, pugi::xml_node replacement);
/// True while `node` hangs below the document's <html> element (not discarded).
bool is_attached(pugi::xml_node node);

/// All descendant text, as DOM textContent.
std::string text_content(pugi::xml_node node);
/// textContent trimmed, runs of two or more whitespace characters collapsed to one space when
/// `normalize` (Readability's _getInnerText; JavaScript's definition of whitespace).
std::string inner_text(pugi::xml_node node, bool normalize = true);
/// Trims, then replaces each run of two or more whitespace characters with one space.
std::string collapse_js_space_runs(std::string_view text);
/// Length in UTF-16 code units, as JavaScript counts it.
std::size_t js_length(std::string_view utf8);
std::size_t inner_text_length(pugi::xml_node node);
/// inner_text_length, but stops counting past `cap` (returns a value above it).
std::size_t inner_text_length_capped(pugi::xml_node node, std::size_t cap);
/// True when some descendant text is not whitespace.
bool has_text(pugi::xml_node node);
/// Share of the text inside links (links to "#..." count 30%).
double link_density(pugi::xml_node node);
/// Length of the JavaScript whitespace character at `text`'s start, 0 if it is none.
std::size_t js_space_length(std::string_view text);
std::string_view trim_js_space(std::string_view text);

/// class + " " + id, as Readability matches its patterns against.
std::string match_string(pugi::xml_node node);

bool is_phrasing_content(pugi::xml_node node);
/// A whitespace-only text node or a <br>.
bool is_whitespace_node(pugi::xml_node node);
/// An element without text whose only children are <br>s and <hr>s.
bool is_element_without_content(pugi::xml_node node);
/// Exactly one child element, named `name`, and no text beside it.
bool has_single_tag_inside(pugi::xml_node node, std::string_view name);
/// Some descendant is a block (blockquote, dl, div, img, ol, p, pre, table, ul).
bool has_child_block_element(pugi::xml_node node);

}  // namespace feeds::detail
