#pragma once
/// The parts of RSS mapping that read extension namespaces (dc, dcterms, itunes, atom, enc,
/// sy) and the channel's scheduling hints; used by the RSS/RDF adapter.

#include <string_view>

#include <pugixml.hpp>

#include "feeds/model/feed.hpp"
#include "feeds/parse/xml_node.hpp"

namespace feeds {

/// date_published / date_modified from pubDate, dcterms:issued, dc:date, dcterms:created,
/// dcterms:modified, atom:published/updated; within a class the last parseable one wins.
void map_item_dates(const xml::Children& item, Item& out);
/// author (RFC 822 forms), dc:creator, else itunes:author.
void map_item_authors(const xml::Children& item, bool rdf, Item& out);
/// category, dc:subject, itunes:keywords (comma-separated), itunes:category/@text.
void map_item_tags(const xml::Children& item, Item& out);
/// enclosure, enc:enclosure, atom:link rel="enclosure".
void map_item_attachments(const xml::Children& item, std::string_view base, Item& out);

void map_channel_language(pugi::xml_node channel, Feed& feed);
void map_channel_image(pugi::xml_node channel, std::string_view prefix, std::string_view base, Feed& feed);
/// managingEditor, dc:creator, itunes:author, itunes:owner.
void map_channel_authors(pugi::xml_node channel, Feed& feed);
/// atom:link rel="self" → feed_url, rel="hub" → websub_hub.
void map_channel_links(pugi::xml_node channel, std::string_view base, Feed& feed);
/// ttl, skipHours, skipDays, sy:updatePeriod, sy:updateFrequency.
void map_polling_hints(pugi::xml_node channel, PollingHints& hints);

}  // namespace feeds
