#pragma once
/// Runs HttpClient fetches to completion in tests, with a bound, against a FixtureServer.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "daemon/http/http_client.hpp"
#include "support/fixture_server.hpp"

namespace feedd::test {

/// Short limits so hostile-server tests end in well under a second each.
inline HttpClientOptions short_test_options(const FixtureServer& allowed) {
  HttpClientOptions options;
  options.user_agent = "feedd-test/1";
  options.resolve_timeout = std::chrono::seconds(2);
  options.connect_timeout = std::chrono::seconds(2);
  options.tls_timeout = std::chrono::seconds(2);
  options.header_timeout = std::chrono::milliseconds(300);
  options.total_timeout = std::chrono::seconds(5);
  options.min_body_rate = 1024;
  options.min_body_rate_window = std::chrono::milliseconds(300);
  options.allowed_addresses = {allowed.endpoint()};
  return options;
}

/// Runs one fetch on `io` until it completes; fails the test (and returns a cancelled error) if
/// it takes longer than `bound`.
inline FetchOutcome run_fetch(boost::asio::io_context& io, HttpClient& client,
                              FetchRequest request,
                              std::chrono::milliseconds bound = std::chrono::seconds(20)) {
  std::optional<FetchOutcome> result;
  boost::asio::co_spawn(io, client.fetch(std::move(request)),
                        [&](std::exception_ptr failure, FetchOutcome outcome) {
                          if (failure) std::rethrow_exception(failure);
                          result.emplace(std::move(outcome));
                        });
  io.restart();
  const auto give_up = std::chrono::steady_clock::now() + bound;
  while (!result && std::chrono::steady_clock::now() < give_up)
    io.run_one_until(give_up);
  if (!result) {
    ADD_FAILURE() << "fetch did not finish within " << bound.count() << " ms";
    return FetchError{FetchErrorKind::cancelled, "test bound"};
  }
  return std::move(*result);
}

/// A client, its io_context and a plain fixture server whose endpoint is allowlisted.
class FetchHarness {
public:
  FetchHarness() : options_(short_test_options(server)), resolver_(default_resolver()) {}
  explicit FetchHarness(std::optional<FixtureTls> tls)
      : server(std::move(tls)), options_(short_test_options(server)),
        resolver_(default_resolver()) {}

  /// Options before the first fetch (the client is built lazily with them).
  HttpClientOptions& options() { return options_; }
  void use_resolver(std::shared_ptr<Resolver> resolver) { resolver_ = std::move(resolver); }

  HttpClient& client() {
    if (!client_) client_ = std::make_unique<HttpClient>(io.get_executor(), options_, resolver_);
    return *client_;
  }
  FetchOutcome fetch(FetchRequest request) { return run_fetch(io, client(), std::move(request)); }
  FetchOutcome fetch(const std::string& url) { return fetch(FetchRequest{url}); }
  /// Fetches a path of the fixture server.
  FetchOutcome fetch_path(const std::string& path) { return fetch(server.url(path)); }

  boost::asio::io_context io;
  FixtureServer server;

private:
  /// localhost is 127.0.0.1 only (the system may add ::1, which the allowlist does not name);
  /// other names and odd literals go to getaddrinfo.
  std::shared_ptr<Resolver> default_resolver() {
    return std::make_shared<StaticResolver>(
        std::map<std::string, std::vector<boost::asio::ip::address>>{
            {"localhost", {boost::asio::ip::make_address("127.0.0.1")}}},
        std::make_shared<SystemResolver>(io.get_executor()));
  }

  HttpClientOptions options_;
  std::shared_ptr<Resolver> resolver_;
  std::unique_ptr<HttpClient> client_;
};

/// "kind: description" for assertion messages.
inline std::string explain(const FetchOutcome& outcome) {
  if (outcome) return "success, status " + std::to_string(outcome.value().status);
  return std::string(to_string(outcome.error().kind)) + ": " + describe(outcome.error());
}

}  // namespace feedd::test
