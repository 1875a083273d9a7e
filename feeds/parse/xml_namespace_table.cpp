// The namespace URIs behind the canonical prefixes of xml_loader.hpp, with the variants feeds
// use in the wild (feedparser's namespace table and test corpus).

#include <array>

#include "feeds/parse/xml_loader.hpp"
#include "feeds/parse/xml_namespaces.hpp"

namespace feeds::xml_namespaces {
namespace {

struct Entry {
  std::string_view uri;
  std::string_view prefix;
};

constexpr std::array exact = {
    Entry{ns::atom10, "atom"},       Entry{ns::atom03, "atom03"},
    Entry{ns::rss10, "rss1"},        Entry{ns::rss090, "rss090"},
    Entry{ns::rdf, "rdf"},           Entry{ns::dc, "dc"},
    Entry{ns::dcterms, "dcterms"},   Entry{ns::content, "content"},
    Entry{ns::media, "media"},       Entry{ns::enc, "enc"},
    Entry{ns::feedburner, "feedburner"}, Entry{ns::sy, "sy"},
    Entry{ns::slash, "slash"},       Entry{ns::xhtml, "xhtml"},
    Entry{ns::xml, "xml"},
    // Missing trailing slashes, seen in real feeds.
    Entry{"http://search.yahoo.com/mrss", "media"},
    Entry{"http://purl.org/dc/elements/1.1", "dc"},
    Entry{"http://purl.org/dc/terms", "dcterms"},
    // Atom before 0.3 (feedparser tests atom_namespace_2..5).
    Entry{"http://purl.org/echo/", "atom03"},
    Entry{"http://purl.org/pie/", "atom03"},
    Entry{"http://example.com/newformat#", "atom03"},
    Entry{"http://example.com/necho", "atom03"},
    // RSS 2.0 "namespaces" (UserLand, Harvard): plain RSS.
    Entry{"http://blogs.law.harvard.edu/tech/rss", ""},
};

constexpr std::array<std::string_view, 14> undeclared_ok = {
    "atom", "atom03", "rdf", "dc", "dcterms", "content", "itunes",
    "media", "enc", "feedburner", "sy", "slash", "xhtml", "xml"};

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string_view> canonical_prefix(std::string_view uri) {
  for (const Entry& entry : exact)
    if (entry.uri == uri) return entry.prefix;
  // Apple documents "DTDs/Podcast-1.0.dtd"; feeds use every capitalization.
  if (equals_ignoring_ascii_case(uri, ns::itunes)) return "itunes";
  if (uri.starts_with("http://purl.org/atom/ns#draft-ietf-atompub-format-")) return "atom";
  if (uri.starts_with("http://backend.userland.com/rss")) return "";
  return std::nullopt;
}

std::optional<std::string_view> well_known_prefix(std::string_view prefix) {
  for (std::string_view known : undeclared_ok)
    if (known == prefix) return known;
  return std::nullopt;
}

}  // namespace feeds::xml_namespaces
