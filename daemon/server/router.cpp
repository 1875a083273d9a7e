#include "daemon/server/router.hpp"

#include <stdexcept>
#include <utility>

namespace feedd {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Unsafe in a path we serve: control bytes would end up in logs and headers, and a backslash
/// is a separator to some clients and proxies.
bool is_forbidden_path_byte(unsigned char c) { return c < 0x20 || c == 0x7f || c == '\\'; }

std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  path.remove_prefix(1);  // the leading '/'
  while (true) {
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return segments;
    path.remove_prefix(slash + 1);
  }
}

bool has_dot_segment(std::string_view path) {
  for (const auto segment : split_segments(path))
    if (segment == "." || segment == "..") return true;
  return false;
}

std::vector<std::string> split_choices(std::string_view text) {
  std::vector<std::string> choices;
  while (true) {
    const auto bar = text.find('|');
    choices.emplace_back(text.substr(0, bar));
    if (choices.back().empty()) throw std::invalid_argument("router: empty choice");
    if (bar == std::string_view::npos) return choices;
    text.remove_prefix(bar + 1);
  }
}

}  // namespace

std::optional<std::string> decode_request_path(std::string_view raw_path) {
  if (raw_path.empty() || raw_path.front() != '/' || raw_path.size() > max_request_path_bytes)
    return std::nullopt;
  std::string decoded;
  decoded.reserve(raw_path.size());
  for (std::size_t i = 0; i < raw_path.size(); ++i) {
    char c = raw_path[i];
    if (c == '%') {
      if (i + 2 >= raw_path.size()) return std::nullopt;
      const int high = hex_value(raw_path[i + 1]);
      const int low = hex_value(raw_path[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      c = static_cast<char>(high * 16 + low);
      i += 2;
    }
    if (is_forbidden_path_byte(static_cast<unsigned char>(c))) return std::nullopt;
    decoded.push_back(c);
  }
  if (has_dot_segment(decoded)) return std::nullopt;
  return decoded;
}

Router::Segment Router::parse_segment(std::string_view text, std::string_view pattern) {
  Segment parts;
  while (!text.empty()) {
    Part part;
    if (text.front() != '{') {
      const auto open = text.find('{');
      part.literal = std::string(text.substr(0, open));
      text.remove_prefix(part.literal.size());
    } else {
      const auto close = text.find('}');
      if (close == std::string_view::npos)
        throw std::invalid_argument("router: unclosed '{' in " + std::string(pattern));
      std::string_view spec = text.substr(1, close - 1);
      const auto colon = spec.find(':');
      part.name = std::string(spec.substr(0, colon));
      if (part.name.empty()) throw std::invalid_argument("router: unnamed placeholder in " + std::string(pattern));
      if (colon != std::string_view::npos) {
        const auto constraint = spec.substr(colon + 1);
        if (constraint == "int")
          part.integer = true;
        else
          part.choices = split_choices(constraint);
      }
      if (!parts.empty() && parts.back().literal.empty())
        throw std::invalid_argument("router: adjacent placeholders in " + std::string(pattern));
      text.remove_prefix(close + 1);
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

void Router::add(std::string_view pattern, Handler handler) {
  if (pattern.empty() || pattern.front() != '/')
    throw std::invalid_argument("router: pattern must start with '/': " + std::string(pattern));
  if (pattern.find('{') == std::string_view::npos) {
    exact_.emplace_back(std::string(pattern), std::move(handler));
    return;
  }
  PatternRoute route{{}, std::move(handler)};
  for (const auto segment : split_segments(pattern))
    route.segments.push_back(parse_segment(segment, pattern));
  patterns_.push_back(std::move(route));
}

bool Router::accepts(const Part& part, std::string_view value) {
  if (value.empty()) return false;
  if (part.integer) {
    // Positive, canonical and small enough for an int64 id: "0", "007" and 20 digits are no ids.
    if (value.front() == '0' || value.size() > 18) return false;
    for (const char c : value)
      if (c < '0' || c > '9') return false;
    return true;
  }
  if (part.choices.empty()) return true;
  for (const auto& choice : part.choices)
    if (choice == value) return true;
  return false;
}

/// Matches parts[index..] against all of `text`; a placeholder tries every split so that
/// `{name}.{format}` takes the last '.' that leaves a valid format.
bool Router::match_parts(const Segment& parts, std::size_t index, std::string_view text,
                         RouteParams& params) {
  if (index == parts.size()) return text.empty();
  const Part& part = parts[index];
  if (part.name.empty()) {
    if (!text.starts_with(part.literal)) return false;
    return match_parts(parts, index + 1, text.substr(part.literal.size()), params);
  }
  for (std::size_t length = text.size(); length > 0; --length) {
    const auto value = text.substr(0, length);
    if (!accepts(part, value)) continue;
    params.emplace_back(part.name, std::string(value));
    if (match_parts(parts, index + 1, text.substr(length), params)) return true;
    params.pop_back();
  }
  return false;
}

RouteResult Router::route(std::string_view target, Request& request) const {
  const auto question = target.find('?');
  auto path = decode_request_path(target.substr(0, question));
  if (!path) return {nullptr, 400};
  request.query = question == std::string_view::npos ? "" : std::string(target.substr(question + 1));
  request.path = std::move(*path);
  request.params.clear();
  for (const auto& [exact, handler] : exact_)
    if (exact == request.path) return {&handler, 200};
  const auto segments = split_segments(request.path);
  for (const auto& route : patterns_) {
    if (route.segments.size() != segments.size()) continue;
    RouteParams params;
    bool matched = true;
    for (std::size_t i = 0; i < segments.size() && matched; ++i)
      matched = match_parts(route.segments[i], 0, segments[i], params);
    if (!matched) continue;
    request.params = std::move(params);
    return {&route.handler, 200};
  }
  return {nullptr, 404};
}

}  // namespace feedd
