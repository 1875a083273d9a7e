#include "daemon/app/daemon_setup.hpp"

#include <spdlog/spdlog.h>

namespace feedd {

HttpClientOptions http_client_options(const Config& config) {
  HttpClientOptions options;
  options.user_agent = config.daemon.user_agent;
  options.total_timeout = config.poll.timeout;
  options.max_body_bytes = config.poll.max_size;
  options.allow_private_addresses = config.poll.allow_private_addresses;
  return options;
}

std::optional<LoadedSiteRules> load_configured_site_rules(const Config& config) {
  if (!config.fulltext.site_rules) return std::nullopt;
  auto loaded = load_site_rules(*config.fulltext.site_rules);
  for (const auto& error : loaded.errors) spdlog::error("site rules: {}", error);
  for (const auto& warning : loaded.warnings) spdlog::debug("site rules: {}", warning);
  spdlog::info("site rules: {} sites from {}", loaded.rules.size(), config.fulltext.site_rules->string());
  return loaded;
}

feeds::StoryPolicy story_policy(const DedupSettings& dedup) {
  feeds::StoryPolicy policy;
  policy.tracking.names = dedup.tracking_parameters;
  policy.window = dedup.window;
  policy.max_distance = dedup.max_distance;
  return policy;
}

std::unique_ptr<Store> open_store(const std::filesystem::path& database,
                                  const DedupSettings& dedup, StartupCheck check) {
  auto folder = database.parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder);
  StoreOptions options;
  options.story_policy = story_policy(dedup);
  options.database.startup_check = check;
  return std::make_unique<Store>(database, std::move(options));
}

void warn_about_restart_only_settings(const Config& running, const Config& reloaded) {
  auto warn = [](const char* key) { spdlog::warn("reload: {} changed; it takes effect after a restart", key); };
  if (running.daemon.database != reloaded.daemon.database) warn("[daemon] database");
  if (!(running.daemon.listen == reloaded.daemon.listen)) warn("[daemon] listen");
  if (running.daemon.user_agent != reloaded.daemon.user_agent) warn("[daemon] user_agent");
  if (running.poll.concurrency != reloaded.poll.concurrency || running.poll.per_host != reloaded.poll.per_host)
    warn("[poll] concurrency/per_host");
  if (running.poll.timeout != reloaded.poll.timeout || running.poll.max_size != reloaded.poll.max_size ||
      running.poll.allow_private_addresses != reloaded.poll.allow_private_addresses)
    warn("[poll] timeout/max_size/allow_private_addresses");
  if (running.fulltext.site_rules != reloaded.fulltext.site_rules || running.fulltext.concurrency != reloaded.fulltext.concurrency)
    warn("[fulltext] site_rules/concurrency");
  if (running.dedup.window != reloaded.dedup.window ||
      running.dedup.max_distance != reloaded.dedup.max_distance ||
      running.dedup.tracking_parameters != reloaded.dedup.tracking_parameters)
    warn("[dedup]");
}

}  // namespace feedd
