#include "daemon/http/fetch_error.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <openssl/x509_vfy.h>

namespace feedd {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using namespace std::string_literals;

bool is_timeout(const boost::system::error_code& ec) {
  return ec == boost::beast::error::timeout || ec == asio::error::timed_out;
}

bool is_reset(const boost::system::error_code& ec) {
  return ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::connection_aborted;
}

bool is_end_of_data(const boost::system::error_code& ec) {
  return ec == asio::error::eof || ec == http::error::end_of_stream ||
         ec == http::error::partial_message || ec == asio::ssl::error::stream_truncated;
}

FetchErrorKind timeout_kind(FetchPhase phase) {
  switch (phase) {
    case FetchPhase::resolve: return FetchErrorKind::timeout_resolve;
    case FetchPhase::connect: return FetchErrorKind::timeout_connect;
    case FetchPhase::tls: return FetchErrorKind::timeout_tls;
    case FetchPhase::write:
    case FetchPhase::headers: return FetchErrorKind::timeout_headers;
    case FetchPhase::body: break;
  }
  return FetchErrorKind::timeout_body;
}

/// Names the certificate problem from OpenSSL's verify result (the handshake error itself only
/// says "certificate verify failed").
std::string describe_verify_result(long result) {
  switch (result) {
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: return "self-signed certificate";
    case X509_V_ERR_CERT_HAS_EXPIRED: return "certificate has expired";
    case X509_V_ERR_CERT_NOT_YET_VALID: return "certificate is not yet valid";
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH: return "certificate does not match the host name";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE: return "certificate issued by an unknown CA";
    case X509_V_ERR_EE_KEY_TOO_SMALL:
    case X509_V_ERR_CA_KEY_TOO_SMALL:
    case X509_V_ERR_CA_MD_TOO_WEAK: return "certificate uses a weak key or signature";
    default: return X509_verify_cert_error_string(result);
  }
}

FetchError classify_tls(const TransportFailure& failure) {
  if (failure.tls_verify_result != X509_V_OK)
    return {FetchErrorKind::tls, describe_verify_result(failure.tls_verify_result)};
  return {FetchErrorKind::tls, failure.error.message()};
}

FetchError classify_parse_error(const TransportFailure& failure) {
  const auto& ec = failure.error;
  if (ec == http::error::header_limit) return {FetchErrorKind::header_too_large, ec.message()};
  if (ec == http::error::buffer_overflow) {
    if (failure.phase == FetchPhase::headers)
      return {FetchErrorKind::header_too_large, ec.message()};
    return {FetchErrorKind::protocol, "chunk header too long"};
  }
  if (ec == http::error::body_limit) return {FetchErrorKind::too_large, "body over the size limit"};
  return {FetchErrorKind::protocol, ec.message()};
}

FetchError classify_end_of_data(const TransportFailure& failure) {
  if (failure.error == asio::ssl::error::stream_truncated)
    return {FetchErrorKind::protocol, "TLS stream truncated (no close_notify)"};
  if (failure.phase == FetchPhase::body)
    return {FetchErrorKind::protocol, "body truncated: connection closed early"};
  if (failure.error == http::error::partial_message)
    return {FetchErrorKind::protocol, "headers truncated: connection closed early"};
  return {FetchErrorKind::connection_lost, "server closed the connection without a response"};
}

}  // namespace

const char* to_string(FetchErrorKind kind) noexcept {
  switch (kind) {
    case FetchErrorKind::timeout_resolve: return "timeout_resolve";
    case FetchErrorKind::timeout_connect: return "timeout_connect";
    case FetchErrorKind::timeout_tls: return "timeout_tls";
    case FetchErrorKind::timeout_headers: return "timeout_headers";
    case FetchErrorKind::timeout_body: return "timeout_body";
    case FetchErrorKind::dns: return "dns";
    case FetchErrorKind::connect: return "connect";
    case FetchErrorKind::connection_lost: return "connection_lost";
    case FetchErrorKind::tls: return "tls";
    case FetchErrorKind::header_too_large: return "header_too_large";
    case FetchErrorKind::too_large: return "too_large";
    case FetchErrorKind::too_many_redirects: return "too_many_redirects";
    case FetchErrorKind::bad_redirect: return "bad_redirect";
    case FetchErrorKind::forbidden_address: return "forbidden_address";
    case FetchErrorKind::http_status: return "http_status";
    case FetchErrorKind::unsupported_encoding: return "unsupported_encoding";
    case FetchErrorKind::protocol: return "protocol";
    case FetchErrorKind::file: return "file";
    case FetchErrorKind::cancelled: return "cancelled";
  }
  return "unknown";
}

std::string format_duration(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + " s";
  return std::to_string(duration.count()) + " ms";
}

std::string describe(const FetchError& error) {
  const std::string& d = error.detail;
  switch (error.kind) {
    case FetchErrorKind::timeout_resolve: return "timeout resolving the host name " + d;
    case FetchErrorKind::timeout_connect: return "timeout connecting " + d;
    case FetchErrorKind::timeout_tls: return "timeout in the TLS handshake " + d;
    case FetchErrorKind::timeout_headers: return "timeout waiting for headers " + d;
    case FetchErrorKind::timeout_body: return "timeout reading the body " + d;
    case FetchErrorKind::dns: return "DNS: " + d;
    case FetchErrorKind::connect: return "connect: " + d;
    case FetchErrorKind::connection_lost: return "connection lost: " + d;
    case FetchErrorKind::tls: return "TLS: " + d;
    case FetchErrorKind::header_too_large: return "response headers too large: " + d;
    case FetchErrorKind::too_large: return "response too large: " + d;
    case FetchErrorKind::too_many_redirects: return "too many redirects: " + d;
    case FetchErrorKind::bad_redirect: return "bad redirect: " + d;
    case FetchErrorKind::forbidden_address: return "forbidden address: " + d;
    case FetchErrorKind::http_status:
      return "HTTP "s.append(std::to_string(error.http_status)).append(d.empty() ? "" : " ").append(d);
    case FetchErrorKind::unsupported_encoding: return "unsupported content encoding: " + d;
    case FetchErrorKind::protocol: return "protocol error: " + d;
    case FetchErrorKind::file: return "file: " + d;
    case FetchErrorKind::cancelled: return "cancelled";
  }
  return d;
}

FetchError classify_transport_failure(const TransportFailure& failure) {
  const auto& ec = failure.error;
  if (is_timeout(ec))
    return {timeout_kind(failure.phase), "after " + format_duration(failure.budget)};
  if (ec == asio::error::operation_aborted) return {FetchErrorKind::cancelled, ec.message()};
  if (failure.phase == FetchPhase::resolve) return {FetchErrorKind::dns, ec.message()};
  if (failure.phase == FetchPhase::connect) return {FetchErrorKind::connect, ec.message()};
  if (failure.phase == FetchPhase::tls) return classify_tls(failure);
  if (ec.category() == http::make_error_code(http::error::partial_message).category() && !is_end_of_data(ec))
    return classify_parse_error(failure);
  if (is_end_of_data(ec)) return classify_end_of_data(failure);
  if (is_reset(ec)) return {FetchErrorKind::connection_lost, ec.message()};
  if (ec.category() == asio::error::get_ssl_category()) return classify_tls(failure);
  return {FetchErrorKind::protocol, ec.message()};
}

FetchError http_status_error(int status, std::string reason,
                             std::optional<std::chrono::seconds> retry_after) {
  return {FetchErrorKind::http_status, std::move(reason), status, retry_after};
}

}  // namespace feedd
