#pragma once
/// The daemon's configuration: every section and key of the TOML file (interfaces.md, "Config"),
/// with its default. A default-constructed Config is what an empty file yields, minus the
/// implicit "all" output which load_config adds.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/config/problem.hpp"

namespace feedd {

using Seconds = std::chrono::seconds;

/// The `listen` address, split: host is a name, an IPv4 address or an IPv6 address without
/// brackets; port 0 asks the kernel for a free port.
struct ListenAddress {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;

  /// "host:port", with brackets around an IPv6 host.
  std::string to_string() const;
  bool operator==(const ListenAddress&) const = default;
};

/// The default User-Agent: "feedd/VERSION (+https://github.com/feedd/feedd)".
std::string default_user_agent();

/// [daemon]. Relative paths in the file are resolved against the config file's folder.
struct DaemonSettings {
  std::filesystem::path database = "/var/lib/feedd/feedd.db";
  ListenAddress listen;
  std::string user_agent = default_user_agent();
  std::string log_level = "info";  ///< trace, debug, info, warn, error, critical or off
};

/// [poll]: how and how often feeds are fetched.
struct PollSettings {
  Seconds interval = std::chrono::minutes(30);  ///< default per feed, adapted within bounds
  Seconds min_interval = std::chrono::minutes(5);
  Seconds max_interval = std::chrono::hours(24);
  int concurrency = 32;  ///< fetches in flight in total
  int per_host = 2;      ///< fetches in flight per host
  Seconds timeout = std::chrono::seconds(30);
  std::uint64_t max_size = 20ull << 20;  ///< body bytes after decompression
  bool allow_private_addresses = false;  ///< SSRF guard off when true
};

/// [fulltext]: article extraction for feeds that carry only summaries.
struct FulltextSettings {
  bool enabled = true;
  int concurrency = 4;
  std::optional<std::filesystem::path> site_rules;  ///< folder of per-site rules; must exist
};

/// [retention]: what the database keeps.
struct RetentionSettings {
  Seconds max_age = std::chrono::days(180);
  int max_items_per_feed = 2000;
};

/// The tracking parameters removed from item URLs before they are compared.
std::vector<std::string> default_tracking_parameters();

/// [dedup]: when two items are the same story.
struct DedupSettings {
  Seconds window = std::chrono::days(3);  ///< only items this close in time are compared
  int max_distance = 3;                   ///< max Hamming distance of 64-bit fingerprints
  std::vector<std::string> tracking_parameters = default_tracking_parameters();  ///< exact names
};

/// [[feed]] `full_text`.
enum class FullTextMode { automatic, always, never };

/// "auto", "always" or "never".
std::string_view to_string(FullTextMode mode) noexcept;

/// One subscription, from a [[feed]] table or from the OPML file.
struct FeedConfig {
  std::string url;  ///< http(s)://, or an absolute file:/// URL (relative ones already resolved)
  std::optional<std::string> title;
  std::vector<std::string> tags;
  std::optional<Seconds> interval;  ///< overrides poll.interval
  FullTextMode full_text = FullTextMode::automatic;
  std::optional<std::string> content_selector;
  std::optional<std::string> remove_selector;
  SourceLocation origin;  ///< where it was defined, for later messages about this feed
};

/// One merged feed, from an [[output]] table.
struct OutputConfig {
  std::string name;                    ///< [a-z0-9_-]+, unique
  std::string title;                   ///< defaults to the name
  std::vector<std::string> tags;       ///< feeds with any of these tags; empty: all feeds
  std::optional<std::string> include;  ///< regex on title+content (see filter_regex.hpp)
  std::optional<std::string> exclude;
  int limit = 100;
  SourceLocation origin;
};

/// The name of the output that exists even when the file defines none.
inline constexpr std::string_view default_output_name = "all";

struct Config {
  DaemonSettings daemon;
  PollSettings poll;
  FulltextSettings fulltext;
  RetentionSettings retention;
  DedupSettings dedup;
  std::optional<std::filesystem::path> opml;  ///< resolved path of the OPML file, if named
  std::vector<FeedConfig> feeds;              ///< [[feed]] tables first, then OPML feeds
  std::vector<OutputConfig> outputs;          ///< includes "all" (appended if not defined)
};

/// A Config plus every problem found; the Config is only meant to be used when ok().
struct LoadResult {
  Config config;
  ConfigProblems problems;

  bool ok() const noexcept { return problems.empty(); }
};

/// Reads and validates a config file. Never throws: unreadable files, TOML syntax errors, unknown
/// keys, wrong types and bad values all end up in `problems`, as "FILE:LINE: message".
LoadResult load_config(const std::filesystem::path& path);

/// The same for TOML text; `display_path` names it in messages and its folder anchors relative
/// paths (so tests can write "dir/feedd.toml" without creating the file).
LoadResult load_config_from_string(std::string_view toml_text,
                                   const std::filesystem::path& display_path);

}  // namespace feedd
