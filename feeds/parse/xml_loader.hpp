#pragma once
/// Loading feed XML into pugixml: strict first, then a lenient recovery parse; then element
/// and attribute names are rewritten to canonical prefixes so adapters match by namespace URI.

#include <cstddef>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "feeds/result.hpp"

namespace feeds {

/// Canonical prefixes. After loading, an element or attribute in one of these namespaces is
/// named "<prefix>:<local>" whatever prefix the document used; RSS 0.9x/2.0 elements (no
/// namespace, or a known/bogus RSS default namespace under an <rss> root) have no prefix.
/// Elements in namespaces not listed keep "<their prefix>:<local>" or "<local>".
namespace ns {
inline constexpr std::string_view atom10 = "http://www.w3.org/2005/Atom";        // atom:
inline constexpr std::string_view atom03 = "http://purl.org/atom/ns#";           // atom03:
inline constexpr std::string_view rss10 = "http://purl.org/rss/1.0/";            // rss1:
inline constexpr std::string_view rss090 = "http://my.netscape.com/rdf/simple/0.9/";  // rss090:
inline constexpr std::string_view rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"; // rdf:
inline constexpr std::string_view dc = "http://purl.org/dc/elements/1.1/";       // dc:
inline constexpr std::string_view dcterms = "http://purl.org/dc/terms/";         // dcterms:
inline constexpr std::string_view content = "http://purl.org/rss/1.0/modules/content/";  // content:
inline constexpr std::string_view itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"; // itunes:
inline constexpr std::string_view media = "http://search.yahoo.com/mrss/";       // media:
inline constexpr std::string_view enc = "http://purl.oclc.org/net/rss_2.0/enc#"; // enc:
inline constexpr std::string_view feedburner = "http://rssnamespace.org/feedburner/ext/1.0"; // feedburner:
inline constexpr std::string_view sy = "http://purl.org/rss/1.0/modules/syndication/";     // sy:
inline constexpr std::string_view slash = "http://purl.org/rss/1.0/modules/slash/";        // slash:
inline constexpr std::string_view xhtml = "http://www.w3.org/1999/xhtml";        // xhtml:
inline constexpr std::string_view xml = "http://www.w3.org/XML/1998/namespace";  // xml: (implicit)
}  // namespace ns

struct XmlLimits {
  std::size_t max_bytes = 64u << 20;   ///< larger input → ErrorCode::too_large
  std::size_t max_depth = 1000;        ///< deeper nesting → ErrorCode::too_deep (iterative walkers)
};

struct LoadedXml {
  pugi::xml_document document;
  bool recovered = false;   ///< the strict parse failed; this is the lenient parse's tree
  std::string reason;       ///< why it was recovered ("line 12: mismatched end tag </b>")
  std::string warning;      ///< non-fatal oddity of a strictly parsed tree ("undeclared
                            ///< namespace prefix itunes:"); feedparser calls this bozo too
};

/// Parses UTF-8 XML. Never expands DTD entities (no external entities, no billion laughs);
/// HTML named entities, bare '&', mismatched or unclosed tags, text after the root and junk
/// before the prolog are recovered, keeping everything complete so far.
/// Errors: not XML at all (no root element) → malformed; over limits → too_large/too_deep.
Result<LoadedXml> load_xml(std::string_view utf8, const XmlLimits& limits = {});

}  // namespace feeds
