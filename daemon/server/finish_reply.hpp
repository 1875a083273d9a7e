#pragma once
/// The one place where a handler's Reply becomes what goes on the wire, for every reply the
/// server sends (its own 4xx/5xx included): security headers, Server and Date, conditional
/// requests (304), gzip (prepared or on the fly) with Vary, and HEAD. Transport-free and pure
/// apart from zlib, so it is unit-tested without sockets.

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/server/http_fields.hpp"
#include "daemon/server/reply.hpp"

namespace feedd {

/// The Content-Security-Policy every reply carries: pages load nothing from elsewhere.
inline constexpr std::string_view content_security_policy =
    "default-src 'none'; img-src 'self' data:; style-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Bodies at least this long and textual are gzipped on the fly when no gzip_body is given.
inline constexpr std::size_t gzip_min_bytes = 1024;

/// A reply ready for the transport. Content-Length is not among `headers`: the transport
/// writes `content_length` when `has_content_length` (never for a 304).
struct WireReply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<const std::string> body;  ///< null when nothing follows the headers (HEAD, 304)
  /// `body` in a sealed file of the same length, when the handler gave one: the transport may
  /// send from it instead of from `body` (which stays set, as the fallback). Null otherwise.
  std::shared_ptr<const BodyFile> body_file;
  std::size_t content_length = 0;           ///< the GET body's length, for HEAD too
  bool has_content_length = true;
};

/// Applies every cross-cutting rule to `reply` for `request` at time `now`.
WireReply finish_reply(const Request& request, Reply reply, std::chrono::system_clock::time_point now);

/// A plain-text reply for a status the server answers itself ("405 Method Not Allowed").
Reply make_status_reply(int status);

}  // namespace feedd
