#include "daemon/cli/parse_command.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

#include "daemon/cli/batch_list.hpp"
#include "daemon/cli/command_input.hpp"
#include "feeds/html/autodiscover.hpp"
#include "feeds/parse/feed_parser.hpp"
#include "feeds/write/normalized_json.hpp"

namespace feedd {
namespace {

constexpr const char* kFeedAccept =
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5";

/// "not a feed", plus the feeds a web page advertises, so the user knows what to ask for.
std::string not_a_feed_message(const CommandInput& input, const feeds::Error& error) {
  std::string message = error.message;
  if (error.code != feeds::ErrorCode::not_a_feed || !feeds::looks_like_html_page(input.bytes)) return message;
  auto feeds = feeds::discover_feeds(input.bytes, input.url, input.content_type);
  if (feeds.empty()) return message + "; it is a web page that links to no feed";
  message += "; it is a web page that links to these feeds:";
  for (const auto& feed : feeds) message += " " + feed.url;
  return message;
}

/// Parses one file or URL; on success returns the JSON, on failure sets `error` ("INPUT: message").
std::optional<std::string> parse_to_json(const std::string& path, std::string_view base_url,
                                         std::string_view content_type, std::string& error) {
  auto input = load_command_input(path, kFeedAccept, error);
  if (!input) return std::nullopt;
  // A fetched document's base is its final URL, its charset the response's, unless given.
  std::string_view base = base_url.empty() ? std::string_view(input->url) : base_url;
  std::string_view type = content_type.empty() ? std::string_view(input->content_type) : content_type;
  feeds::ParseRequest request{input->bytes, base, type};
  auto feed = feeds::parse_feed(request);
  if (!feed) {
    error = path + ": " + not_a_feed_message(*input, feed.error());
    return std::nullopt;
  }
  return feeds::to_normalized_json(*feed);
}

}  // namespace

int run_parse_command(const ParseCommandOptions& options) {
  if (!options.batch_list.empty())
    return run_batch_list(options.batch_list, "parse", [](const std::string& input, const std::string& url, std::string& error) {
      return parse_to_json(input, url, "", error);
    });
  std::string error;
  auto json = parse_to_json(options.input, options.base_url, options.content_type, error);
  if (!json) {
    std::cerr << "feedd parse: " << error << "\n";
    return 1;
  }
  std::cout << *json << "\n";
  return 0;
}

}  // namespace feedd
