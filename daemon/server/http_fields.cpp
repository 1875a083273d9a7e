#include "daemon/server/http_fields.hpp"

#include <array>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include <zlib.h>

#include "feeds/ascii.hpp"

namespace feedd {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

/// Splits "a, b;q=0" at commas (Accept-Encoding has no quoted strings worth honouring).
template <typename Visit>
void for_each_list_element(std::string_view list, Visit visit) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto element = trim(list.substr(0, comma));
    if (!element.empty()) visit(element);
    if (comma == std::string_view::npos) return;
    list.remove_prefix(comma + 1);
  }
}

/// q=0, q=0.0, q=0.000 refuse a coding (RFC 9110 §12.4.2); any other weight accepts it.
bool has_zero_weight(std::string_view parameters) {
  const auto q = feeds::ascii_lower(parameters).find("q=");
  if (q == std::string::npos) return false;
  const auto weight = trim(parameters.substr(q + 2));
  if (weight.empty()) return false;
  for (const char c : weight)
    if (c != '0' && c != '.') return false;
  return true;
}

}  // namespace

std::string_view status_reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 421: return "Misdirected Request";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<bool> gzip;
  std::optional<bool> any;
  for_each_list_element(accept_encoding, [&](std::string_view element) {
    const auto semicolon = element.find(';');
    const auto coding = feeds::ascii_lower(trim(element.substr(0, semicolon)));
    const bool allowed =
        semicolon == std::string_view::npos || !has_zero_weight(element.substr(semicolon + 1));
    if (coding == "gzip" || coding == "x-gzip") gzip = allowed;
    if (coding == "*") any = allowed;
  });
  if (gzip) return *gzip;
  return any.value_or(false);
}

bool if_none_match_matches(std::string_view if_none_match, std::string_view etag) {
  if (trim(if_none_match) == "*") return true;
  const auto opaque = [](std::string_view tag) {
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
  };
  const auto wanted = opaque(etag);
  std::string_view list = if_none_match;
  while (true) {
    list = trim(list);
    while (!list.empty() && (list.front() == ',' || is_space(list.front()))) list.remove_prefix(1);
    if (list.empty()) return false;
    const std::size_t start = list.starts_with("W/") ? 2 : 0;
    if (list.size() <= start || list[start] != '"') return false;
    const auto close = list.find('"', start + 1);
    if (close == std::string_view::npos) return false;
    if (list.substr(start, close - start + 1) == wanted) return true;
    list.remove_prefix(close + 1);
  }
}

std::string format_http_date(std::chrono::sys_seconds time) {
  static constexpr std::array<const char*, 7> weekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{time - day};
  const std::chrono::weekday weekday{day};
  std::array<char, 40> text{};
  std::snprintf(text.data(), text.size(), "%s, %02u %s %04d %02d:%02d:%02d GMT",
                weekdays[weekday.c_encoding()], static_cast<unsigned>(date.day()),
                months[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return text.data();
}

std::string gzip_compress(std::string_view data) {
  z_stream stream{};
  // 15 + 16: a 32 KiB window with a gzip header and trailer instead of zlib's.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip: deflateInit2 failed");
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  return out;
}

}  // namespace feedd
