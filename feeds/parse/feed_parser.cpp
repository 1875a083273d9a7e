#include "feeds/parse/feed_parser.hpp"

#include <string>

#include "feeds/parse/adapters.hpp"
#include "feeds/parse/encoding.hpp"
#include "feeds/parse/xml_loader.hpp"
#include "feeds/url/resolve.hpp"

namespace feeds {
namespace {

/// JSON Feed documents start with '{' after an optional BOM and whitespace.
bool looks_like_json(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  auto start = bytes.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos && bytes[start] == '{';
}

Result<Feed> parse_json(const ParseRequest& request, const AdapterContext& context) {
  auto bytes = request.bytes;
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  auto text = repair_utf8(bytes);
  auto feed = parse_json_feed(text, context);
  if (feed && text.size() != bytes.size()) {
    feed->bozo = true;
    feed->warnings.push_back("jsonfeed: invalid UTF-8 replaced");
  }
  return feed;
}

std::string describe_root(pugi::xml_node root) {
  return std::string("not a feed: the document element is <") + root.name() + ">";
}

}  // namespace

Result<Feed> parse_feed(const ParseRequest& request) {
  if (request.bytes.size() > request.limits.max_bytes)
    return Error{ErrorCode::too_large, "parse: document of " + std::to_string(request.bytes.size()) +
                                           " bytes exceeds the limit of " + std::to_string(request.limits.max_bytes)};
  // A document URL we would not link to (javascript:, data:) is no base at all
  // (feedparser test wellformed/http/headers_content_location-unsafe.xml).
  std::string_view base = has_safe_scheme(request.base_url) ? request.base_url : std::string_view{};
  AdapterContext context{base, request.limits};
  if (looks_like_json(request.bytes)) return parse_json(request, context);

  auto decoded = decode_xml_view(request.bytes, request.content_type);
  auto loaded =
      load_xml(decoded.utf8(), XmlLimits{request.limits.max_bytes, XmlLimits{}.max_depth});
  if (!loaded) {
    if (loaded.error().code == ErrorCode::malformed)
      return Error{ErrorCode::not_a_feed, "not a feed: " + loaded.error().message};
    return loaded.error();
  }
  auto root = loaded->document.document_element();
  Feed feed;
  feed.format = detect_xml_format(root);
  if (feed.format == SourceFormat::unknown || feed.format == SourceFormat::cdf)
    return Error{ErrorCode::not_a_feed, describe_root(root)};
  feed.encoding = decoded.encoding;
  if (decoded.bozo) {
    feed.bozo = true;
    feed.warnings.push_back(repair_utf8(decoded.bozo_reason));
  }
  if (loaded->recovered) {
    feed.bozo = true;
    feed.warnings.push_back(repair_utf8("xml: recovered from malformed input: " + loaded->reason));
  }
  if (feed.format == SourceFormat::atom10 || feed.format == SourceFormat::atom03)
    map_atom(root, context, feed);
  else
    map_rss(root, context, feed);
  return feed;
}

}  // namespace feeds
