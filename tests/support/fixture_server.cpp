// The fixture server's implementation: see fixture_server.hpp.
#include "support/fixture_server.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace feedd::test {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

std::string standard_reason(int status) {
  // clang-format off
  static const std::map<int, std::string> phrases{
      {200, "OK"}, {204, "No Content"}, {301, "Moved Permanently"}, {302, "Found"},
      {303, "See Other"}, {304, "Not Modified"}, {307, "Temporary Redirect"},
      {308, "Permanent Redirect"}, {400, "Bad Request"}, {403, "Forbidden"},
      {404, "Not Found"}, {410, "Gone"}, {429, "Too Many Requests"},
      {500, "Internal Server Error"}, {502, "Bad Gateway"}, {503, "Service Unavailable"}};
  // clang-format on
  auto found = phrases.find(status);
  return found == phrases.end() ? "Status" : found->second;
}

std::string chunk(std::string_view data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return std::string(size).append(data).append("\r\n");
}

bool names_header(const FixtureResponse& response, std::string_view name) {
  FixtureRequest probe;
  probe.headers = response.headers;
  return probe.header(name).has_value();
}

/// Status line and headers; the body goes separately so drips can start at it.
std::string serialize_head(const FixtureResponse& response) {
  std::string head =
      "HTTP/1.1 " + std::to_string(response.status) + " " +
      (response.reason.empty() ? standard_reason(response.status) : response.reason) + "\r\n";
  for (const auto& [name, value] : response.headers) head += name + ": " + value + "\r\n";
  const bool framed =
      names_header(response, "Content-Length") || names_header(response, "Transfer-Encoding");
  if (response.chunked && !framed) head += "Transfer-Encoding: chunked\r\n";
  if (response.add_content_length && !framed && !response.chunked && !response.stream_body)
    head += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  if (response.close_connection || (response.stream_body && !response.chunked))
    head += "Connection: close\r\n";
  return head + "\r\n";
}

std::string serialize_body(const FixtureResponse& response) {
  if (!response.chunked) return response.body;
  std::string body = response.body.empty() ? "" : chunk(response.body);
  if (!response.stream_body) body += "0\r\n\r\n";
  return body;
}

std::optional<FixtureRequest> parse_request(std::string_view head) {
  FixtureRequest request;
  auto line_end = head.find("\r\n");
  const auto request_line = head.substr(0, line_end);
  const auto first_space = request_line.find(' ');
  const auto second_space = request_line.find(' ', first_space + 1);
  if (first_space == std::string_view::npos || second_space == std::string_view::npos)
    return std::nullopt;
  request.method = std::string(request_line.substr(0, first_space));
  request.target =
      std::string(request_line.substr(first_space + 1, second_space - first_space - 1));
  request.path = request.target.substr(0, request.target.find('?'));
  while (line_end != std::string_view::npos && line_end + 2 < head.size()) {
    const auto start = line_end + 2;
    line_end = head.find("\r\n", start);
    const auto line = head.substr(start, line_end - start);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    auto value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    request.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  return request;
}

tcp::socket& lowest_layer(tcp::socket& socket) {
  return socket;
}
tcp::socket& lowest_layer(asio::ssl::stream<tcp::socket>& stream) {
  return stream.next_layer();
}

}  // namespace

struct FixtureServer::Impl {
  explicit Impl(const std::optional<FixtureTls>& tls) {
    if (tls) configure_tls(*tls);
    acceptor_.open(tcp::v4());
    acceptor_.bind({boost::asio::ip::make_address_v4("127.0.0.1"), 0});
    acceptor_.listen();
    endpoint_ = acceptor_.local_endpoint();
    boost::asio::co_spawn(io_, accept_loop(), boost::asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Impl() { stop(); }

  /// Answer `path` (exact, query ignored) with `response` every time.
  void on(const std::string& path, FixtureResponse response) {
    on(path, FixtureHandler(
                 [response = std::move(response)](const FixtureRequest&) { return response; }));
  }
  void on(const std::string& path, FixtureHandler handler) {
    std::lock_guard lock(mutex_);
    handlers_[path] = std::move(handler);
  }

  std::uint16_t port() const { return endpoint_.port(); }
  /// 127.0.0.1:PORT, for HttpClientOptions::allowed_addresses.
  boost::asio::ip::tcp::endpoint endpoint() const { return endpoint_; }
  /// "http(s)://HOST:PORT/path"; `host` lets tests use names their resolver maps here.
  std::string url(std::string_view path, std::string_view host = "127.0.0.1") const {
    return std::string(tls_context_ ? "https://" : "http://") + std::string(host) + ":" +
           std::to_string(port()) + std::string(path);
  }

  /// Requests received for `path` so far.
  int hits(const std::string& path) const {
    std::lock_guard lock(mutex_);
    int count = 0;
    for (const auto& request : requests_) count += request.path == path ? 1 : 0;
    return count;
  }
  /// Every request so far, in arrival order.
  std::vector<FixtureRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  /// TCP connections accepted so far (a refused SSRF target must show 0).
  int connections_accepted() const { return accepted_.load(); }

  /// Stops serving and drops every connection; bounded (no waiting for clients).
  void stop() {
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }

  template <class T>
  using awaitable = boost::asio::awaitable<T>;

  void configure_tls(const FixtureTls& tls) {
    tls_context_.emplace(boost::asio::ssl::context::tls_server);
    SSL_CTX* native = tls_context_->native_handle();
    if (tls.security_level >= 0) SSL_CTX_set_security_level(native, tls.security_level);
    if (tls.max_protocol_version) {
      SSL_CTX_set_min_proto_version(native, 0);
      SSL_CTX_set_max_proto_version(native, tls.max_protocol_version);
    }
    tls_context_->use_certificate_chain_file(tls.certificate_chain_file);
    tls_context_->use_private_key_file(tls.private_key_file, boost::asio::ssl::context::pem);
  }

  awaitable<void> accept_loop() {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket = co_await acceptor_.async_accept(
          boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      if (ec) co_return;
      ++accepted_;
      boost::asio::co_spawn(io_, session(std::move(socket)), boost::asio::detached);
    }
  }

  awaitable<void> session(tcp::socket socket) {
    if (!tls_context_) {
      co_await serve(socket);
      co_return;
    }
    boost::asio::ssl::stream<tcp::socket> stream(std::move(socket), *tls_context_);
    boost::system::error_code ec;
    co_await stream.async_handshake(boost::asio::ssl::stream_base::server,
                                    boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    if (!ec) co_await serve(stream);
  }

  FixtureResponse respond_to(const FixtureRequest& request) {
    FixtureHandler handler;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      auto found = handlers_.find(request.path);
      if (found != handlers_.end()) handler = found->second;
    }
    if (!handler) return FixtureResponse{.status = 404, .body = "not found"};
    return handler(request);
  }

  template <class Stream>
  awaitable<void> serve(Stream& stream) {
    std::string buffer;
    for (;;) {
      boost::system::error_code ec;
      const std::size_t head_size = co_await boost::asio::async_read_until(
          stream, boost::asio::dynamic_buffer(buffer, 64 * 1024), "\r\n\r\n",
          boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      if (ec) co_return;
      auto request = parse_request(std::string_view(buffer).substr(0, head_size));
      buffer.erase(0, head_size);
      if (!request) co_return;
      if (!co_await send(stream, respond_to(*request))) co_return;
    }
  }

  template <class Stream>
  static awaitable<bool> write_bytes(Stream& stream, std::string_view bytes) {
    boost::system::error_code ec;
    co_await boost::asio::async_write(stream, boost::asio::buffer(bytes.data(), bytes.size()),
                                      boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    co_return !ec;
  }

  static awaitable<void> wait_for(std::chrono::steady_clock::time_point until) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, until);
    boost::system::error_code ec;
    co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
  }

  template <class Stream>
  static void close(Stream& stream, bool reset) {
    auto& socket = lowest_layer(stream);
    boost::system::error_code ec;
    if (reset)
      socket.set_option(boost::asio::socket_base::linger(true, 0), ec);
    else
      socket.shutdown(tcp::socket::shutdown_send, ec);
    socket.close(ec);
  }

  /// Writes bytes [from, to) of `bytes`, all at once or dripping.
  template <class Stream>
  static awaitable<bool> write_range(Stream& stream, const FixtureResponse& response,
                                     std::string_view bytes, std::size_t drip_start) {
    if (!co_await write_bytes(stream, bytes.substr(0, drip_start))) co_return false;
    for (std::size_t at = drip_start; at < bytes.size(); at += response.drip_bytes) {
      co_await wait_for(std::chrono::steady_clock::now() + response.drip_interval);
      if (!co_await write_bytes(stream, bytes.substr(at, response.drip_bytes))) co_return false;
    }
    co_return true;
  }

  template <class Stream>
  static awaitable<bool> write_stream_body(Stream& stream, const FixtureResponse& response) {
    for (std::size_t index = 0;; ++index) {
      // Plain statements only: GCC 12 mishandles temporaries of ?: and || around co_await.
      auto piece = response.stream_body(index);
      if (!piece && !response.chunked) co_return true;
      if (!piece) co_return co_await write_bytes(stream, "0\r\n\r\n");
      if (response.chunked) *piece = chunk(*piece);
      if (!co_await write_bytes(stream, *piece)) co_return false;
    }
  }

  /// Sends one response; false when the connection is done.
  template <class Stream>
  static awaitable<bool> send(Stream& stream, FixtureResponse response) {
    const auto forever = std::chrono::steady_clock::time_point::max();
    co_await wait_for(std::chrono::steady_clock::now() + response.delay_before_headers);
    if (response.stall) co_await wait_for(forever);
    std::string head = serialize_head(response);
    std::string bytes = head + serialize_body(response);
    if (response.raw) {
      head = *response.raw;
      bytes = *response.raw;
    }
    const bool truncated = response.close_after_bytes && *response.close_after_bytes < bytes.size();
    if (truncated) bytes.resize(*response.close_after_bytes);
    std::size_t drip_start = bytes.size();
    if (response.drip_bytes > 0)
      drip_start = response.drip_from_start ? 0 : std::min(head.size(), bytes.size());
    if (!co_await write_range(stream, response, bytes, drip_start)) co_return false;
    if (!truncated && response.stream_body && !co_await write_stream_body(stream, response))
      co_return false;
    const bool keep_alive = !truncated && !response.raw && !response.close_connection &&
                            !(response.stream_body && !response.chunked);
    if (!keep_alive) close(stream, response.reset_on_close);
    co_return keep_alive;
  }

  std::optional<boost::asio::ssl::context> tls_context_;
  mutable std::mutex mutex_;
  std::map<std::string, FixtureHandler> handlers_;
  std::vector<FixtureRequest> requests_;
  std::atomic<int> accepted_{0};
  boost::asio::io_context io_;
  tcp::acceptor acceptor_{io_};
  tcp::endpoint endpoint_;
  std::thread thread_;
};

FixtureServer::FixtureServer(std::optional<FixtureTls> tls) : impl_(std::make_unique<Impl>(tls)) {}
FixtureServer::~FixtureServer() = default;

void FixtureServer::on(const std::string& path, FixtureResponse response) {
  impl_->on(path, std::move(response));
}
void FixtureServer::on(const std::string& path, FixtureHandler handler) {
  impl_->on(path, std::move(handler));
}
std::uint16_t FixtureServer::port() const {
  return impl_->port();
}
boost::asio::ip::tcp::endpoint FixtureServer::endpoint() const {
  return impl_->endpoint();
}
std::string FixtureServer::url(std::string_view path, std::string_view host) const {
  return impl_->url(path, host);
}
int FixtureServer::hits(const std::string& path) const {
  return impl_->hits(path);
}
std::vector<FixtureRequest> FixtureServer::requests() const {
  return impl_->requests();
}
int FixtureServer::connections_accepted() const {
  return impl_->connections_accepted();
}
void FixtureServer::stop() {
  impl_->stop();
}

}  // namespace feedd::test
