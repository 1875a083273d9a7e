#include "daemon/server/http_server.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <exception>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/span_body.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/spdlog.h>

#include "daemon/server/finish_reply.hpp"
#include "daemon/server/host_guard.hpp"
#include "daemon/server/send_file.hpp"

namespace feedd {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
using RequestParser = http::request_parser<http::empty_body>;

/// What one request on a connection came to, before its reply is finished.
struct Exchange {
  Request request;
  Reply reply;
  unsigned version = 11;
  bool keep_alive = false;
};

/// A handler's exception becomes a 500 here, logged once; the connection and server go on.
asio::awaitable<Reply> call_handler(const Handler& handler, const Request& request) {
  try {
    co_return co_await handler(request);
  } catch (const std::exception& error) {
    spdlog::error("http: {} {} failed: {}", request.method, request.path, error.what());
  } catch (...) {
    spdlog::error("http: {} {} failed with an unknown exception", request.method, request.path);
  }
  co_return make_status_reply(500);
}

/// The status line and headers of `wire`, for `exchange`'s HTTP version and keep-alive.
template <class Body>
void fill_response(http::response<Body>& response, const WireReply& wire, const Exchange& exchange) {
  response.version(exchange.version);
  response.result(static_cast<unsigned>(wire.status));
  response.reason(status_reason(wire.status));
  for (const auto& [name, value] : wire.headers) response.insert(name, value);
  if (wire.has_content_length) response.set(http::field::content_length, std::to_string(wire.content_length));
  response.keep_alive(exchange.keep_alive);
}

void fill_request(const RequestParser::value_type& message, Request& request) {
  request.method = std::string(message.method_string());
  request.if_none_match = std::string(message[http::field::if_none_match]);
  request.if_modified_since = std::string(message[http::field::if_modified_since]);
  request.accepts_gzip = accepts_gzip(message[http::field::accept_encoding]);
}

}  // namespace

struct HttpServer::Impl {
  Impl(asio::any_io_executor executor, ServerOptions options, Router router)
      : executor(std::move(executor)), options(std::move(options)), router(std::move(router)),
        acceptor(this->executor), sessions_done(this->executor) {}

  asio::any_io_executor executor;
  ServerOptions options;
  Router router;
  tcp::acceptor acceptor;
  ListenAddress bound;
  bool loopback = false;
  std::vector<std::string> allowed_hosts;
  std::map<std::uint64_t, beast::tcp_stream*> sessions;
  std::uint64_t next_session = 0;
  bool stopping = false;
  asio::steady_timer sessions_done;

  /// Keeps `sessions` in step with the coroutines that serve them.
  struct SessionEntry {
    Impl& impl;
    std::uint64_t id;
    SessionEntry(Impl& owner, beast::tcp_stream& stream) : impl(owner), id(owner.next_session++) {
      impl.sessions.emplace(id, &stream);
    }
    ~SessionEntry() {
      impl.sessions.erase(id);
      if (impl.sessions.empty()) impl.sessions_done.cancel();
    }
  };

  tcp::endpoint resolve_listen_endpoint() const;
  asio::awaitable<void> accept_loop(std::shared_ptr<Impl> self);
  asio::awaitable<void> serve(std::shared_ptr<Impl> self, tcp::socket socket);
  asio::awaitable<bool> wait_for_next_request(beast::tcp_stream& stream, beast::flat_buffer& buffer);
  asio::awaitable<void> answer(const RequestParser& parser, Exchange& exchange);
  std::optional<int> refuse(const RequestParser& parser) const;
  asio::awaitable<bool> send(beast::tcp_stream& stream, Exchange& exchange);
  asio::awaitable<bool> send_from_file(beast::tcp_stream& stream, const Exchange& exchange,
                                       const WireReply& wire);
  asio::awaitable<void> drain_before_close(beast::tcp_stream& stream);
};

tcp::endpoint HttpServer::Impl::resolve_listen_endpoint() const {
  const auto& listen = options.listen;
  boost::system::error_code error;
  const auto address = asio::ip::make_address(listen.host, error);
  if (!error) return {address, listen.port};
  tcp::resolver resolver(executor);
  const auto results = resolver.resolve(listen.host, std::to_string(listen.port), error);
  if (error || results.empty())
    throw std::runtime_error("cannot listen on " + listen.to_string() + ": " +
                             (error ? error.message() : "no address"));
  return results.begin()->endpoint();
}

/// Status the server answers itself instead of routing, if any. Order matters: the method
/// first (405 must carry Allow), then framing, then the Host guard.
std::optional<int> HttpServer::Impl::refuse(const RequestParser& parser) const {
  const auto& message = parser.get();
  if (message.method() != http::verb::get && message.method() != http::verb::head) return 405;
  // A GET or HEAD body has no meaning (RFC 9110 §9.3.1) and would be a smuggling vector.
  if (!parser.is_done()) return 400;
  const auto host = message.find(http::field::host);
  if (host == message.end()) return message.version() >= 11 ? std::optional<int>(400) : std::nullopt;
  if (loopback && !is_allowed_host(host->value(), allowed_hosts)) return 421;
  return std::nullopt;
}

asio::awaitable<void> HttpServer::Impl::answer(const RequestParser& parser, Exchange& exchange) {
  const auto& message = parser.get();
  fill_request(message, exchange.request);
  exchange.version = message.version();
  exchange.keep_alive = message.keep_alive() && parser.is_done();
  if (const auto status = refuse(parser)) {
    exchange.reply = make_status_reply(*status);
    if (*status == 405) exchange.reply.headers.emplace_back("Allow", "GET, HEAD");
    co_return;
  }
  const auto route = router.route(message.target(), exchange.request);
  if (!route.handler) {
    exchange.reply = make_status_reply(route.status);
    co_return;
  }
  exchange.reply = co_await call_handler(*route.handler, exchange.request);
}

asio::awaitable<bool> HttpServer::Impl::send(beast::tcp_stream& stream, Exchange& exchange) {
  const auto wire = finish_reply(exchange.request, std::move(exchange.reply), std::chrono::system_clock::now());
  if (wire.body_file) {
    const bool sent = co_await send_from_file(stream, exchange, wire);
    if (sent && options.on_served) options.on_served(exchange.request, wire.status);
    co_return sent;
  }
  http::response<http::span_body<const char>> response;
  fill_response(response, wire, exchange);
  if (wire.body) response.body() = {wire.body->data(), wire.body->size()};
  stream.expires_after(options.write_timeout);
  const auto [error, written] = co_await http::async_write(stream, response, use_tuple);
  if (error) co_return false;
  if (options.on_served) options.on_served(exchange.request, wire.status);
  co_return true;
}

/// The headers through Beast, then the body straight from its file, all within the write
/// timeout; from the string instead when the kernel cannot sendfile from that file.
asio::awaitable<bool> HttpServer::Impl::send_from_file(beast::tcp_stream& stream, const Exchange& exchange,
                                                       const WireReply& wire) {
  http::response<http::empty_body> response;
  fill_response(response, wire, exchange);
  const auto deadline = std::chrono::steady_clock::now() + options.write_timeout;
  set_cork(stream.socket(), true);
  stream.expires_at(deadline);
  const auto [error, written] = co_await http::async_write(stream, response, use_tuple);
  if (error) co_return false;
  stream.expires_never();
  const auto outcome = co_await send_file(stream.socket(), *wire.body_file, deadline);
  set_cork(stream.socket(), false);
  if (outcome != FileSend::unsupported) co_return outcome == FileSend::sent;
  stream.expires_at(deadline);
  const auto [fallback_error, fallback_written] =
      co_await asio::async_write(stream, asio::buffer(*wire.body), use_tuple);
  co_return !fallback_error;
}

/// A kept-alive connection waits (idle timeout) for the first byte of its next request; the
/// read timeout then runs from there to the end of the headers.
asio::awaitable<bool> HttpServer::Impl::wait_for_next_request(beast::tcp_stream& stream,
                                                              beast::flat_buffer& buffer) {
  if (buffer.size() > 0) co_return true;
  stream.expires_after(options.idle_timeout);
  const auto [error, received] = co_await stream.async_read_some(buffer.prepare(4096), use_tuple);
  if (error) co_return false;
  buffer.commit(received);
  co_return true;
}

asio::awaitable<void> HttpServer::Impl::serve(std::shared_ptr<Impl> self, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  SessionEntry entry(*self, stream);
  beast::flat_buffer buffer;
  for (bool first = true;; first = false) {
    if (!first && !co_await wait_for_next_request(stream, buffer)) break;
    RequestParser parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    stream.expires_after(options.read_timeout);
    const auto [error, read] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
    Exchange exchange;
    if (error == http::error::header_limit) {
      exchange.reply = make_status_reply(431);
    } else if (error == http::error::end_of_stream || error == beast::error::timeout ||
               error == asio::error::operation_aborted || error == asio::error::connection_reset) {
      break;
    } else if (error) {
      exchange.reply = make_status_reply(400);
    } else {
      co_await answer(parser, exchange);
    }
    if (!co_await send(stream, exchange)) break;
    if (!exchange.keep_alive || stopping) {
      co_await drain_before_close(stream);
      break;
    }
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

/// Closing with unread input (a refused body, the rest of an oversized header) makes the kernel
/// send a reset, which can destroy our error reply before the client reads it (RFC 9112 §9.6).
/// So: half-close, then read and discard a little until the client closes, within a bound.
asio::awaitable<void> HttpServer::Impl::drain_before_close(beast::tcp_stream& stream) {
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  std::array<char, 4096> sink;
  stream.expires_after(std::min<std::chrono::milliseconds>(options.read_timeout, std::chrono::seconds(1)));
  for (std::size_t discarded = 0; discarded < 64 * 1024;) {
    const auto [error, received] = co_await stream.async_read_some(asio::buffer(sink), use_tuple);
    if (error) break;
    discarded += received;
  }
}

asio::awaitable<void> HttpServer::Impl::accept_loop(std::shared_ptr<Impl> self) {
  while (acceptor.is_open()) {
    auto [error, socket] = co_await acceptor.async_accept(use_tuple);
    if (error == asio::error::operation_aborted || !acceptor.is_open()) break;
    if (error) {
      // Out of descriptors and the like: pause briefly rather than spin on the error.
      spdlog::warn("http: accept on {} failed: {}", bound.to_string(), error.message());
      asio::steady_timer pause(executor, std::chrono::milliseconds(100));
      co_await pause.async_wait(use_tuple);
      continue;
    }
    if (sessions.size() >= options.max_connections) {
      spdlog::debug("http: {} connections open; closing a new one", sessions.size());
      socket.close(error);
      continue;
    }
    // Replies are written whole (or corked around sendfile): Nagle would only hold back the
    // last segment of each reply until the client's delayed ACK.
    socket.set_option(tcp::no_delay(true), error);
    asio::co_spawn(executor, serve(self, std::move(socket)), [](std::exception_ptr failure) {
      if (!failure) return;
      try {
        std::rethrow_exception(failure);
      } catch (const std::exception& exception) {
        spdlog::error("http: connection failed: {}", exception.what());
      }
    });
  }
}

HttpServer::HttpServer(asio::any_io_executor executor, ServerOptions options, Router router)
    : impl_(std::make_shared<Impl>(std::move(executor), std::move(options), std::move(router))) {}

HttpServer::~HttpServer() { stop(); }

ListenAddress HttpServer::listen() {
  auto& impl = *impl_;
  const auto endpoint = impl.resolve_listen_endpoint();
  boost::system::error_code error;
  impl.acceptor.open(endpoint.protocol(), error);
  if (!error) impl.acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) impl.acceptor.bind(endpoint, error);
  if (!error) impl.acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    impl.acceptor.close();
    throw std::runtime_error("cannot listen on " + impl.options.listen.to_string() + ": " + error.message());
  }
  const auto local = impl.acceptor.local_endpoint();
  impl.bound = ListenAddress{local.address().to_string(), local.port()};
  impl.loopback = local.address().is_loopback();
  impl.allowed_hosts = allowed_loopback_hosts(impl.options.listen, local.port(), impl.options.allowed_hosts);
  return impl.bound;
}

const ListenAddress& HttpServer::bound_address() const { return impl_->bound; }

asio::awaitable<void> HttpServer::run() {
  auto impl = impl_;
  co_await impl->accept_loop(impl);
}

void HttpServer::stop() {
  auto& impl = *impl_;
  impl.stopping = true;
  boost::system::error_code ignored;
  impl.acceptor.close(ignored);
  for (auto& [id, stream] : impl.sessions) stream->socket().close(ignored);
}

asio::awaitable<bool> HttpServer::wait_stopped(std::chrono::milliseconds bound) {
  auto impl = impl_;
  if (impl->sessions.empty()) co_return true;
  impl->sessions_done.expires_after(bound);
  co_await impl->sessions_done.async_wait(use_tuple);
  co_return impl->sessions.empty();
}

std::size_t HttpServer::open_connections() const { return impl_->sessions.size(); }

}  // namespace feedd
