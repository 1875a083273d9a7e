#include "daemon/config/config.hpp"

#include <charconv>

#include "daemon/config/sections.hpp"

namespace feedd {

using namespace std::string_literals;
namespace {

bool is_host_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value > 65535) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

std::string ListenAddress::to_string() const {
  const std::string port_text = std::to_string(port);
  if (host.find(':') != std::string::npos) return "["s + host + "]:"s + port_text;
  return host + ":"s + port_text;
}

std::optional<ListenAddress> parse_listen_address(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view host = text.substr(0, colon);
  const auto port = parse_port(text.substr(colon + 1));
  if (!port) return std::nullopt;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
    const bool ipv6_characters =
        host.find_first_not_of("0123456789abcdefABCDEF:.") == std::string_view::npos;
    if (host.empty() || !ipv6_characters) return std::nullopt;
    return ListenAddress{std::string(host), *port};
  }
  for (const char c : host) {
    if (!is_host_character(c)) return std::nullopt;
  }
  if (host.empty()) return std::nullopt;
  return ListenAddress{std::string(host), *port};
}

std::string default_user_agent() {
  return "feedd/" FEEDD_VERSION " (+https://github.com/feedd/feedd)";
}

std::vector<std::string> default_tracking_parameters() {
  return {"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id",
          "fbclid",     "gclid",      "dclid",        "msclkid",  "mc_cid",      "mc_eid",
          "yclid",      "igshid",     "_hsenc",       "_hsmi",    "ref_src"};
}

std::string_view to_string(FullTextMode mode) noexcept {
  switch (mode) {
    case FullTextMode::always: return "always";
    case FullTextMode::never: return "never";
    default: return "auto";
  }
}

}  // namespace feedd
