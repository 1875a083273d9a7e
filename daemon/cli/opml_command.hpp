#pragma once
/// `feedd opml export [-c FILE]` and `feedd opml import FILE`.

#include <string>
#include <vector>

#include "daemon/config/config.hpp"

namespace feedd {

struct OpmlCommandOptions {
  std::string config_path;  ///< export: empty for the default config, else defaults
  std::string import_file;  ///< import: the OPML file
};

/// Prints the configured subscriptions as OPML 2.0, with titles and sites from the database
/// when it exists. Exit 1 when the config is bad or the database unreadable.
int run_opml_export_command(const OpmlCommandOptions& options);

/// Prints the OPML file's feeds as [[feed]] TOML blocks (folders and categories become tags).
/// Problems go to stderr as FILE:LINE: message with exit 1; the usable feeds are still printed.
int run_opml_import_command(const OpmlCommandOptions& options);

/// `feeds` as [[feed]] tables (url, title, tags), separated by blank lines, every string a
/// TOML basic string with XML-forbidden characters removed and the rest escaped.
std::string feed_tables_toml(const std::vector<FeedConfig>& feeds);

/// `text` as a TOML basic string, quotes included.
std::string toml_string(std::string_view text);

}  // namespace feedd
