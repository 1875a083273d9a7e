#pragma once
/// `feedd extract PATH [--url URL] [--format text|html|json]` and
/// `feedd extract --batch LIST [--format ...]`.

#include <string>

namespace feedd {

struct ExtractCommandOptions {
  std::string input;          ///< PATH of one page (URLs come with the HTTP client)
  std::string url;            ///< the page's address, for relative links and site rules
  std::string format = "text";  ///< text | html | json
  std::string batch_list;     ///< LIST file for --batch; when set, `input` is empty
};

/// Runs the command; returns the process exit code (0 ok, 1 bad input or no article).
int run_extract_command(const ExtractCommandOptions& options);

}  // namespace feedd
