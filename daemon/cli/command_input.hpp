#pragma once
/// The document a one-shot command works on: a file, or an http(s) URL fetched once with the
/// daemon's HTTP client (`feedd parse URL`, `feedd extract URL`).

#include <optional>
#include <string>
#include <string_view>

namespace feedd {

struct CommandInput {
  std::string bytes;
  std::string url;           ///< the final URL after redirects; empty for a file
  std::string content_type;  ///< the response's Content-Type; empty for a file
};

/// True for http:// and https:// URLs.
bool is_http_url(std::string_view text);

/// Reads the file, or fetches the URL (the host the user named passes the SSRF guard; every
/// limit and timeout of the client applies). On failure returns nullopt and sets `error` to
/// "INPUT: message".
std::optional<CommandInput> load_command_input(const std::string& input, const char* accept, std::string& error);

}  // namespace feedd
