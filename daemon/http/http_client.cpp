#include "daemon/http/http_client.hpp"
#include "feeds/ascii.hpp"

#include <boost/url/parse.hpp>

#include "daemon/http/content_decoder.hpp"
#include "daemon/http/file_fetch.hpp"
#include "daemon/http/http_exchange.hpp"
#include "daemon/http/response_headers.hpp"
#include "feeds/url/resolve.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using namespace std::string_literals;

/// URLs quoted in messages are cut: a hostile Location can be megabytes long.
std::string quoted_url(std::string_view url) {
  constexpr std::size_t limit = 200;
  if (url.size() <= limit) return std::string(url);
  return std::string(url.substr(0, limit)) + "...";
}

/// An http(s) URL as an exchange target; kind `protocol` if it is not one.
std::variant<HttpTarget, FetchError> parse_http_target(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  const auto bad = [&](std::string why) {
    return FetchError{FetchErrorKind::protocol, why + ": " + quoted_url(url)};
  };
  if (!parsed) return bad("not a valid URL");
  const auto scheme = feeds::ascii_lower(parsed->scheme());
  if (scheme != "http" && scheme != "https") return bad("not an http(s) URL");
  HttpTarget target;
  target.tls = scheme == "https";
  target.host = parsed->host_type() == boost::urls::host_type::ipv6
                    ? parsed->host_ipv6_address().to_string()
                    : std::string(parsed->host());
  if (target.host.empty()) return bad("URL without a host");
  if (parsed->has_port() && parsed->port_number() == 0) return bad("bad port");
  target.port = parsed->has_port() ? parsed->port_number() : (target.tls ? 443 : 80);
  target.target = parsed->encoded_path().empty() ? "/"s : std::string(parsed->encoded_path());
  if (parsed->has_query()) target.target.append("?").append(parsed->encoded_query());
  return target;
}

std::vector<HttpHeader> request_headers(const FetchRequest& request, const std::string& agent) {
  std::vector<HttpHeader> headers{{"User-Agent", agent},
                                  {"Accept", request.accept},
                                  {"Accept-Encoding", std::string(accepted_encodings)}};
  if (request.etag) headers.push_back({"If-None-Match", *request.etag});
  if (request.last_modified) headers.push_back({"If-Modified-Since", *request.last_modified});
  return headers;
}

bool is_followed_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/// The next hop's URL: Location resolved against the current URL, http(s) only, and no
/// https → http downgrade unless allowed (security.md §2 rows 13-14).
std::variant<std::string, FetchError> redirect_target(const std::string& current,
                                                      const ExchangeResponse& response,
                                                      bool allow_downgrade) {
  const auto location = response.header("Location");
  if (!location || location->empty())
    return FetchError{FetchErrorKind::bad_redirect, std::to_string(response.status) + " without Location"};
  auto next = feeds::resolve_url(current, *location);
  if (!next) return FetchError{FetchErrorKind::bad_redirect, "unusable Location " + quoted_url(*location)};
  const auto scheme = feeds::ascii_lower(next->substr(0, next->find(':')));
  if (scheme != "http" && scheme != "https")
    return FetchError{FetchErrorKind::bad_redirect, "to a non-HTTP URL " + quoted_url(*next)};
  if (!allow_downgrade && feeds::ascii_lower(current.substr(0, 6)) == "https:" && scheme == "http")
    return FetchError{FetchErrorKind::bad_redirect, "https → http downgrade to " + quoted_url(*next)};
  return std::move(*next);
}

FetchResponse to_fetch_response(ExchangeResponse&& response, std::string final_url,
                                bool permanently_redirected) {
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  FetchResponse result;
  result.status = response.status;
  result.not_modified = response.status == 304;
  result.final_url = std::move(final_url);
  result.permanently_redirected = permanently_redirected;
  result.body = std::move(response.body);
  result.content_type = response.header("Content-Type").value_or("");
  result.etag = response.header("ETag");
  result.last_modified = response.header("Last-Modified");
  if (auto cache_control = response.header("Cache-Control"))
    result.max_age = parse_cache_max_age(*cache_control);
  if (auto expires = response.header("Expires")) result.expires = parse_http_date(*expires);
  if (auto retry_after = response.header("Retry-After"))
    result.retry_after = parse_retry_after(*retry_after, now);
  return result;
}

/// The final response of a chain as an outcome: 2xx and 304 succeed, the rest are errors.
FetchOutcome to_outcome(ExchangeResponse&& response, std::string final_url, bool permanent) {
  if (response.status / 100 == 2 || response.status == 304)
    return to_fetch_response(std::move(response), std::move(final_url), permanent);
  std::optional<std::chrono::seconds> retry_after;
  if (auto value = response.header("Retry-After"))
    retry_after = parse_retry_after(
        *value, std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  return http_status_error(response.status, std::move(response.reason), retry_after);
}

}  // namespace

HttpClient::HttpClient(asio::any_io_executor executor, HttpClientOptions options,
                       std::shared_ptr<Resolver> resolver)
    : options_(std::move(options)) {
  if (options_.user_agent.empty()) options_.user_agent = "feedd/"s + FEEDD_VERSION;
  if (!resolver) resolver = std::make_shared<SystemResolver>(executor);
  exchanger_ = std::make_unique<HttpExchanger>(std::move(executor), options_, std::move(resolver));
}

HttpClient::~HttpClient() = default;

std::size_t HttpClient::idle_connections() const { return exchanger_->idle_connections(); }

asio::awaitable<FetchOutcome> HttpClient::fetch(FetchRequest request) {
  const auto started = Clock::now();
  FetchOutcome outcome;
  if (is_file_url(request.url))
    outcome = read_file_url(request.url, options_.max_body_bytes);
  else
    outcome = co_await follow_redirects(request, started + options_.total_timeout);
  if (outcome)
    outcome.value().elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  co_return outcome;
}

asio::awaitable<FetchOutcome> HttpClient::follow_redirects(const FetchRequest& request,
                                                           Clock::time_point deadline) {
  const auto headers = request_headers(request, options_.user_agent);
  std::string url = request.url;
  bool every_hop_permanent = true;
  for (int hops = 0;; ++hops) {
    auto target = parse_http_target(url);
    if (auto* error = std::get_if<FetchError>(&target)) co_return std::move(*error);
    auto exchanged =
        co_await exchanger_->exchange(std::get<HttpTarget>(target), headers, deadline);
    if (auto* error = std::get_if<FetchError>(&exchanged)) co_return std::move(*error);
    auto& response = std::get<ExchangeResponse>(exchanged);
    if (!is_followed_redirect(response.status))
      co_return to_outcome(std::move(response), std::move(url), hops > 0 && every_hop_permanent);
    if (hops == options_.max_redirects)
      co_return FetchError{FetchErrorKind::too_many_redirects,
                           "more than " + std::to_string(options_.max_redirects) + " hops"};
    auto next = redirect_target(url, response, options_.allow_https_downgrade);
    if (auto* error = std::get_if<FetchError>(&next)) co_return std::move(*error);
    every_hop_permanent = every_hop_permanent && (response.status == 301 || response.status == 308);
    url = std::move(std::get<std::string>(next));
  }
}

}  // namespace feedd
