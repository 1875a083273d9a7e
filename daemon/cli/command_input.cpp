#include "daemon/cli/command_input.hpp"

#include <fstream>
#include <iterator>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "daemon/cli/poll_targets.hpp"
#include "daemon/config/config.hpp"
#include "daemon/http/http_client.hpp"

namespace feedd {
namespace {

std::optional<CommandInput> read_input_file(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open file";
    return std::nullopt;
  }
  CommandInput input;
  input.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = path + ": read error";
    return std::nullopt;
  }
  return input;
}

std::optional<CommandInput> fetch_input(const std::string& url, const char* accept, std::string& error) {
  boost::asio::io_context io;
  HttpClientOptions options;
  options.user_agent = default_user_agent();
  options.allowed_addresses = endpoints_of_named_hosts({url});
  HttpClient client(io.get_executor(), options);
  FetchRequest request;
  request.url = url;
  request.accept = accept;
  FetchOutcome outcome;
  boost::asio::co_spawn(io, client.fetch(std::move(request)), [&outcome](std::exception_ptr failure, FetchOutcome result) {
    if (!failure) outcome = std::move(result);
  });
  io.run();
  if (!outcome) {
    error = url + ": " + describe(outcome.error());
    return std::nullopt;
  }
  auto response = std::move(outcome).value();
  return CommandInput{std::move(response.body), std::move(response.final_url), std::move(response.content_type)};
}

}  // namespace

bool is_http_url(std::string_view text) { return text.starts_with("http://") || text.starts_with("https://"); }

std::optional<CommandInput> load_command_input(const std::string& input, const char* accept, std::string& error) {
  if (is_http_url(input)) return fetch_input(input, accept, error);
  return read_input_file(input, error);
}

}  // namespace feedd
