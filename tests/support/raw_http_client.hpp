#pragma once
/// A deliberately small HTTP/1.1 client for tests of feedd's own server: it sends exactly the
/// bytes it is given (so tests can send malformed requests, odd methods, huge headers) to
/// 127.0.0.1:PORT and reads until the server closes, every wait bounded. POSIX sockets, no
/// Beast or Asio: it shares no parsing code with the server under test.
///
///   auto reply = feedd::test::http_request(port, "GET", "/feed.atom", {"Accept-Encoding: gzip"});
///   EXPECT_EQ(reply.status, 200); auto xml = feedd::test::gunzip(reply.body);

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace feedd::test {

/// A response as read off the wire; status 0 when none arrived (closed or reset first).
struct RawHttpResponse {
  int status = 0;
  std::string head{};  ///< status line and header lines, as sent
  std::vector<std::pair<std::string, std::string>> headers{};
  std::string body{};  ///< de-chunked, not decompressed; after a HEAD, 204 or 304: any bytes sent
  std::string error{};  ///< what went wrong on the socket, if anything

  /// The first header named `name` (case-insensitive).
  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [key, value] : headers)
      if (std::equal(key.begin(), key.end(), name.begin(), name.end(),
                     [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) ==
                                                 std::tolower(static_cast<unsigned char>(b)); }))
        return value;
    return std::nullopt;
  }
};

namespace raw_http_detail {

inline std::string dechunk(std::string_view body) {
  std::string out;
  while (!body.empty()) {
    auto line_end = body.find("\r\n");
    if (line_end == std::string_view::npos) break;
    char* parsed_end = nullptr;
    const std::string size_text(body.substr(0, line_end));
    const std::size_t size = std::strtoul(size_text.c_str(), &parsed_end, 16);
    if (parsed_end == size_text.c_str() || size == 0 || body.size() < line_end + 2 + size) break;
    out.append(body.substr(line_end + 2, size));
    body.remove_prefix(std::min(body.size(), line_end + 2 + size + 2));
  }
  return out;
}

inline void parse_headers(RawHttpResponse& response) {
  std::string_view rest(response.head);
  auto line_end = rest.find("\r\n");
  std::string_view status_line = rest.substr(0, line_end);
  if (status_line.size() >= 12 && status_line.substr(0, 5) == "HTTP/")
    response.status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
  rest.remove_prefix(line_end == std::string_view::npos ? rest.size() : line_end + 2);
  while (!rest.empty()) {
    line_end = rest.find("\r\n");
    std::string_view line = rest.substr(0, line_end);
    rest.remove_prefix(line_end == std::string_view::npos ? rest.size() : line_end + 2);
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    response.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
}

/// Splits what was read into head and body; `no_body`: the answer to HEAD (or a 304).
inline void parse_response(std::string_view wire, bool no_body, RawHttpResponse& response) {
  auto head_end = wire.find("\r\n\r\n");
  if (head_end == std::string_view::npos) return;
  response.head = std::string(wire.substr(0, head_end));
  parse_headers(response);
  std::string_view body = wire.substr(head_end + 4);
  // No body may follow these; whatever did is kept so a test can see it.
  if (no_body || response.status == 304 || response.status == 204) {
    response.body = std::string(body);
    return;
  }
  auto encoding = response.header("Transfer-Encoding");
  auto length = response.header("Content-Length");
  if (encoding && encoding->find("chunked") != std::string::npos)
    response.body = dechunk(body);
  else if (length)
    response.body = std::string(body.substr(0, std::strtoul(length->c_str(), nullptr, 10)));
  else
    response.body = std::string(body);
}

inline int connect_loopback(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

/// Waits for `events` on `fd` until `deadline`; false on timeout.
inline bool wait_for(int fd, short events, std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd entry{fd, events, 0};
  return ::poll(&entry, 1, static_cast<int>(left.count())) > 0;
}

}  // namespace raw_http_detail

/// Sends `request` as is and reads until the server closes the connection or `timeout` passes.
/// A server that stops reading early (a request it refuses) may make the send fail; what it
/// answered is still read and parsed.
inline RawHttpResponse raw_http_exchange(std::uint16_t port, std::string_view request, bool no_body = false,
                                         std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  namespace detail = raw_http_detail;
  RawHttpResponse response;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int fd = detail::connect_loopback(port);
  if (fd < 0) return {.error = "connect failed"};
  while (!request.empty() && detail::wait_for(fd, POLLOUT, deadline)) {
    ssize_t sent = ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    if (sent <= 0) break;
    request.remove_prefix(static_cast<std::size_t>(sent));
  }
  std::string wire;
  char buffer[16384];
  for (;;) {
    if (!detail::wait_for(fd, POLLIN, deadline)) {
      response.error = "timed out reading";
      break;
    }
    ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got < 0) response.error = "read failed";
    if (got <= 0) break;
    wire.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  detail::parse_response(wire, no_body, response);
  return response;
}

/// `METHOD TARGET HTTP/1.1` with Host 127.0.0.1:PORT, Connection: close and `header_lines`
/// ("Name: value" each).
inline RawHttpResponse http_request(std::uint16_t port, std::string_view method, std::string_view target,
                                    const std::vector<std::string>& header_lines = {}) {
  std::string request = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1:" +
                        std::to_string(port) + "\r\nConnection: close\r\n";
  for (const auto& line : header_lines) request += line + "\r\n";
  request += "\r\n";
  return raw_http_exchange(port, request, method == "HEAD");
}

/// The gzip member `compressed`, inflated; nullopt when it is not valid gzip.
inline std::optional<std::string> gunzip(std::string_view compressed) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return std::nullopt;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char buffer[65536];
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  inflateEnd(&stream);
  if (status != Z_STREAM_END) return std::nullopt;
  return out;
}

}  // namespace feedd::test
