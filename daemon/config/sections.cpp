#include "daemon/config/sections.hpp"

#include <algorithm>

#include "daemon/config/file_url.hpp"
#include "daemon/runtime/logging.hpp"

namespace feedd {

using namespace std::string_literals;
namespace {

constexpr int max_concurrency = 10000;
constexpr int max_count = 1000000000;

/// Runs `read` on the sub-table `name` when present, then reports its unknown keys.
template <class Read>
void with_section(TableReader& root, const LoadContext& context, std::string_view name, Read read) {
  const toml::table* table = root.table(name);
  if (!table) return;
  TableReader section(*table, std::string(name), "["s + std::string(name) + "]", context.file,
                      context.problems);
  read(section);
  section.report_unknown_keys();
}

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

void read_daemon_section(TableReader& root, const LoadContext& context, DaemonSettings& daemon) {
  with_section(root, context, "daemon", [&](TableReader& section) {
    if (auto database = section.non_empty_string("database")) {
      daemon.database = resolve_against(context.base_folder, *database);
    }
    if (auto listen = section.string("listen")) {
      if (auto address = parse_listen_address(*listen)) {
        daemon.listen = *address;
      } else {
        section.report("listen", "expected HOST:PORT (port 0-65535), got \""s + *listen + "\"");
      }
    }
    if (auto user_agent = section.non_empty_string("user_agent")) {
      // It becomes an HTTP header: a newline in it would split the request.
      if (has_control_character(*user_agent)) {
        section.report("user_agent", "must not contain control characters");
      } else {
        daemon.user_agent = *user_agent;
      }
    }
    if (auto level = section.string("log_level")) {
      if (parse_log_level(*level)) {
        daemon.log_level = *level;
      } else {
        section.report("log_level", "unknown level \""s + *level + "\" (use "s +
                                        std::string(log_level_names) + ")");
      }
    }
  });
}

void read_poll_section(TableReader& root, const LoadContext& context, PollSettings& poll) {
  using std::chrono::seconds;
  with_section(root, context, "poll", [&](TableReader& section) {
    poll.interval = section.duration("interval", seconds(1)).value_or(poll.interval);
    poll.min_interval = section.duration("min_interval", seconds(1)).value_or(poll.min_interval);
    poll.max_interval = section.duration("max_interval", seconds(1)).value_or(poll.max_interval);
    poll.concurrency =
        section.integer("concurrency", 1, max_concurrency).value_or(poll.concurrency);
    poll.per_host = section.integer("per_host", 1, max_concurrency).value_or(poll.per_host);
    poll.timeout = section.duration("timeout", seconds(1)).value_or(poll.timeout);
    poll.max_size = section.size("max_size").value_or(poll.max_size);
    poll.allow_private_addresses =
        section.boolean("allow_private_addresses").value_or(poll.allow_private_addresses);
  });
}

void read_fulltext_section(TableReader& root, const LoadContext& context,
                           FulltextSettings& fulltext) {
  with_section(root, context, "fulltext", [&](TableReader& section) {
    fulltext.enabled = section.boolean("enabled").value_or(fulltext.enabled);
    fulltext.concurrency =
        section.integer("concurrency", 1, max_concurrency).value_or(fulltext.concurrency);
    if (auto rules = section.non_empty_string("site_rules")) {
      const auto folder = resolve_against(context.base_folder, *rules);
      std::error_code error;
      if (std::filesystem::is_directory(folder, error)) {
        fulltext.site_rules = folder;
      } else {
        section.report("site_rules", "\""s + folder.string() + "\" is not a folder");
      }
    }
  });
}

void read_retention_section(TableReader& root, const LoadContext& context,
                            RetentionSettings& retention) {
  with_section(root, context, "retention", [&](TableReader& section) {
    retention.max_age =
        section.duration("max_age", std::chrono::seconds(1)).value_or(retention.max_age);
    retention.max_items_per_feed =
        section.integer("max_items_per_feed", 1, max_count).value_or(retention.max_items_per_feed);
  });
}

void read_dedup_section(TableReader& root, const LoadContext& context, DedupSettings& dedup) {
  with_section(root, context, "dedup", [&](TableReader& section) {
    dedup.window = section.duration("window", std::chrono::seconds(0)).value_or(dedup.window);
    // Fingerprints are 64 bits, so 64 is the largest distance that means anything.
    dedup.max_distance = section.integer("max_distance", 0, 64).value_or(dedup.max_distance);
    if (auto parameters = section.string_array("tracking_parameters")) {
      if (std::any_of(parameters->begin(), parameters->end(),
                      [](const std::string& name) { return name.empty(); })) {
        section.report("tracking_parameters", "names must not be empty");
      } else {
        dedup.tracking_parameters = std::move(*parameters);
      }
    }
  });
}

}  // namespace feedd
