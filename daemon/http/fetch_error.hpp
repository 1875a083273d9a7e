#pragma once
/// The one closed set of fetch failures users see, and the one function that reduces transport
/// outcomes (phase + error_code + TLS verify result) to it.

#include <chrono>
#include <optional>
#include <string>

#include <boost/system/error_code.hpp>

namespace feedd {

/// Why a fetch failed. Closed: every transport, TLS, HTTP and file outcome maps to one of these.
enum class FetchErrorKind {
  timeout_resolve,       ///< name resolution did not finish in time
  timeout_connect,       ///< TCP connect did not finish in time
  timeout_tls,           ///< TLS handshake did not finish in time
  timeout_headers,       ///< response headers did not arrive in time (total, not per byte)
  timeout_body,          ///< body too slow (minimum rate) or the whole-request deadline passed
  dns,                   ///< the name does not resolve
  connect,               ///< TCP connect refused or unreachable
  connection_lost,       ///< connection reset or closed by the peer after it was established
  tls,                   ///< handshake or certificate verification failed
  header_too_large,      ///< response header block over the limit
  too_large,             ///< body over the wire or decoded limit
  too_many_redirects,    ///< redirect chain longer than allowed
  bad_redirect,          ///< redirect without usable Location, to a non-HTTP scheme, or a downgrade
  forbidden_address,     ///< target resolves to a loopback/private/reserved address (SSRF guard)
  http_status,           ///< the server answered with an error status (4xx, 5xx, unusable 3xx)
  unsupported_encoding,  ///< Content-Encoding we do not decode (br, stacked codings, unknown)
  protocol,              ///< malformed or truncated response, bad URL
  file,                  ///< a file: URL could not be read
  cancelled              ///< the fetch was cancelled (shutdown)
};

/// Short snake_case name of a kind, for logs, JSON and metrics labels.
const char* to_string(FetchErrorKind kind) noexcept;

/// A failed fetch: the kind plus a human detail ("certificate has expired", "Not Found").
struct FetchError {
  FetchErrorKind kind;
  std::string detail;
  int http_status = 0;                             ///< set for kind == http_status
  std::optional<std::chrono::seconds> retry_after = std::nullopt;  ///< from Retry-After (raw)
};

/// One line for users: "TLS: certificate has expired", "HTTP 404 Not Found",
/// "timeout waiting for headers after 10 s".
std::string describe(const FetchError& error);

/// The step of a request during which a transport error happened.
enum class FetchPhase { resolve, connect, tls, write, headers, body };

/// What a transport failure looked like: the step, the error, the time budget the step had
/// (for timeout messages), and OpenSSL's verify result after a failed handshake (X509_V_OK = 0
/// when unknown).
struct TransportFailure {
  FetchPhase phase;
  boost::system::error_code error;
  std::chrono::milliseconds budget{0};
  long tls_verify_result = 0;
};

/// Reduces a transport failure to the closed set. Timeouts become timeout_<phase>, Beast parse
/// errors protocol/header_too_large/too_large, resets connection_lost, certificate problems tls
/// with a reason named from the verify result.
FetchError classify_transport_failure(const TransportFailure& failure);

/// An HTTP error status as a FetchError (kind http_status).
FetchError http_status_error(int status, std::string reason,
                             std::optional<std::chrono::seconds> retry_after);

/// "10 s" for whole seconds, else "250 ms".
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace feedd
