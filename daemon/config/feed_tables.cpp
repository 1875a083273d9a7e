#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

#include "daemon/config/file_url.hpp"
#include "feeds/ascii.hpp"
#include "daemon/config/sections.hpp"

namespace feedd {

using namespace std::string_literals;
namespace {

std::optional<FullTextMode> parse_full_text_mode(std::string_view text) {
  if (text == "auto") return FullTextMode::automatic;
  if (text == "always") return FullTextMode::always;
  if (text == "never") return FullTextMode::never;
  return std::nullopt;
}

void read_optional_strings(TableReader& table, FeedConfig& feed) {
  feed.title = table.non_empty_string("title");
  feed.content_selector = table.non_empty_string("content_selector");
  feed.remove_selector = table.non_empty_string("remove_selector");
  feed.tags = table.string_array("tags").value_or(std::vector<std::string>{});
}

/// Reads and checks `url`; false when it is missing or unusable (reported).
bool read_url(TableReader& table, const LoadContext& context, FeedConfig& feed) {
  if (!table.contains("url")) {
    table.report_here("[[feed]] has no url");
    return false;
  }
  auto url = table.string("url");
  if (!url) return false;
  std::string error;
  auto checked = check_feed_url(*url, context.base_folder, error);
  if (!checked) {
    table.report("url", error);
    return false;
  }
  feed.url = std::move(*checked);
  return true;
}

std::optional<FeedConfig> read_feed_table(TableReader& table, const LoadContext& context) {
  FeedConfig feed;
  feed.origin = table.location();
  const bool has_url = read_url(table, context, feed);
  read_optional_strings(table, feed);
  feed.interval = table.duration("interval", std::chrono::seconds(1));
  if (auto mode = table.string("full_text")) {
    if (auto parsed = parse_full_text_mode(*mode)) {
      feed.full_text = *parsed;
    } else {
      table.report("full_text", "expected auto, always or never, got \""s + *mode + "\"");
    }
  }
  if (!has_url) return std::nullopt;
  return feed;
}

}  // namespace

std::optional<std::string> check_feed_url(std::string_view url,
                                          const std::filesystem::path& base_folder,
                                          std::string& error) {
  const auto colon = url.find(':');
  const std::string scheme = colon == std::string_view::npos ? "" : feeds::ascii_lower(url.substr(0, colon));
  if (scheme == "file") {
    if (auto path = file_url_to_path(url, base_folder)) return path_to_file_url(*path);
    error = "invalid file URL \""s + std::string(url) + "\"";
    return std::nullopt;
  }
  if (scheme != "http" && scheme != "https") {
    error = colon == std::string_view::npos
                ? "\""s + std::string(url) + "\" is not a URL (use http://, https:// or file:)"
                : "scheme \""s + scheme + "\" is not supported (use http, https or file)";
    return std::nullopt;
  }
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || !parsed->has_authority() || parsed->host().empty()) {
    error = "invalid URL \""s + std::string(url) + "\"";
    return std::nullopt;
  }
  return std::string(url);
}

void read_feed_tables(TableReader& root, const LoadContext& context,
                      std::vector<FeedConfig>& feeds) {
  const toml::array* tables = root.array_of_tables("feed");
  if (!tables) return;
  for (const toml::node& node : *tables) {
    TableReader table(*node.as_table(), "feed", "[[feed]]", context.file, context.problems);
    auto feed = read_feed_table(table, context);
    table.report_unknown_keys();
    if (feed) feeds.push_back(std::move(*feed));
  }
}

}  // namespace feedd
