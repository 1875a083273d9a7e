#include "daemon/cli/parse_command.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

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

struct BatchLine {
  std::string id, input, base_url, output;
};

std::optional<BatchLine> split_batch_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, '\t')) fields.push_back(field);
  if (fields.size() != 4) return std::nullopt;
  return BatchLine{fields[0], fields[1], fields[2], fields[3]};
}

int run_batch(const std::string& list_path) {
  std::ifstream list(list_path);
  if (!list) {
    std::cerr << "feedd parse: " << list_path << ": cannot open batch list\n";
    return 1;
  }
  int failures = 0;
  std::string line;
  for (int line_number = 1; std::getline(list, line); ++line_number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto entry = split_batch_line(line);
    if (!entry) {
      std::cerr << list_path << ":" << line_number
                << ": expected ID<TAB>INPUT_PATH<TAB>BASE_URL<TAB>OUTPUT_PATH\n";
      ++failures;
      continue;
    }
    std::string error;
    auto json = parse_to_json(entry->input, entry->base_url, "", error);
    if (!json) {
      std::cerr << entry->id << ": " << error << "\n";
      continue;  // not a feed: no output file, one line on stderr (interfaces.md)
    }
    std::ofstream out(entry->output, std::ios::binary | std::ios::trunc);
    out << *json << "\n";
    if (!out) {
      std::cerr << entry->id << ": " << entry->output << ": cannot write output\n";
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace

int run_parse_command(const ParseCommandOptions& options) {
  if (!options.batch_list.empty()) return run_batch(options.batch_list);
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
