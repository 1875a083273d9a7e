#pragma once
/// `feedd poll [-c FILE] [--feed URL]... [--urls FILE] [--database PATH] [--no-full-text]`.

#include <string>
#include <vector>

namespace feedd {

struct PollCommandOptions {
  std::string config_path;        ///< empty: the default config if there is one, else defaults
  std::vector<std::string> feeds; ///< --feed URL (repeatable)
  std::string urls_file;          ///< --urls FILE: one URL per line
  std::string database;           ///< --database PATH: overrides [daemon] database
  bool no_full_text = false;
};

/// Polls the configured feeds (or the named ones) once, stores, extracts full text, prints a
/// summary. Exit code 0 when every feed was fetched, 1 otherwise or on bad input.
int run_poll_command(const PollCommandOptions& options);

}  // namespace feedd
