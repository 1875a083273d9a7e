#pragma once
/// The format adapters: each maps one wire format into the shared model.

#include <string_view>

#include <pugixml.hpp>

#include "feeds/model/feed.hpp"
#include "feeds/parse/feed_parser.hpp"
#include "feeds/result.hpp"

namespace feeds {

struct AdapterContext {
  std::string_view base_url;   ///< the document URL; may be empty
  const ParseLimits& limits;
};

/// The format of a canonicalized XML document, from its root element.
SourceFormat detect_xml_format(pugi::xml_node root);

/// RSS 0.9x/2.0 (`format` rss20 or rss09x) and RSS 1.0/0.90 (`format` rdf).
void map_rss(pugi::xml_node root, const AdapterContext& context, Feed& feed);

/// Atom 1.0 and 0.3.
void map_atom(pugi::xml_node root, const AdapterContext& context, Feed& feed);

/// JSON Feed 1.0/1.1 from UTF-8 text; not_a_feed when it is JSON but not a feed.
Result<Feed> parse_json_feed(std::string_view utf8, const AdapterContext& context);

}  // namespace feeds
