#include <string_view>

#include "feeds/parse/adapters.hpp"
#include "feeds/parse/xml_node.hpp"

namespace feeds {
namespace {

SourceFormat rss_version_format(pugi::xml_node root) {
  std::string_view version = root.attribute("version").value();
  // 0.91 (Netscape or UserLand) to 0.94; no or unknown version means 2.0 (parse-output.md §2).
  if (version.starts_with("0.9")) return SourceFormat::rss09x;
  return SourceFormat::rss20;
}

}  // namespace

SourceFormat detect_xml_format(pugi::xml_node root) {
  std::string_view name = root.name();
  auto local = xml::local_name(name);
  auto prefix = xml::prefix_of(name);
  if (xml::is_element(root, "", "rss")) return rss_version_format(root);
  // An RDF root is RSS 1.0 or 0.90 even when empty or with unprefixed children (seen in the wild).
  if (prefix == "rdf" && local == "RDF") return SourceFormat::rdf;
  if (local == "feed" || local == "Feed") {
    if (prefix == "atom03") return SourceFormat::atom03;
    if (prefix == "atom" || prefix.empty()) return SourceFormat::atom10;
  }
  if (xml::is_element(root, "", "channel") && root.attribute("href")) return SourceFormat::cdf;
  return SourceFormat::unknown;
}

}  // namespace feeds
