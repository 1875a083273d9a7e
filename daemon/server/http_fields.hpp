#pragma once
/// Small HTTP field helpers of our server: Accept-Encoding, If-None-Match, HTTP-dates, gzip,
/// reason phrases. Pure (zlib aside); the parsing side of HTTP-dates is parse_http_date in
/// daemon/http/response_headers.hpp.

#include <chrono>
#include <string>
#include <string_view>

namespace feedd {

/// The reason phrase of a status we send ("Not Found"); "Unknown" for others.
std::string_view status_reason(int status);

/// True when an Accept-Encoding value allows gzip (a `gzip` or `*` coding without q=0).
bool accepts_gzip(std::string_view accept_encoding);

/// True when an If-None-Match value matches `etag` by weak comparison (RFC 9110 §13.1.2),
/// `*` matching any current representation.
bool if_none_match_matches(std::string_view if_none_match, std::string_view etag);

/// `time` as an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT").
std::string format_http_date(std::chrono::sys_seconds time);

/// `data` as a gzip member (RFC 1952).
std::string gzip_compress(std::string_view data);

}  // namespace feedd
