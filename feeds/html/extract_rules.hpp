#pragma once
/// Content chosen by rules rather than by scoring (internal): per-feed selectors and site rules
/// (feeds/html/site_rules.hpp, feeds/html/css_selector.hpp).

#include <string_view>

#include <pugixml.hpp>

#include "feeds/result.hpp"

namespace feeds {
struct SiteRules;
}

namespace feeds::detail {

/// Removes what `remove_selector` matches, then collects what `content_selector` matches into a
/// new <div> outside <html>. Null node when the selector is empty or matches nothing;
/// invalid_argument when a selector does not compile.
Result<pugi::xml_node> select_by_feed_selectors(pugi::xml_document& document,
                                                std::string_view content_selector,
                                                std::string_view remove_selector);

/// Applies the site's strip rules, then returns its body element (null when none matches).
pugi::xml_node select_by_site_rules(pugi::xml_document& document, const SiteRules& rules);

/// Moves the matches of `xpath` (outermost first, in document order) into a new <div>.
Result<pugi::xml_node> collect_matches(pugi::xml_document& document, std::string_view xpath);

}  // namespace feeds::detail
