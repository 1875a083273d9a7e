#include "daemon/server/finish_reply.hpp"

#include "daemon/http/response_headers.hpp"

namespace feedd {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

bool is_textual(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.find("xml") != std::string_view::npos ||
         content_type.find("json") != std::string_view::npos ||
         content_type.find("javascript") != std::string_view::npos;
}

std::size_t body_size(const Reply& reply) { return reply.body ? reply.body->size() : 0; }

/// Whether some client could get this reply gzipped: then caches must key on Accept-Encoding.
bool is_compressible(const Reply& reply) {
  if (reply.status == 304 || body_size(reply) == 0) return false;
  return reply.gzip_body || (is_textual(reply.content_type) && body_size(reply) >= gzip_min_bytes);
}

/// RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it.
bool is_not_modified(const Request& request, const Reply& reply) {
  if (reply.status != 200) return false;
  if (!request.if_none_match.empty())
    return if_none_match_matches(request.if_none_match, reply.etag.value_or(""));
  if (request.if_modified_since.empty() || !reply.last_modified) return false;
  const auto since = parse_http_date(request.if_modified_since);
  return since && *reply.last_modified <= *since;
}

/// Headers every reply carries, 304s included.
Headers common_headers(const Reply& reply, std::chrono::system_clock::time_point now) {
  Headers headers{
      {"Server", "feedd/" FEEDD_VERSION},
      {"Date", format_http_date(std::chrono::floor<std::chrono::seconds>(now))},
      {"Content-Security-Policy", std::string(content_security_policy)},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cache-Control", reply.cache_control},
  };
  if (reply.etag) headers.emplace_back("ETag", *reply.etag);
  if (reply.last_modified) headers.emplace_back("Last-Modified", format_http_date(*reply.last_modified));
  if (is_compressible(reply)) headers.emplace_back("Vary", "Accept-Encoding");
  return headers;
}

WireReply not_modified(const Reply& reply, std::chrono::system_clock::time_point now) {
  WireReply wire;
  wire.status = 304;
  wire.headers = common_headers(reply, now);
  wire.has_content_length = false;
  return wire;
}

/// The body to send: the prepared gzip, gzip made now, or the body as it is.
std::shared_ptr<const std::string> choose_body(const Request& request, const Reply& reply,
                                               Headers& headers) {
  if (!request.accepts_gzip || !is_compressible(reply)) return reply.body;
  headers.emplace_back("Content-Encoding", "gzip");
  if (reply.gzip_body) return reply.gzip_body;
  return std::make_shared<const std::string>(gzip_compress(*reply.body));
}

/// The file holding `body`, if the reply gave one for exactly that body.
std::shared_ptr<const BodyFile> file_of(const std::shared_ptr<const std::string>& body, const Reply& reply) {
  std::shared_ptr<const BodyFile> file;
  if (body && body == reply.gzip_body) file = reply.gzip_body_file;
  else if (body && body == reply.body) file = reply.body_file;
  if (file && file->size() != body->size()) file.reset();
  return file;
}

}  // namespace

WireReply finish_reply(const Request& request, Reply reply, std::chrono::system_clock::time_point now) {
  if (is_not_modified(request, reply)) return not_modified(reply, now);
  WireReply wire;
  wire.status = reply.status;
  wire.headers = common_headers(reply, now);
  wire.headers.emplace_back("Content-Type", reply.content_type);
  for (auto& header : reply.headers) wire.headers.push_back(std::move(header));
  auto body = choose_body(request, reply, wire.headers);
  wire.content_length = body ? body->size() : 0;
  // HEAD: the same headers as GET, Content-Length included, and no body (RFC 9110 §9.3.2).
  if (request.method == "HEAD") return wire;
  wire.body_file = file_of(body, reply);
  wire.body = std::move(body);
  return wire;
}

Reply make_status_reply(int status) {
  return make_reply(status, "text/plain; charset=utf-8",
                    std::to_string(status) + " " + std::string(status_reason(status)) + "\n");
}

}  // namespace feedd
