#pragma once
/// Building the daemon's parts from the config, shared by `feedd run` and `feedd poll`.

#include <filesystem>
#include <memory>
#include <optional>

#include "daemon/config/config.hpp"
#include "daemon/fulltext/site_rules_loader.hpp"
#include "daemon/http/http_client_options.hpp"
#include "daemon/storage/store.hpp"

namespace feedd {

/// The HTTP client's settings from [daemon] and [poll].
HttpClientOptions http_client_options(const Config& config);

/// [fulltext] site_rules, loaded; files left out are logged. nullopt when not configured.
std::optional<LoadedSiteRules> load_configured_site_rules(const Config& config);

/// The [dedup] settings as feeds::same_story takes them: the configured exact names, and the
/// utm_ prefix always.
feeds::StoryPolicy story_policy(const DedupSettings& dedup);

/// Opens (creating its folder if needed), checks and migrates the database, with `dedup` deciding
/// which items of different feeds are one story; `check` says when opening runs quick_check.
/// Throws StorageError or std::filesystem::filesystem_error with the path in the message.
std::unique_ptr<Store> open_store(const std::filesystem::path& database,
                                  const DedupSettings& dedup = {},
                                  StartupCheck check = StartupCheck::always);

/// Logs the settings a SIGHUP cannot change in a running daemon (they need a restart).
void warn_about_restart_only_settings(const Config& running, const Config& reloaded);

}  // namespace feedd
