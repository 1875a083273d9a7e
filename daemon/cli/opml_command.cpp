#include "daemon/cli/opml_command.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "daemon/app/daemon_setup.hpp"
#include "daemon/cli/poll_targets.hpp"
#include "daemon/config/opml.hpp"
#include "daemon/publish/subscription_outlines.hpp"
#include "daemon/storage/store.hpp"
#include "feeds/write/opml_writer.hpp"
#include "feeds/write/xml_safe.hpp"

namespace feedd {
namespace {

void append_escaped(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\t': out += "\\t"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    default: break;
  }
  if (c < 0x20 || c == 0x7F) {
    char escape[8];
    std::snprintf(escape, sizeof escape, "\\u%04X", c);
    out += escape;
    return;
  }
  out += static_cast<char>(c);
}

/// The stored feeds when the configured database exists; opening none creates nothing.
std::vector<FeedRecord> stored_feeds(const Config& config) {
  const auto& database = config.daemon.database;
  std::error_code ignored;
  if (!std::filesystem::exists(database, ignored)) return {};
  return open_store(database, config.dedup, StartupCheck::when_needed)->list_feeds();
}

}  // namespace

std::string toml_string(std::string_view text) {
  // xml_safe: valid UTF-8 (TOML requires it) without the control characters OPML cannot hold.
  const std::string safe = feeds::xml_safe(text);
  std::string out = "\"";
  for (char c : safe) append_escaped(out, static_cast<unsigned char>(c));
  out += '"';
  return out;
}

std::string feed_tables_toml(const std::vector<FeedConfig>& feeds) {
  std::string toml;
  for (const auto& feed : feeds) {
    if (!toml.empty()) toml += '\n';
    toml += "[[feed]]\nurl = ";
    toml += toml_string(feed.url);
    toml += '\n';
    if (feed.title) {
      toml += "title = ";
      toml += toml_string(*feed.title);
      toml += '\n';
    }
    if (!feed.tags.empty()) {
      toml += "tags = [";
      for (std::size_t i = 0; i < feed.tags.size(); ++i) {
        if (i > 0) toml += ", ";
        toml += toml_string(feed.tags[i]);
      }
      toml += "]\n";
    }
  }
  return toml;
}

int run_opml_export_command(const OpmlCommandOptions& options) {
  auto loaded = load_command_config(options.config_path, "opml export");
  if (!loaded.ok) return 1;
  try {
    const auto stored = stored_feeds(loaded.config);
    std::cout << feeds::write_opml(subscription_outlines(loaded.config.feeds, stored),
                                   "feedd subscriptions");
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "feedd opml export: " << error.what() << "\n";
    return 1;
  }
}

int run_opml_import_command(const OpmlCommandOptions& options) {
  const auto result = load_opml(options.import_file, options.import_file);
  std::cout << feed_tables_toml(result.feeds);
  for (const auto& problem : result.problems) {
    std::cerr << "feedd opml import: " << problem.to_string() << "\n";
  }
  return result.problems.empty() ? 0 : 1;
}

}  // namespace feedd
