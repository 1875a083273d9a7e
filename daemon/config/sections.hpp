#pragma once
/// Internal to load_config: one reader per part of the file. Each reads what is there into the
/// Config (leaving defaults for absent keys) and reports problems through the TableReader.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/config/config.hpp"
#include "daemon/config/table_reader.hpp"

namespace feedd {

/// What every reader needs besides the table: the file's name and folder, and the problem list.
struct LoadContext {
  std::string file;                   ///< as displayed in messages
  std::filesystem::path base_folder;  ///< anchors relative paths and file: URLs
  ConfigProblems& problems;
};

void read_daemon_section(TableReader& root, const LoadContext& context, DaemonSettings& daemon);
void read_poll_section(TableReader& root, const LoadContext& context, PollSettings& poll);
void read_fulltext_section(TableReader& root, const LoadContext& context,
                           FulltextSettings& fulltext);
void read_retention_section(TableReader& root, const LoadContext& context,
                            RetentionSettings& retention);
void read_dedup_section(TableReader& root, const LoadContext& context, DedupSettings& dedup);

/// [[feed]] tables, appended to `feeds`.
void read_feed_tables(TableReader& root, const LoadContext& context,
                      std::vector<FeedConfig>& feeds);
/// [[output]] tables, appended to `outputs`.
void read_output_tables(TableReader& root, const LoadContext& context,
                        std::vector<OutputConfig>& outputs);

/// Checks a feed URL: http(s) with a host, or a file: URL, which is returned resolved against
/// `base_folder` as an absolute file:/// URL. On failure returns nullopt and sets `error`.
std::optional<std::string> check_feed_url(std::string_view url,
                                          const std::filesystem::path& base_folder,
                                          std::string& error);

/// Where cross-section interval problems are reported.
struct IntervalLocations {
  SourceLocation interval;  ///< poll.interval, or [poll], or the file
  SourceLocation bounds;    ///< poll.min_interval, or [poll], or the file
};

/// Checks across sections once everything is read: interval bounds, duplicate feed URLs,
/// duplicate output names (later duplicates are dropped); adds the default output "all" when
/// the file defines none of that name.
void check_whole_config(Config& config, const IntervalLocations& interval_locations,
                        ConfigProblems& problems);

/// Parses "host:port" or "[v6]:port".
std::optional<ListenAddress> parse_listen_address(std::string_view text);

}  // namespace feedd
