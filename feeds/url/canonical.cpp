#include "feeds/url/canonical.hpp"

#include <algorithm>
#include <utility>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "feeds/ascii.hpp"
#include "feeds/url/uri_chars.hpp"

namespace feeds {
namespace {

using Parameter = std::pair<std::string, std::string>;

using uri_chars::is_unreserved;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = ascii_lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// RFC 3986 §6.2.2.2: decodes only unreserved characters. Boost.URL 1.81's normalize() also
// decodes %2F and %2B, which would merge /a%2Fb with /a/b.
std::string normalize_percent(std::string_view encoded) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    const int high = i + 2 < encoded.size() && encoded[i] == '%' ? hex_value(encoded[i + 1]) : -1;
    const int low = high >= 0 ? hex_value(encoded[i + 2]) : -1;
    if (low < 0) {
      out += encoded[i];
      continue;
    }
    const char decoded = static_cast<char>(high * 16 + low);
    if (is_unreserved(decoded)) {
      out += decoded;
    } else {
      out += '%';
      out += digits[high];
      out += digits[low];
    }
    i += 2;
  }
  return out;
}

// RFC 3986 §5.2.4 on an absolute path.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> kept;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    const auto segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (segment != ".") {
      kept.push_back(segment);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto segment : kept) {
    out += '/';
    out += segment;
  }
  return out;
}

bool is_tracking(std::string_view name, const TrackingParameters& tracking) {
  const auto lowered = ascii_lower(name);
  for (const auto& exact : tracking.names)
    if (ascii_iequals(exact, lowered)) return true;
  for (const auto& prefix : tracking.prefixes)
    if (lowered.size() >= prefix.size() && ascii_iequals(lowered.substr(0, prefix.size()), prefix))
      return true;
  return false;
}

std::string host_key(const boost::urls::url& url) {
  auto host = ascii_lower(normalize_percent(url.encoded_host()));
  if (!host.empty() && host.back() == '.') host.pop_back();
  if (host.starts_with("www.") && host.size() > 4) host.erase(0, 4);
  const auto port = url.port();
  if (url.has_port() && !port.empty() && port != "80" && port != "443") {
    host += ':';
    host += port;
  }
  return host;
}

std::string path_key(const boost::urls::url& url) {
  auto path = remove_dot_segments(normalize_percent(url.encoded_path()));
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

std::string query_key(const boost::urls::url& url, const TrackingParameters& tracking) {
  std::vector<Parameter> kept;
  // An empty query has no parameters. Boost.URL 1.81 also crashes iterating the one empty
  // parameter of "?" when a fragment follows ("http://a/?#"): a link any feed may hold.
  if (url.encoded_query().empty()) return {};
  const boost::urls::url_view view(url);
  for (const auto& parameter : view.encoded_params()) {
    if (is_tracking(parameter.key.decode(), tracking)) continue;
    std::string value;
    if (parameter.has_value) {
      value += '=';
      value += normalize_percent(parameter.value);
    }
    kept.emplace_back(normalize_percent(parameter.key), std::move(value));
  }
  std::stable_sort(kept.begin(), kept.end());
  std::string query;
  for (const auto& [key, value] : kept) {
    query += query.empty() ? "?" : "&";
    query += key;
    query += value;
  }
  return query;
}

/// Host names as most links have them: letters, digits, dots and hyphens.
bool is_host_name_char(char c) {
  return uri_chars::is_alpha(c) || uri_chars::is_digit(c) || c == '-' || c == '.';
}

/// Path characters that need no normalizing: unreserved, sub-delims, ':', '@' and '/'.
constexpr auto plain_path_chars = uri_chars::unreserved_sub_delims_and(":@/");

bool is_plain_path_char(char c) {
  return plain_path_chars[static_cast<unsigned char>(c)];
}

bool has_dot_segment(std::string_view path) {
  return path.find("/./") != std::string_view::npos ||
         path.find("/../") != std::string_view::npos || path.ends_with("/.") ||
         path.ends_with("/..");
}

/// The key of the URLs most links are, built without parsing: a lower-case http(s) scheme, a
/// host name of letters, digits, dots and hyphens, a path with nothing to decode or remove,
/// no port, user info, query or fragment. nullopt means "take the general path", not "no key".
std::optional<std::string> plain_url_key(std::string_view text) {
  const std::size_t prefix = uri_chars::http_prefix_length(text);
  if (prefix == 0) return std::nullopt;
  const auto rest = text.substr(prefix);
  const std::size_t host_end = std::min(rest.find('/'), rest.size());
  auto host = rest.substr(0, host_end);
  auto path = rest.substr(host_end);
  if (host.empty() || !std::ranges::all_of(host, is_host_name_char) ||
      !std::ranges::all_of(path, is_plain_path_char) || has_dot_segment(path))
    return std::nullopt;
  if (host.ends_with('.')) host.remove_suffix(1);
  if (host.size() > 4 && ascii_iequals(host.substr(0, 4), "www.")) host.remove_prefix(4);
  while (path.ends_with('/')) path.remove_suffix(1);
  // Built in place: one allocation, where appending a lowered copy of the host took three.
  constexpr std::string_view scheme = "https://";
  std::string key;
  key.reserve(scheme.size() + host.size() + path.size());
  key += scheme;
  for (const char c : host) key += ascii_lower(c);
  key += path;
  return key;
}

}  // namespace

TrackingParameters default_tracking_parameters() {
  return {{"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "yclid", "igshid", "_hsenc",
           "_hsmi", "ref_src"},
          {"utm_"}};
}

std::optional<std::string> canonical_url_key(std::string_view text,
                                             const TrackingParameters& tracking) {
  if (auto key = plain_url_key(text)) return key;
  return detail::canonical_url_key_with_boost(text, tracking);
}

std::optional<std::string> detail::canonical_url_key_with_boost(
    std::string_view text, const TrackingParameters& tracking) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) return std::nullopt;
  const boost::urls::url url(*parsed);
  const auto scheme = url.scheme();
  if (!ascii_iequals(scheme, "http") && !ascii_iequals(scheme, "https")) return std::nullopt;
  if (url.encoded_host().empty()) return std::nullopt;
  std::string key = "https://";
  key += host_key(url);
  key += path_key(url);
  key += query_key(url, tracking);
  return key;
}

}  // namespace feeds
