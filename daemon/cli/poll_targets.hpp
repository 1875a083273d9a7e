#pragma once
/// Which feeds a one-shot command (`feedd poll`) works on: the config's, or URLs named on the
/// command line, checked and normalized.

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

#include "daemon/config/config.hpp"

namespace feedd {

/// The config `-c FILE` names, else the default file if one exists, else the defaults.
/// Problems are printed as FILE:LINE: message and the result is not ok then.
struct CommandConfig {
  bool ok = false;
  Config config;
};
CommandConfig load_command_config(const std::string& config_path, const char* command);

/// A URL typed by the user: http(s) and file URLs as given, an existing local path as an
/// absolute file:// URL. nullopt for anything else.
std::optional<std::string> normalize_command_url(const std::string& text);

/// --feed values then the lines of --urls FILE (blank lines and # comments skipped), each
/// normalized; every bad one reported as "FILE:LINE: ..." or "--feed ...". nullopt on any error.
std::optional<std::vector<std::string>> read_command_urls(const std::vector<std::string>& feeds,
                                                          const std::string& urls_file);

/// The addresses the named http(s) hosts resolve to. URLs the user names on the command line
/// are the user's to fetch, so the SSRF guard lets exactly these endpoints through (a feed on
/// 127.0.0.1 for a benchmark); redirects to other private addresses stay refused.
std::vector<boost::asio::ip::tcp::endpoint> endpoints_of_named_hosts(const std::vector<std::string>& urls);

}  // namespace feedd
