// The server end to end in-process: a real HttpServer on 127.0.0.1:0 in its own io_context
// thread, and a blocking raw-socket client (plain POSIX, no Beast) so malformed requests are
// sent byte for byte. Every receive is bounded by SO_RCVTIMEO; the io_context by run_for.

#include "daemon/server/http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "daemon/http/content_decoder.hpp"
#include "daemon/server/http_fields.hpp"
#include "feeds/ascii.hpp"

namespace feedd {
namespace {

using namespace std::chrono_literals;
using namespace std::string_literals;
namespace asio = boost::asio;

struct Response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [key, value] : headers)
      if (feeds::ascii_iequals(key, name)) return value;
    return std::nullopt;
  }
};

/// A blocking HTTP/1.1 client over one TCP connection; each receive waits at most 5 s.
class Client {
public:
  explicit Client(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
      throw std::runtime_error("connect failed");
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// False once the server has closed the connection.
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      const auto sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
  }

  /// The next response; nullopt on EOF, reset or timeout. `head`: no body follows.
  std::optional<Response> read_response(bool head = false) {
    std::size_t end;
    while ((end = pending_.find("\r\n\r\n")) == std::string::npos)
      if (!receive()) return std::nullopt;
    Response response = parse_head(pending_.substr(0, end));
    pending_.erase(0, end + 4);
    std::size_t length = 0;
    if (const auto value = response.header("Content-Length"); value && !head) length = std::stoul(*value);
    while (pending_.size() < length)
      if (!receive()) return std::nullopt;
    response.body = pending_.substr(0, length);
    pending_.erase(0, length);
    return response;
  }

  /// True when the server closes the connection (EOF or reset) within `bound`.
  bool closed_within(std::chrono::milliseconds bound) {
    pollfd descriptor{fd_, POLLIN, 0};
    if (::poll(&descriptor, 1, static_cast<int>(bound.count())) <= 0) return false;
    char byte;
    return ::recv(fd_, &byte, 1, 0) <= 0;
  }

  int fd() const { return fd_; }

private:
  bool receive() {
    char chunk[4096];
    const auto received = ::recv(fd_, chunk, sizeof chunk, 0);
    if (received <= 0) return false;
    pending_.append(chunk, static_cast<std::size_t>(received));
    return true;
  }

  static Response parse_head(const std::string& head) {
    Response response;
    response.status = std::stoi(head.substr(9, 3));
    std::size_t line = head.find("\r\n");
    while (line != std::string::npos) {
      const std::size_t start = line + 2;
      line = head.find("\r\n", start);
      const auto text = head.substr(start, line == std::string::npos ? std::string::npos : line - start);
      const auto colon = text.find(':');
      if (colon != std::string::npos)
        response.headers.emplace_back(text.substr(0, colon), text.substr(text.find_first_not_of(' ', colon + 1)));
    }
    return response;
  }

  int fd_;
  std::string pending_;
};

std::string big_text() {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "<entry><title>item " + std::to_string(i) + "</title></entry>\n";
  return text;
}

/// A cached rendering as the Publisher makes one: bodies large enough to go out with
/// sendfile(2), each sealed once in a BodyFile. The text is 8 MiB so that a client that reads
/// slowly fills the socket buffers (tcp_wmem's maximum is 4 MiB) and the server must wait.
struct FileBodies {
  std::string text;
  std::string gzip;
  std::string marked;  ///< `text` with another first byte: tells which source went out
  std::shared_ptr<const BodyFile> text_file, gzip_file, marked_file;
};

const FileBodies& file_bodies() {
  static const FileBodies bodies = [] {
    FileBodies made;
    for (int i = 0; made.text.size() < (8u << 20); ++i)
      made.text += "<entry><id>urn:item:" + std::to_string(i * 7919 % 100003) + "</id></entry>\n";
    made.gzip = gzip_compress(made.text);
    made.marked = made.text;
    made.marked[0] = '#';
    made.text_file = BodyFile::seal(made.text);
    made.gzip_file = BodyFile::seal(made.gzip);
    made.marked_file = BodyFile::seal(made.marked);
    return made;
  }();
  return bodies;
}

Reply file_reply() {
  const auto& bodies = file_bodies();
  Reply reply = make_reply(200, "application/atom+xml", bodies.text);
  reply.gzip_body = std::make_shared<const std::string>(bodies.gzip);
  reply.body_file = bodies.text_file;
  reply.gzip_body_file = bodies.gzip_file;
  reply.etag = "\"f1\"";
  return reply;
}

Router test_router() {
  Router router;
  router.add("/hello", [](const Request&) -> asio::awaitable<Reply> {
    co_return make_reply(200, "text/plain; charset=utf-8", "hello\n");
  });
  router.add("/big", [](const Request&) -> asio::awaitable<Reply> {
    Reply reply = make_reply(200, "application/atom+xml", big_text());
    reply.etag = "\"v7\"";
    co_return reply;
  });
  router.add("/file", [](const Request&) -> asio::awaitable<Reply> { co_return file_reply(); });
  router.add("/file-marked", [](const Request&) -> asio::awaitable<Reply> {
    Reply reply = make_reply(200, "application/octet-stream", file_bodies().text);
    reply.body_file = file_bodies().marked_file;
    co_return reply;
  });
  router.add("/throws", [](const Request&) -> asio::awaitable<Reply> {
    throw std::runtime_error("handler broke");
    co_return Reply{};
  });
  router.add("/feeds/{id:int}", [](const Request& request) -> asio::awaitable<Reply> {
    co_return make_reply(200, "text/plain", "feed " + std::string(request.param("id")));
  });
  return router;
}

/// The server under test, running on its own thread until the harness ends (bounded).
class Harness {
public:
  explicit Harness(ServerOptions options = {}) {
    options.listen = {"127.0.0.1", 0};
    options.on_served = [this](const Request& request, int status) {
      {
        const std::lock_guard lock(mutex_);
        served_.emplace_back(request.path, status);
      }
      served_changed_.notify_all();
    };
    server_ = std::make_unique<HttpServer>(io_.get_executor(), std::move(options), test_router());
    port_ = server_->listen().port;
    asio::co_spawn(io_, server_->run(), asio::detached);
    thread_ = std::thread([this] { io_.run_for(30s); });
  }

  ~Harness() {
    auto shutdown = [this]() -> asio::awaitable<void> {
      server_->stop();
      co_await server_->wait_stopped(2s);
      io_.stop();
    };
    asio::co_spawn(io_, shutdown, asio::detached);
    thread_.join();
  }

  std::uint16_t port() const { return port_; }
  std::string host() const { return "127.0.0.1:" + std::to_string(port_); }

  std::string get(std::string_view target, std::string_view extra_headers = "") const {
    return "GET "s + std::string(target) + " HTTP/1.1\r\nHost: " + host() + "\r\n" + std::string(extra_headers) +
           "\r\n";
  }

  /// One request on a fresh connection.
  std::optional<Response> fetch(const std::string& request) const {
    Client client(port_);
    client.send(request);
    return client.read_response();
  }

  /// What on_served reported, once it has reported `count` replies (or after 5 s): the client
  /// can read a reply before the server's write completion runs.
  std::vector<std::pair<std::string, int>> served(std::size_t count) {
    std::unique_lock lock(mutex_);
    served_changed_.wait_for(lock, 5s, [&] { return served_.size() >= count; });
    return served_;
  }

  HttpServer& server() { return *server_; }
  asio::io_context& io() { return io_; }

private:
  asio::io_context io_;
  std::unique_ptr<HttpServer> server_;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable served_changed_;
  std::vector<std::pair<std::string, int>> served_;
};

TEST(HttpServer, AnswersGetWithBodyAndEveryCommonHeader) {
  Harness harness;
  const auto response = harness.fetch(harness.get("/hello"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello\n");
  EXPECT_EQ(response->header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(response->header("Server"), "feedd/" FEEDD_VERSION);
  EXPECT_TRUE(response->header("Date"));
  EXPECT_EQ(response->header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response->header("X-Frame-Options"), "DENY");
  EXPECT_EQ(response->header("Referrer-Policy"), "no-referrer");
  EXPECT_TRUE(response->header("Content-Security-Policy"));
}

TEST(HttpServer, PassesRouteParametersToTheHandler) {
  Harness harness;
  const auto response = harness.fetch(harness.get("/feeds/42"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "feed 42");
  EXPECT_EQ(harness.fetch(harness.get("/feeds/042"))->status, 404);
}

TEST(HttpServer, KeepsTheConnectionAliveAcrossRequests) {
  Harness harness;
  Client client(harness.port());
  ASSERT_TRUE(client.send(harness.get("/hello")));
  const auto first = client.read_response();
  ASSERT_TRUE(first);
  ASSERT_TRUE(client.send(harness.get("/feeds/7")));
  const auto second = client.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(first->body, "hello\n");
  EXPECT_EQ(second->body, "feed 7");
}

TEST(HttpServer, AnswersPipelinedRequestsInOrder) {
  Harness harness;
  Client client(harness.port());
  ASSERT_TRUE(client.send(harness.get("/feeds/1") + harness.get("/feeds/2")));
  EXPECT_EQ(client.read_response()->body, "feed 1");
  EXPECT_EQ(client.read_response()->body, "feed 2");
}

TEST(HttpServer, HeadSendsGetsLengthWithoutBody) {
  Harness harness;
  Client client(harness.port());
  ASSERT_TRUE(client.send("HEAD /big HTTP/1.1\r\nHost: " + harness.host() + "\r\n\r\n"));
  const auto head = client.read_response(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("Content-Length"), std::to_string(big_text().size()));
  // Had the server sent a body after HEAD, this response would read as garbage.
  ASSERT_TRUE(client.send(harness.get("/hello")));
  const auto next = client.read_response();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(next->body, "hello\n");
}

TEST(HttpServer, AnswersMatchingIfNoneMatchWith304WithoutBody) {
  Harness harness;
  Client client(harness.port());
  ASSERT_TRUE(client.send(harness.get("/big", "If-None-Match: \"v1\", \"v7\"\r\n")));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 304);
  EXPECT_EQ(response->header("ETag"), "\"v7\"");
  EXPECT_EQ(response->body, "");
  ASSERT_TRUE(client.send(harness.get("/hello")));
  EXPECT_EQ(client.read_response()->body, "hello\n");
}

TEST(HttpServer, GzipsLargeTextForClientsThatAcceptIt) {
  Harness harness;
  const auto response = harness.fetch(harness.get("/big", "Accept-Encoding: gzip, deflate\r\n"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->header("Content-Encoding"), "gzip");
  EXPECT_EQ(response->header("Vary"), "Accept-Encoding");
  BodyDecoder decoder(ContentCoding::gzip, 1 << 20);
  ASSERT_FALSE(decoder.append(response->body));
  ASSERT_FALSE(decoder.finish());
  EXPECT_EQ(decoder.take_body(), big_text());
  const auto plain = harness.fetch(harness.get("/big"));
  EXPECT_EQ(plain->header("Content-Encoding"), std::nullopt);
  EXPECT_EQ(plain->body, big_text());
}

TEST(HttpServer, RefusesOtherMethodsWith405AndAllow) {
  Harness harness;
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "BREW"}) {
    SCOPED_TRACE(method);
    const auto response =
        harness.fetch(method + " /hello HTTP/1.1\r\nHost: "s + harness.host() + "\r\nContent-Length: 0\r\n\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 405);
    EXPECT_EQ(response->header("Allow"), "GET, HEAD");
    EXPECT_EQ(response->header("X-Frame-Options"), "DENY");
  }
  EXPECT_EQ(harness.fetch(harness.get("/hello"))->status, 200);
}

TEST(HttpServer, AnswersOversizedHeadersWith431AndStaysUp) {
  ServerOptions options;
  options.max_header_bytes = 4096;
  Harness harness(options);
  const auto response = harness.fetch(harness.get("/hello", "X-Pad: " + std::string(8192, 'a') + "\r\n"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  EXPECT_EQ(response->header("Connection"), "close");
  EXPECT_EQ(harness.fetch(harness.get("/hello"))->status, 200);
}

TEST(HttpServer, AnswersBadPathsAndMalformedRequestsWith400) {
  Harness harness;
  for (const std::string target : {"/../etc/passwd", "/%2e%2e/x", "/a%zz", "/a%00"})
    EXPECT_EQ(harness.fetch(harness.get(target))->status, 400) << target;
  EXPECT_EQ(harness.fetch(harness.get("/nope"))->status, 404);
  EXPECT_EQ(harness.fetch("THIS IS NOT HTTP\r\n\r\n")->status, 400);
  EXPECT_EQ(harness.fetch("GET /hello HTTP/1.1\r\nBad Header\r\n\r\n")->status, 400);
  EXPECT_EQ(harness.fetch("GET /hello HTTP/1.1\r\n\r\n")->status, 400);  // no Host
  EXPECT_EQ(harness.fetch(harness.get("/hello"))->status, 200);
}

TEST(HttpServer, RefusesABodyOnGet) {
  Harness harness;
  Client client(harness.port());
  ASSERT_TRUE(client.send("GET /hello HTTP/1.1\r\nHost: " + harness.host() + "\r\nContent-Length: 5\r\n\r\nhello"));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_TRUE(client.closed_within(5s));  // the unread body must never be taken as a request
}

TEST(HttpServer, RefusesForeignHostOnLoopbackAgainstDnsRebinding) {
  Harness harness;
  const auto port = std::to_string(harness.port());
  for (const std::string& host : std::vector<std::string>{"evil.example:" + port, "127.0.0.1:1", "localhost"}) {
    const auto response = harness.fetch("GET /hello HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 421) << host;
    EXPECT_EQ(response->body, "421 Misdirected Request\n");
  }
  for (const std::string& host : std::vector<std::string>{"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port})
    EXPECT_EQ(harness.fetch("GET /hello HTTP/1.1\r\nHost: " + host + "\r\n\r\n")->status, 200) << host;
}

TEST(HttpServer, HandlerExceptionBecomes500AndTheServerGoesOn) {
  Harness harness;
  Client client(harness.port());
  ASSERT_TRUE(client.send(harness.get("/throws")));
  const auto failed = client.read_response();
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, 500);
  ASSERT_TRUE(client.send(harness.get("/hello")));
  EXPECT_EQ(client.read_response()->status, 200);
}

TEST(HttpServer, CutsOffASlowlorisTricklingHeaderBytes) {
  ServerOptions options;
  options.read_timeout = 300ms;
  Harness harness(options);
  Client client(harness.port());
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(client.send("GET /hello HTTP/1.1\r\n"));
  // One byte whenever the server has stayed silent for 50 ms: the trickle must not extend the
  // deadline, which counts from the request's start.
  bool closed = false;
  for (int i = 0; i < 100 && !closed; ++i) {
    closed = client.closed_within(50ms);
    if (!closed && !client.send("X")) closed = client.closed_within(1s);
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_EQ(harness.fetch(harness.get("/hello"))->status, 200);
}

TEST(HttpServer, ClosesConnectionsBeyondTheLimitAtOnce) {
  ServerOptions options;
  options.max_connections = 2;
  Harness harness(options);
  Client first(harness.port());
  Client second(harness.port());
  ASSERT_TRUE(first.send(harness.get("/hello")) && first.read_response());
  ASSERT_TRUE(second.send(harness.get("/hello")) && second.read_response());
  Client excess(harness.port());
  EXPECT_TRUE(excess.closed_within(5s));
  ASSERT_TRUE(first.send(harness.get("/hello")));
  EXPECT_EQ(first.read_response()->status, 200);
}

TEST(HttpServer, AcceptsAgainOnceAConnectionEnds) {
  ServerOptions options;
  options.max_connections = 1;
  Harness harness(options);
  {
    Client only(harness.port());
    ASSERT_TRUE(only.send(harness.get("/hello", "Connection: close\r\n")) && only.read_response());
    EXPECT_TRUE(only.closed_within(5s));
  }
  // The server ended that session before closing its socket, so the slot is free by now;
  // a few attempts still cover the accept racing the session's last step.
  std::optional<Response> response;
  for (int attempt = 0; attempt < 20 && !response; ++attempt) response = harness.fetch(harness.get("/hello"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

TEST(HttpServer, ReportsEachServedRequestWithItsStatus) {
  Harness harness;
  harness.fetch(harness.get("/hello"));
  harness.fetch(harness.get("/nope"));
  harness.fetch(harness.get("/big", "If-None-Match: \"v7\"\r\n"));
  const std::vector<std::pair<std::string, int>> expected = {{"/hello", 200}, {"/nope", 404}, {"/big", 304}};
  EXPECT_EQ(harness.served(expected.size()), expected);
}

TEST(HttpServer, StopClosesIdleConnectionsAndTheListener) {
  Harness harness;
  Client client(harness.port());
  ASSERT_TRUE(client.send(harness.get("/hello")) && client.read_response());
  std::promise<bool> stopped;
  auto stop_and_wait = [&]() -> asio::awaitable<void> {
    harness.server().stop();
    stopped.set_value(co_await harness.server().wait_stopped(2s));
  };
  asio::co_spawn(harness.io(), stop_and_wait, asio::detached);
  EXPECT_TRUE(client.closed_within(5s));
  auto all_ended = stopped.get_future();
  ASSERT_EQ(all_ended.wait_for(5s), std::future_status::ready);
  EXPECT_TRUE(all_ended.get());
  EXPECT_THROW(Client{harness.port()}, std::runtime_error);
}

TEST(HttpServer, BindFailureNamesTheAddress) {
  Harness harness;
  asio::io_context io;
  ServerOptions options;
  options.listen = {"127.0.0.1", harness.port()};
  HttpServer second(io.get_executor(), options, Router{});
  try {
    second.listen();
    FAIL() << "listen on a used port succeeded";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(harness.host()), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace feedd

namespace feedd {
namespace {

TEST(HttpServerSendfile, LargeCachedBodiesArriveByteForBytePlainAndGzip) {
  Harness harness;
  ASSERT_TRUE(file_bodies().text_file && file_bodies().gzip_file);
  Client client(harness.port());
  ASSERT_TRUE(client.send(harness.get("/file") + harness.get("/file", "Accept-Encoding: gzip\r\n") +
                          harness.get("/hello")));
  const auto plain = client.read_response();
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 200);
  EXPECT_EQ(plain->header("Content-Length"), std::to_string(file_bodies().text.size()));
  EXPECT_TRUE(plain->body == file_bodies().text);
  const auto gzip = client.read_response();
  ASSERT_TRUE(gzip);
  EXPECT_EQ(gzip->header("Content-Encoding"), "gzip");
  EXPECT_EQ(gzip->header("ETag"), "\"f1\"");
  EXPECT_TRUE(gzip->body == file_bodies().gzip);
  // Framing held: the next response on the connection starts where the body ended.
  const auto next = client.read_response();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "hello\n");
  const auto served = harness.served(3);
  ASSERT_EQ(served.size(), 3u);
  EXPECT_EQ(served[0], (std::pair<std::string, int>{"/file", 200}));
}

TEST(HttpServerSendfile, TheBodyGoesOutFromItsFile) {
  // The file holds other bytes than the string (same length): only a send from the file
  // delivers them, so this tells the zero-copy path from the fallback.
  Harness harness;
  const auto response = harness.fetch(harness.get("/file-marked"));
  ASSERT_TRUE(response);
  EXPECT_TRUE(response->body == file_bodies().marked);
}

TEST(HttpServerSendfile, HeadAndNotModifiedSendNoBody) {
  Harness harness;
  Client client(harness.port());
  ASSERT_TRUE(client.send("HEAD /file HTTP/1.1\r\nHost: " + harness.host() + "\r\n\r\n"));
  const auto head = client.read_response(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("Content-Length"), std::to_string(file_bodies().text.size()));
  ASSERT_TRUE(client.send(harness.get("/file", "If-None-Match: \"f1\"\r\n")));
  const auto not_modified = client.read_response();
  ASSERT_TRUE(not_modified);
  EXPECT_EQ(not_modified->status, 304);
  ASSERT_TRUE(client.send(harness.get("/hello")));
  const auto next = client.read_response();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "hello\n");
}

TEST(HttpServerSendfile, AClientThatReadsSlowlyStillGetsEverything) {
  Harness harness;
  Client client(harness.port());
  // A fixed receive buffer far below the body (no autotuning; not below loopback's 64 KiB MSS,
  // which would crawl): the server's sendfile runs into EAGAIN again and again and must wait.
  const int small = 64 * 1024;
  ::setsockopt(client.fd(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  ASSERT_TRUE(client.send(harness.get("/file")));
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_TRUE(response->body == file_bodies().text);
}

}  // namespace
}  // namespace feedd
