#pragma once
/// DNS-rebinding guard for a server bound to loopback (security.md §5): a page on an attacker's
/// domain that re-resolves to 127.0.0.1 reaches our port from the user's browser, but its
/// requests still say `Host: attacker.example`. Only our own names are answered. Pure.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/config/config.hpp"

namespace feedd {

/// The Host values a loopback server on `port` answers: 127.0.0.1:PORT, localhost:PORT,
/// [::1]:PORT, the configured listen host with PORT, and `extra` as given. On port 80 the
/// same names without a port too (browsers omit the default port).
std::vector<std::string> allowed_loopback_hosts(const ListenAddress& configured, std::uint16_t port,
                                                const std::vector<std::string>& extra);

/// True when `host` (a Host header value) is one of `allowed`, ignoring ASCII case.
bool is_allowed_host(std::string_view host, const std::vector<std::string>& allowed);

}  // namespace feedd
