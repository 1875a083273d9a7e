#pragma once
/// What the HTTP server hands to the parts that answer requests (merged feeds, dashboard,
/// status), and what they hand back. No Beast here: handlers stay free of the transport, and
/// the server applies conditional requests, gzip and HEAD to every Reply the same way.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "daemon/server/body_file.hpp"

namespace feedd {

/// Parameters a route captured, in pattern order: {"id", "12"} for `/feeds/{id:int}`.
using RouteParams = std::vector<std::pair<std::string, std::string>>;

/// One parsed, already size-checked GET or HEAD request.
struct Request {
  std::string method;  ///< "GET" or "HEAD" (the server answers anything else with 405 itself)
  std::string path;    ///< percent-decoded path, e.g. "/outputs/news.atom"
  std::string query;   ///< raw query string without '?', often empty
  std::string if_none_match;      ///< raw header value, empty when absent
  std::string if_modified_since;  ///< raw header value, empty when absent
  bool accepts_gzip = false;      ///< Accept-Encoding allows gzip
  RouteParams params;  ///< filled by the Router from the matching pattern

  /// The captured parameter `name`; empty when the route has none of that name.
  std::string_view param(std::string_view name) const {
    for (const auto& [key, value] : params)
      if (key == name) return value;
    return {};
  }
};

/// A handler's answer. Bodies are shared so a cached rendering is served without a copy.
struct Reply {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::shared_ptr<const std::string> body;       ///< may be null for an empty body
  std::shared_ptr<const std::string> gzip_body;  ///< optional: `body` already gzip-compressed
  /// Optional: `body` / `gzip_body` also in a sealed file, so the server may sendfile(2) it.
  std::shared_ptr<const BodyFile> body_file;
  std::shared_ptr<const BodyFile> gzip_body_file;
  std::optional<std::string> etag;               ///< strong validator, with its quotes
  std::optional<std::chrono::sys_seconds> last_modified;
  std::string cache_control = "no-cache";
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra response headers
};

/// Builds a Reply that owns `body`.
inline Reply make_reply(int status, std::string content_type, std::string body) {
  Reply reply;
  reply.status = status;
  reply.content_type = std::move(content_type);
  reply.body = std::make_shared<const std::string>(std::move(body));
  return reply;
}

/// Answers one request; runs on the event loop (it may co_await storage).
using Handler = std::function<boost::asio::awaitable<Reply>(const Request&)>;

}  // namespace feedd
