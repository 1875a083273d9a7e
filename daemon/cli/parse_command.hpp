#pragma once
/// `feedd parse PATH [--base URL] [--content-type CT]` and `feedd parse --batch LIST`.

#include <string>

namespace feedd {

struct ParseCommandOptions {
  std::string input;          ///< PATH of one document (URLs come with the HTTP client)
  std::string base_url;
  std::string content_type;
  std::string batch_list;     ///< LIST file for --batch; when set, `input` is empty
};

/// Runs the command; returns the process exit code (0 ok, 1 bad input/failure).
int run_parse_command(const ParseCommandOptions& options);

}  // namespace feedd
