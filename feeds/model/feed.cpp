#include "feeds/model/feed.hpp"

namespace feeds {

const char* to_string(SourceFormat format) noexcept {
  switch (format) {
    case SourceFormat::rss20: return "rss20";
    case SourceFormat::rss09x: return "rss09x";
    case SourceFormat::rdf: return "rdf";
    case SourceFormat::atom10: return "atom10";
    case SourceFormat::atom03: return "atom03";
    case SourceFormat::jsonfeed: return "jsonfeed";
    case SourceFormat::cdf: return "cdf";
    case SourceFormat::unknown: return "unknown";
  }
  return "unknown";
}

}  // namespace feeds
