#pragma once
/// `feedd run`: the daemon. One io_context thread runs the scheduler, the full-text worker,
/// retention and the signal handlers; parsing and extraction run on a worker pool; the
/// database has its own owner thread.

#include <filesystem>
#include <optional>
#include <string>

namespace feedd {

struct DaemonOptions {
  std::filesystem::path config_path;
  std::optional<std::string> log_level;  ///< --log-level; wins over [daemon] log_level
};

/// Runs until SIGTERM/SIGINT (graceful stop: no new fetches, in-flight work finishes within a
/// bound) and reloads the config on SIGHUP. Returns the process exit code.
int run_daemon(const DaemonOptions& options);

}  // namespace feedd
