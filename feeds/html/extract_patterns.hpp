#pragma once
/// Readability's class/id patterns (internal). Each takes the lower-cased class and id text.

#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace feeds::detail {

/// Menus, comments, footers, sidebars, share bars ... (REGEXPS.unlikelyCandidates).
bool is_unlikely_candidate(std::string_view lower);
/// Names that rescue an unlikely-looking container ("article", "content", "main", ...).
bool may_be_candidate(std::string_view lower);
bool has_positive_name(std::string_view lower);
bool has_negative_name(std::string_view lower);
bool has_byline_name(std::string_view lower);
/// "share" or "sharedaddy" as a word (underscores delimit too).
bool has_share_name(std::string_view lower);
/// ARIA roles of navigation and dialogs.
bool is_unlikely_role(std::string_view role);

/// ±25 for a positive/negative class, ±25 for a positive/negative id; 0 when disabled.
int class_weight(pugi::xml_node node, bool enabled);

}  // namespace feeds::detail
