#pragma once
/// The daemon's read-only HTTP/1.1 server: GET and HEAD only, keep-alive, one coroutine per
/// connection with a deadline on every read and write, limits on header size and connections,
/// a Host check against DNS rebinding on loopback, and every reply finished the same way
/// (finish_reply.hpp: security headers, 304, gzip, HEAD). Beast stays inside http_server.cpp.
///
/// Wiring (in `feedd run`, on the daemon's single io_context thread):
///
///   feedd::Router router;
///   router.add("/healthz", [&](const feedd::Request&) -> boost::asio::awaitable<feedd::Reply> {
///     co_return feedd::make_reply(200, "text/plain; charset=utf-8", "ok\n");
///   });
///   router.add("/feeds/{id:int}", feed_page);           // request.param("id") == "12"
///   router.add("/outputs/{name}.{format:atom|rss|json}", output);
///   feedd::ServerOptions options{.listen = config.daemon.listen};
///   feedd::HttpServer server(io.get_executor(), options, std::move(router));
///   server.listen();                                    // throws naming the address on failure
///   boost::asio::co_spawn(io, server.run(), log_failure);
///   ...  // on shutdown:
///   server.stop();                                      // no new connections, sessions closed
///   co_await server.wait_stopped(std::chrono::seconds(2));
///
/// The executor must be single-threaded (the daemon's one io_context thread, or a strand):
/// the server keeps its session list without locks.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "daemon/config/config.hpp"
#include "daemon/server/reply.hpp"
#include "daemon/server/router.hpp"

namespace feedd {

struct ServerOptions {
  ListenAddress listen;
  std::size_t max_header_bytes = 8 * 1024;  ///< request line + headers; more is answered 431
  std::size_t max_connections = 128;        ///< connections beyond this are closed at once
  /// From a connection's first byte of a request to its last header byte: a total, so a
  /// client trickling bytes (slowloris) is cut off, not kept alive by each byte.
  std::chrono::milliseconds read_timeout = std::chrono::seconds(10);
  /// How long a kept-alive connection may wait for its next request.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(30);
  /// Writing one whole response.
  std::chrono::milliseconds write_timeout = std::chrono::seconds(30);
  /// Host header values accepted besides 127.0.0.1:PORT, localhost:PORT, [::1]:PORT and the
  /// listen address itself, when bound to loopback (e.g. "feedd.local:8080").
  std::vector<std::string> allowed_hosts;
  /// Called after each reply is written (status as sent), for metrics. Optional.
  std::function<void(const Request&, int status)> on_served;
};

class HttpServer {
public:
  HttpServer(boost::asio::any_io_executor executor, ServerOptions options, Router router);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds and listens; returns the bound address (port 0 in the options → the kernel's pick).
  /// Throws std::runtime_error naming the address when it cannot bind.
  ListenAddress listen();

  /// The bound address; valid after listen().
  const ListenAddress& bound_address() const;

  /// Accepts connections until stop(); each runs in its own coroutine on the executor.
  boost::asio::awaitable<void> run();

  /// Closes the acceptor and every open connection; idempotent. Sessions then end on their
  /// own at their next step (a handler already running finishes, its reply is dropped).
  void stop();

  /// Resumes when every session has ended or after `bound`; true when all ended.
  boost::asio::awaitable<bool> wait_stopped(std::chrono::milliseconds bound);

  /// Connections open right now.
  std::size_t open_connections() const;

private:
  struct Impl;
  std::shared_ptr<Impl> impl_;  ///< shared with every session, so none outlives it
};

}  // namespace feedd
