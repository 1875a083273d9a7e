#include "feeds/html/sanitize_urls.hpp"

#include <algorithm>
#include <array>

#include <boost/url/parse.hpp>

#include "feeds/url/resolve.hpp"

namespace feeds::detail {
namespace {

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_with_lower(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) {
    return false;
  }
  return std::equal(lower_prefix.begin(), lower_prefix.end(), text.begin(),
                    [](char expected, char actual) { return expected == lower_ascii(actual); });
}

/// The lower-case scheme of `url`, empty for a relative reference.
std::string scheme_of(std::string_view url) {
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return {};
  }
  std::string scheme;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = lower_ascii(url[i]);
    const bool valid = (c >= 'a' && c <= 'z') ||
                       (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!valid) {
      return {};
    }
    scheme.push_back(c);
  }
  return scheme;
}

/// data: images that cannot carry script; SVG can, so it is not here (security.md §1.1 (3)).
bool is_raster_data_url(std::string_view url) {
  static constexpr std::array<std::string_view, 6> types = {"png", "jpeg", "jpg",
                                                            "gif", "webp", "avif"};
  if (!starts_with_lower(url, "data:image/")) {
    return false;
  }
  const std::string_view rest = url.substr(11);
  return std::any_of(types.begin(), types.end(), [&](std::string_view type) {
    return starts_with_lower(rest, type) && rest.size() > type.size() &&
           (rest[type.size()] == ';' || rest[type.size()] == ',');
  });
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/// A srcset descriptor we re-emit: none, "<digits>w" or "<number>x".
bool is_valid_descriptor(std::string_view descriptor) {
  if (descriptor.empty()) {
    return true;
  }
  const char unit = descriptor.back();
  const std::string_view number = descriptor.substr(0, descriptor.size() - 1);
  if ((unit != 'w' && unit != 'x') || number.empty() || number.size() > 12 ||
      number.front() == '.') {
    return false;
  }
  const auto dots = std::count(number.begin(), number.end(), '.');
  const bool digits = std::all_of(number.begin(), number.end(),
                                  [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
  return digits && (dots == 0 || (dots == 1 && unit == 'x' && number.back() != '.'));
}

/// The descriptor after a srcset URL: up to a ',' outside parentheses (HTML's srcset parser).
std::string_view take_descriptor(std::string_view value, std::size_t& position) {
  const std::size_t start = position;
  int parentheses = 0;
  while (position < value.size() && (value[position] != ',' || parentheses > 0)) {
    parentheses +=
        value[position] == '(' ? 1 : (value[position] == ')' && parentheses > 0 ? -1 : 0);
    ++position;
  }
  std::string_view descriptor = value.substr(start, position - start);
  while (!descriptor.empty() && is_ascii_space(descriptor.front())) {
    descriptor.remove_prefix(1);
  }
  while (!descriptor.empty() && is_ascii_space(descriptor.back())) {
    descriptor.remove_suffix(1);
  }
  return descriptor;
}

}  // namespace

std::optional<std::string> sanitize_url(std::string_view value, std::string_view base,
                                        UrlPolicy policy) {
  std::optional<std::string> resolved = resolve_url(base, value);
  if (!resolved || resolved->empty()) {
    return std::nullopt;
  }
  const std::string scheme = scheme_of(*resolved);
  const bool allowed = scheme.empty() || scheme == "http" || scheme == "https" ||
                       (policy == UrlPolicy::link && scheme == "mailto") ||
                       (policy == UrlPolicy::image && is_raster_data_url(*resolved));
  // has_safe_scheme is broader than our list; asking it too guards against a disagreement.
  if (!allowed || (scheme != "data" && !has_safe_scheme(*resolved))) {
    return std::nullopt;
  }
  return resolved;
}

std::optional<std::string> sanitize_srcset(std::string_view value, std::string_view base) {
  std::string out;
  std::size_t position = 0;
  while (position < value.size()) {
    if (is_ascii_space(value[position]) || value[position] == ',') {
      ++position;
      continue;
    }
    const std::size_t url_start = position;
    while (position < value.size() && !is_ascii_space(value[position])) {
      ++position;
    }
    std::string_view url = value.substr(url_start, position - url_start);
    std::string_view descriptor;
    if (url.back() == ',') {
      url.remove_suffix(url.size() - url.find_last_not_of(',') - 1);
    } else {
      descriptor = take_descriptor(value, position);
    }
    const std::optional<std::string> resolved = sanitize_url(url, base, UrlPolicy::web);
    if (!resolved || !is_valid_descriptor(descriptor) || resolved->back() == ',') {
      continue;
    }
    out.append(out.empty() ? "" : ", ").append(*resolved);
    out.append(descriptor.empty() ? "" : " ").append(descriptor);
  }
  return out.empty() ? std::nullopt : std::optional<std::string>(std::move(out));
}

bool is_web_url(std::string_view url) {
  const std::string scheme = scheme_of(url);
  return (scheme == "http" || scheme == "https") && boost::urls::parse_uri(url).has_value();
}

bool has_allowed_host(std::string_view url, const std::vector<std::string>& hosts) {
  if (!is_web_url(url)) {
    return false;
  }
  const auto parsed = boost::urls::parse_uri(url);
  std::string host(parsed->encoded_host());
  std::transform(host.begin(), host.end(), host.begin(), lower_ascii);
  return std::any_of(hosts.begin(), hosts.end(), [&](const std::string& allowed) {
    return host.size() == allowed.size() &&
           std::equal(host.begin(), host.end(), allowed.begin(),
                      [](char a, char b) { return a == lower_ascii(b); });
  });
}

}  // namespace feeds::detail
