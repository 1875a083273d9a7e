#pragma once
/// An in-process HTTP/1.1 server for tests: 127.0.0.1, port 0, its own thread, scripted per path.
///
/// Each path answers with a FixtureResponse (or a handler that builds one from the request): a
/// status, headers and body, or exact raw bytes for malformed responses; optionally a delay
/// before the first byte, a stall (never answer), a slow drip (N bytes per interval, from the
/// start or from the body), truncation (close after N bytes, optionally with a TCP RST), and an
/// endless or generated body (optionally chunked). Connections are kept alive between requests
/// unless the response closes them. Every request is logged (method, target, headers) and
/// counted per path; accepted connections are counted too (keep-alive and SSRF tests check
/// them).
///
///   feedd::test::FixtureServer server;                       // or FixtureServer(tls_config)
///   server.on("/feed.xml", {.headers = {{"Content-Type", "application/rss+xml"}}, .body = rss});
///   server.on("/cond", [](const FixtureRequest& r) { return FixtureResponse{.status = 304}; });
///   client.fetch({server.url("/feed.xml")}) ... ; EXPECT_EQ(server.hits("/feed.xml"), 1);
///
/// Unknown paths answer 404. TLS: pass a FixtureTls (see fixture_server_tls.hpp for certificates
/// made at test time). The destructor stops the server within a bounded time: it stops the
/// io_context and joins the thread, dropping every open connection. Uses plain Asio (no Beast), so
/// it does not share parsing code with the client under test. The coroutines live in
/// fixture_server.cpp, compiled once into feedd_test_fixtures: a test that includes this header
/// does not compile Asio's coroutine and TLS machinery again.

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

namespace feedd::test {

/// A request as the server saw it.
struct FixtureRequest {
  std::string method;
  std::string target;  ///< as sent, with the query
  std::string path;    ///< target without the query
  std::vector<std::pair<std::string, std::string>> headers;

  /// The first header named `name` (case-insensitive).
  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [key, value] : headers)
      if (key.size() == name.size() &&
          std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) ==
                   std::tolower(static_cast<unsigned char>(b));
          }))
        return value;
    return std::nullopt;
  }
};

/// What the server does for one request.
struct FixtureResponse {
  int status = 200;
  std::string reason{};  ///< empty: the standard phrase
  std::vector<std::pair<std::string, std::string>> headers{};
  std::string body{};
  /// Add Content-Length unless the headers name Content-Length or Transfer-Encoding, or the body
  /// is chunked or streamed.
  bool add_content_length = true;
  /// Frame `body` (and streamed pieces) as chunks and add Transfer-Encoding: chunked.
  bool chunked = false;
  /// Exact bytes to send instead of status line, headers and body (malformed responses).
  std::optional<std::string> raw{};
  std::chrono::milliseconds delay_before_headers{0};
  bool stall = false;          ///< read the request, then never send a byte
  std::size_t drip_bytes = 0;  ///< when > 0: send this many bytes per drip_interval ...
  std::chrono::milliseconds drip_interval{0};
  bool drip_from_start = false;  ///< ... from the first byte (else from the start of the body)
  std::optional<std::size_t> close_after_bytes{};  ///< truncate: close after this many bytes
  bool reset_on_close = false;    ///< close with a TCP RST (SO_LINGER 0) instead of a FIN
  bool close_connection = false;  ///< close after this response (adds Connection: close)
  /// Pieces written after `body`, index 0, 1, ... until it returns nullopt or the client goes
  /// away (an endless body). Without `chunked` the body is delimited by closing the connection.
  std::function<std::optional<std::string>(std::size_t index)> stream_body{};
};

/// Builds a response from a request (conditional GET, echoing headers).
using FixtureHandler = std::function<FixtureResponse(const FixtureRequest&)>;

/// Server side TLS: certificate chain and key (PEM files), and optional weakening knobs.
struct FixtureTls {
  std::string certificate_chain_file{};
  std::string private_key_file{};
  int max_protocol_version = 0;  ///< e.g. TLS1_1_VERSION for a legacy-only server; 0: any
  int security_level = -1;       ///< OpenSSL security level; -1: the default
};

/// The server. See the file comment.
class FixtureServer {
 public:
  explicit FixtureServer(std::optional<FixtureTls> tls = std::nullopt);
  ~FixtureServer();
  FixtureServer(const FixtureServer&) = delete;
  FixtureServer& operator=(const FixtureServer&) = delete;

  /// Answer `path` (exact, query ignored) with `response` every time.
  void on(const std::string& path, FixtureResponse response);
  /// Answer `path` with whatever `handler` builds (runs on the server thread).
  void on(const std::string& path, FixtureHandler handler);

  std::uint16_t port() const;
  /// 127.0.0.1:PORT, for HttpClientOptions::allowed_addresses.
  boost::asio::ip::tcp::endpoint endpoint() const;
  /// "http(s)://HOST:PORT/path"; `host` lets tests use names their resolver maps here.
  std::string url(std::string_view path, std::string_view host = "127.0.0.1") const;

  /// Requests received for `path` so far.
  int hits(const std::string& path) const;
  /// Every request so far, in arrival order.
  std::vector<FixtureRequest> requests() const;
  /// TCP connections accepted so far (a refused SSRF target must show 0).
  int connections_accepted() const;

  /// Stops serving and drops every connection; bounded (no waiting for clients).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace feedd::test
