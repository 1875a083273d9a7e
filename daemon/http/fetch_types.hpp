#pragma once
/// What a fetch takes and gives: FetchRequest in, FetchOutcome (a FetchResponse or a FetchError)
/// out. No transport types here, so callers stay light.

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "daemon/http/fetch_error.hpp"

namespace feedd {

/// The Accept header sent unless a request names another.
inline constexpr const char* default_feed_accept =
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5";

/// One fetch: the URL (http, https or file) and the validators of the last 200 response.
struct FetchRequest {
  std::string url;
  std::optional<std::string> etag = std::nullopt;           ///< sent as If-None-Match
  std::optional<std::string> last_modified = std::nullopt;  ///< sent as If-Modified-Since
  std::string accept = default_feed_accept;
};

/// A successful fetch. A 304 is one too: not_modified is true and the body is empty.
struct FetchResponse {
  int status = 0;
  bool not_modified = false;
  std::string final_url;               ///< after redirects
  bool permanently_redirected = false;  ///< at least one hop and every hop was 301 or 308
  std::string body;                     ///< decoded (gzip/deflate removed), complete
  std::string content_type;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::optional<std::chrono::seconds> max_age;  ///< Cache-Control max-age (no-cache → 0)
  std::optional<std::chrono::sys_seconds> expires;
  std::optional<std::chrono::seconds> retry_after;
  std::chrono::milliseconds elapsed{0};
};

/// Either a FetchResponse or a FetchError: a std::variant with named accessors. Test with
/// has_value()/operator bool before value(); value() on an error throws std::bad_variant_access.
class FetchOutcome {
public:
  /// A `cancelled` error: what a fetch that never ran reports (co_spawn needs a default).
  FetchOutcome() : state_(FetchError{FetchErrorKind::cancelled, "not run"}) {}
  FetchOutcome(FetchResponse response) : state_(std::move(response)) {}  // NOLINT(implicit)
  FetchOutcome(FetchError error) : state_(std::move(error)) {}           // NOLINT(implicit)

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }
  FetchResponse& value() & { return std::get<0>(state_); }
  const FetchResponse& value() const& { return std::get<0>(state_); }
  FetchResponse&& value() && { return std::get<0>(std::move(state_)); }
  const FetchResponse* operator->() const { return &value(); }
  const FetchError& error() const { return std::get<1>(state_); }

private:
  std::variant<FetchResponse, FetchError> state_;
};

}  // namespace feedd
