#include "daemon/http/http_exchange.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "daemon/http/address_guard.hpp"
#include "daemon/http/content_decoder.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;
constexpr auto as_result = asio::as_tuple(asio::use_awaitable);

/// A connection and its read buffer, which must stay together between keep-alive requests.
struct Connection {
  Connection(const asio::any_io_executor& executor, ssl::context* tls_context,
             std::size_t buffer_limit)
      : buffer(buffer_limit) {
    buffer.reserve(std::min<std::size_t>(buffer_limit, read_size));
    if (tls_context)
      tls = std::make_unique<TlsStream>(executor, *tls_context);
    else
      plain = std::make_unique<beast::tcp_stream>(executor);
  }
  beast::tcp_stream& tcp_layer() { return tls ? beast::get_lowest_layer(*tls) : *plain; }

  // Beast reads as much as the buffer's free capacity (at least 512 bytes), and a buffer the
  // parser keeps emptying never grows: without this, 1-2 KB per recv. (1000 pollbench feeds:
  // 43 691 recvmsg before, 1 926 with 32 KiB, 1 654 with 64 KiB.)
  static constexpr std::size_t read_size = 32 * 1024;

  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<TlsStream> tls;
  beast::flat_buffer buffer;
  Clock::time_point idle_since;
};

/// The deadline of a step: its own budget, cut short by the whole-request deadline.
struct StepDeadline {
  Clock::time_point at;
  milliseconds budget;
};

StepDeadline step_deadline(milliseconds step, Clock::time_point request_deadline) {
  const auto now = Clock::now();
  if (now + step <= request_deadline) return {now + step, step};
  const auto left = std::chrono::duration_cast<milliseconds>(request_deadline - now);
  return {request_deadline, std::max(left, milliseconds(0))};
}

FetchError transport_error(FetchPhase phase, boost::system::error_code ec, milliseconds budget) {
  return classify_transport_failure({phase, ec, budget, 0});
}

std::string pool_key(const HttpTarget& target) {
  return (target.tls ? "https://" : "http://") + target.host + ":" + std::to_string(target.port);
}

bool is_ip_literal(const std::string& host) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// What one conversation on a connection produced, and whether the connection is reusable.
struct Conversation {
  ExchangeOutcome outcome;
  bool reusable = false;
  bool nothing_received = false;  ///< a stale pooled connection: safe to retry on a fresh one
};

}  // namespace

std::optional<std::string> ExchangeResponse::header(std::string_view name) const {
  for (const auto& field : headers)
    if (equals_ignoring_case(field.name, name)) return field.value;
  return std::nullopt;
}

struct HttpExchanger::Impl {
  Impl(asio::any_io_executor executor, HttpClientOptions options,
       std::shared_ptr<Resolver> resolver);

  asio::awaitable<ExchangeOutcome> exchange(const HttpTarget& target,
                                            const std::vector<HttpHeader>& headers,
                                            Clock::time_point deadline);
  asio::awaitable<std::variant<std::unique_ptr<Connection>, FetchError>> open_connection(
      const HttpTarget& target, Clock::time_point deadline);
  asio::awaitable<std::variant<std::vector<tcp::endpoint>, FetchError>> resolve_vetted(
      const HttpTarget& target, Clock::time_point deadline);
  asio::awaitable<std::optional<FetchError>> handshake(Connection& connection,
                                                       const HttpTarget& target,
                                                       Clock::time_point deadline);
  template <class Stream>
  asio::awaitable<Conversation> converse(Stream& stream, Connection& connection,
                                         const http::request<http::empty_body>& request,
                                         Clock::time_point deadline);
  template <class Stream>
  asio::awaitable<std::optional<FetchError>> read_body(
      Stream& stream, Connection& connection, http::response_parser<http::buffer_body>& parser,
      BodyDecoder& decoder, Clock::time_point deadline);

  std::unique_ptr<Connection> take_idle(const std::string& key);
  void keep_idle(const std::string& key, std::unique_ptr<Connection> connection);
  ssl::context* tls_context();  ///< null when the trust anchors could not be loaded

  asio::any_io_executor executor_;
  HttpClientOptions options_;
  std::shared_ptr<Resolver> resolver_;
  AddressPolicy policy_;
  // Made on the first https request: loading the system's trust anchors took ~20 ms of
  // every `feedd poll`, and plain-http polls never use them.
  std::optional<ssl::context> tls_context_;
  boost::system::error_code tls_setup_error_;
  std::map<std::string, std::deque<std::unique_ptr<Connection>>> idle_;
};

HttpExchanger::Impl::Impl(asio::any_io_executor executor, HttpClientOptions options,
                          std::shared_ptr<Resolver> resolver)
    : executor_(std::move(executor)),
      options_(std::move(options)),
      resolver_(std::move(resolver)),
      policy_{options_.allow_private_addresses, options_.allowed_addresses} {}

ssl::context* HttpExchanger::Impl::tls_context() {
  if (!tls_context_) {
    auto& context = tls_context_.emplace(ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
    context.set_verify_mode(ssl::verify_peer, tls_setup_error_);
    if (options_.ca_file)
      context.load_verify_file(*options_.ca_file, tls_setup_error_);
    else
      context.set_default_verify_paths(tls_setup_error_);
  }
  return tls_setup_error_ ? nullptr : &*tls_context_;
}

asio::awaitable<std::variant<std::vector<tcp::endpoint>, FetchError>>
HttpExchanger::Impl::resolve_vetted(const HttpTarget& target, Clock::time_point deadline) {
  const auto step = step_deadline(options_.resolve_timeout, deadline);
  auto resolved = co_await resolver_->resolve(target.host, target.port, step.at);
  if (resolved.error) co_return transport_error(FetchPhase::resolve, resolved.error, step.budget);
  if (auto refused = find_refused_endpoint(policy_, resolved.endpoints))
    co_return FetchError{FetchErrorKind::forbidden_address,
                         target.host + " resolves to " + refused->address().to_string() +
                             ", which is not a public address"};
  co_return std::move(resolved.endpoints);
}

asio::awaitable<std::variant<std::unique_ptr<Connection>, FetchError>>
HttpExchanger::Impl::open_connection(const HttpTarget& target, Clock::time_point deadline) {
  ssl::context* context = target.tls ? tls_context() : nullptr;
  if (target.tls && !context)
    co_return FetchError{FetchErrorKind::tls,
                         "cannot load trust anchors: " + tls_setup_error_.message()};
  auto endpoints = co_await resolve_vetted(target, deadline);
  if (auto* error = std::get_if<FetchError>(&endpoints)) co_return std::move(*error);
  auto connection =
      std::make_unique<Connection>(executor_, context, options_.max_header_bytes + 64 * 1024);
  const auto step = step_deadline(options_.connect_timeout, deadline);
  connection->tcp_layer().expires_at(step.at);
  auto [ec, endpoint] = co_await connection->tcp_layer().async_connect(
      std::get<std::vector<tcp::endpoint>>(endpoints), as_result);
  if (ec) co_return transport_error(FetchPhase::connect, ec, step.budget);
  if (target.tls)
    if (auto error = co_await handshake(*connection, target, deadline)) co_return std::move(*error);
  co_return std::move(connection);
}

asio::awaitable<std::optional<FetchError>> HttpExchanger::Impl::handshake(
    Connection& connection, const HttpTarget& target, Clock::time_point deadline) {
  SSL* native = connection.tls->native_handle();
  if (is_ip_literal(target.host)) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(native), target.host.c_str());
  } else {
    // SNI, and OpenSSL's own name check so the verify result names a mismatch precisely.
    SSL_set_tlsext_host_name(native, target.host.c_str());
    SSL_set1_host(native, target.host.c_str());
  }
  connection.tls->set_verify_callback(ssl::host_name_verification(target.host));
  const auto step = step_deadline(options_.tls_timeout, deadline);
  connection.tcp_layer().expires_at(step.at);
  auto [ec] = co_await connection.tls->async_handshake(ssl::stream_base::client, as_result);
  if (!ec) co_return std::nullopt;
  co_return classify_transport_failure(
      {FetchPhase::tls, ec, step.budget, SSL_get_verify_result(native)});
}

std::unique_ptr<Connection> HttpExchanger::Impl::take_idle(const std::string& key) {
  auto found = idle_.find(key);
  if (found == idle_.end()) return nullptr;
  auto& pool = found->second;
  while (!pool.empty()) {
    auto connection = std::move(pool.back());
    pool.pop_back();
    auto& socket = connection->tcp_layer().socket();
    boost::system::error_code ec;
    const bool expired = Clock::now() - connection->idle_since > options_.idle_connection_timeout;
    // Bytes waiting on an idle connection mean the last response was longer than it said:
    // reusing it would desynchronise requests and responses (security.md §2 row 10).
    if (!expired && socket.is_open() && socket.available(ec) == 0 && !ec) return connection;
  }
  return nullptr;
}

void HttpExchanger::Impl::keep_idle(const std::string& key,
                                    std::unique_ptr<Connection> connection) {
  if (options_.max_idle_connections_per_host == 0) return;
  connection->tcp_layer().expires_never();
  connection->idle_since = Clock::now();
  auto& pool = idle_[key];
  pool.push_back(std::move(connection));
  while (pool.size() > options_.max_idle_connections_per_host) pool.pop_front();
}

namespace {

std::string host_header(const HttpTarget& target) {
  const bool default_port = target.port == (target.tls ? 443 : 80);
  const bool ipv6 = target.host.find(':') != std::string::npos;
  std::string host = ipv6 ? "[" + target.host + "]" : target.host;
  if (!default_port) host.append(":").append(std::to_string(target.port));
  return host;
}

http::request<http::empty_body> build_request(const HttpTarget& target,
                                              const std::vector<HttpHeader>& headers) {
  http::request<http::empty_body> request{http::verb::get, target.target, 11};
  request.set(http::field::host, host_header(target));
  for (const auto& header : headers) request.set(header.name, header.value);
  return request;
}

ExchangeResponse response_head(const http::response_header<>& head) {
  ExchangeResponse response;
  response.status = static_cast<int>(head.result_int());
  response.reason = std::string(head.reason());
  for (const auto& field : head)
    response.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  return response;
}

/// All values of a repeated field as one list: two Content-Encoding lines stack like a comma.
std::string joined_header(const ExchangeResponse& response, std::string_view name) {
  std::string joined;
  for (const auto& field : response.headers) {
    if (!equals_ignoring_case(field.name, name)) continue;
    if (!joined.empty()) joined.append(", ");
    joined.append(field.value);
  }
  return joined;
}

/// The body coding, or why we will not decode it. Transfer codings other than plain chunked
/// would reach us still encoded, so they are refused too.
std::variant<ContentCoding, FetchError> choose_coding(const ExchangeResponse& response) {
  const auto transfer = joined_header(response, "Transfer-Encoding");
  if (!transfer.empty() && !equals_ignoring_case(transfer, "chunked"))
    return FetchError{FetchErrorKind::unsupported_encoding, "Transfer-Encoding: " + transfer};
  const auto content = joined_header(response, "Content-Encoding");
  if (auto coding = parse_content_encoding(content)) return *coding;
  return FetchError{FetchErrorKind::unsupported_encoding, "Content-Encoding: " + content};
}

FetchError body_timeout(bool rate_bound, const HttpClientOptions& options,
                        milliseconds total_budget) {
  if (rate_bound)
    return {FetchErrorKind::timeout_body,
            "(under " + std::to_string(options.min_body_rate) + " bytes/s for " +
                format_duration(options.min_body_rate_window) + ")"};
  return {FetchErrorKind::timeout_body,
          "(whole-request deadline, " + format_duration(total_budget) + " left)"};
}

}  // namespace

template <class Stream>
asio::awaitable<std::optional<FetchError>> HttpExchanger::Impl::read_body(
    Stream& stream, Connection& connection, http::response_parser<http::buffer_body>& parser,
    BodyDecoder& decoder, Clock::time_point deadline) {
  const auto window = options_.min_body_rate_window;
  const auto window_quota = options_.min_body_rate * static_cast<std::size_t>(window.count()) / 1000;
  const auto total_left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
  auto window_start = Clock::now();
  std::size_t window_bytes = 0;
  std::array<char, 16 * 1024> chunk;
  while (!parser.is_done()) {
    const auto window_end = window_start + window;
    connection.tcp_layer().expires_at(std::min(window_end, deadline));
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    // read_some, not read: the rate window must see bytes as they arrive, not per full buffer.
    auto [ec, consumed] =
        co_await http::async_read_some(stream, connection.buffer, parser, as_result);
    if (ec == http::error::need_buffer) ec = {};
    if (ec == beast::error::timeout) co_return body_timeout(window_end < deadline, options_, total_left);
    if (ec) co_return transport_error(FetchPhase::body, ec, total_left);
    const std::size_t received = chunk.size() - parser.get().body().size;
    if (auto error = decoder.append({chunk.data(), received})) co_return error;
    window_bytes += received;
    // A window that brought its quota is done; the next one starts now.
    if (window_bytes >= window_quota) {
      window_start = Clock::now();
      window_bytes = 0;
    }
  }
  co_return decoder.finish();
}

template <class Stream>
asio::awaitable<Conversation> HttpExchanger::Impl::converse(
    Stream& stream, Connection& connection, const http::request<http::empty_body>& request,
    Clock::time_point deadline) {
  // One deadline from the first byte written to the end of the header block: a trickle of
  // header bytes does not extend it (security.md §2 row 2).
  const auto step = step_deadline(options_.header_timeout, deadline);
  connection.tcp_layer().expires_at(step.at);
  auto [write_ec, written] = co_await http::async_write(stream, request, as_result);
  if (write_ec) co_return Conversation{transport_error(FetchPhase::write, write_ec, step.budget),
                                       false, true};
  http::response_parser<http::buffer_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
  parser.body_limit(options_.max_wire_bytes);
  auto [header_ec, header_bytes] =
      co_await http::async_read_header(stream, connection.buffer, parser, as_result);
  if (header_ec) {
    const bool nothing_received = header_bytes == 0 && connection.buffer.size() == 0;
    co_return Conversation{transport_error(FetchPhase::headers, header_ec, step.budget), false,
                           nothing_received};
  }
  auto response = response_head(parser.get().base());
  if (response.status / 100 != 2) {
    const bool reusable = parser.is_done() && parser.get().keep_alive() &&
                          connection.buffer.size() == 0;
    co_return Conversation{std::move(response), reusable, false};
  }
  auto coding = choose_coding(response);
  if (auto* error = std::get_if<FetchError>(&coding)) co_return Conversation{std::move(*error)};
  BodyDecoder decoder(std::get<ContentCoding>(coding), options_.max_body_bytes);
  if (auto error = co_await read_body(stream, connection, parser, decoder, deadline))
    co_return Conversation{std::move(*error)};
  if (connection.buffer.size() > 0)
    co_return Conversation{FetchError{FetchErrorKind::protocol,
                                      "bytes after the end of the response (wrong Content-Length?)"}};
  response.body = decoder.take_body();
  co_return Conversation{std::move(response), parser.get().keep_alive(), false};
}

asio::awaitable<ExchangeOutcome> HttpExchanger::Impl::exchange(
    const HttpTarget& target, const std::vector<HttpHeader>& headers, Clock::time_point deadline) {
  const auto request = build_request(target, headers);
  const auto key = pool_key(target);
  auto converse_on = [&](Connection& connection) {
    return connection.tls ? converse(*connection.tls, connection, request, deadline)
                          : converse(*connection.plain, connection, request, deadline);
  };
  std::unique_ptr<Connection> connection = take_idle(key);
  if (connection) {
    auto conversation = co_await converse_on(*connection);
    const auto* error = std::get_if<FetchError>(&conversation.outcome);
    // A pooled connection the server closed while idle fails before any response byte; only
    // then is a retry on a fresh connection safe.
    const bool stale = error && error->kind == FetchErrorKind::connection_lost &&
                       conversation.nothing_received;
    if (!stale) {
      if (conversation.reusable) keep_idle(key, std::move(connection));
      co_return std::move(conversation.outcome);
    }
  }
  auto opened = co_await open_connection(target, deadline);
  if (auto* error = std::get_if<FetchError>(&opened)) co_return std::move(*error);
  connection = std::move(std::get<std::unique_ptr<Connection>>(opened));
  auto conversation = co_await converse_on(*connection);
  if (conversation.reusable) keep_idle(key, std::move(connection));
  co_return std::move(conversation.outcome);
}

HttpExchanger::HttpExchanger(asio::any_io_executor executor, HttpClientOptions options,
                             std::shared_ptr<Resolver> resolver)
    : impl_(std::make_unique<Impl>(std::move(executor), std::move(options), std::move(resolver))) {}

HttpExchanger::~HttpExchanger() = default;

asio::awaitable<ExchangeOutcome> HttpExchanger::exchange(HttpTarget target,
                                                         std::vector<HttpHeader> headers,
                                                         Clock::time_point deadline) {
  co_return co_await impl_->exchange(target, headers, deadline);
}

std::size_t HttpExchanger::idle_connections() const {
  std::size_t count = 0;
  for (const auto& [key, pool] : impl_->idle_) count += pool.size();
  return count;
}

}  // namespace feedd
