#include "daemon/server/host_guard.hpp"

#include "feeds/ascii.hpp"

namespace feedd {

using namespace std::string_literals;

std::vector<std::string> allowed_loopback_hosts(const ListenAddress& configured, std::uint16_t port,
                                                const std::vector<std::string>& extra) {
  std::vector<std::string> hosts;
  for (const std::string name : {"127.0.0.1", "localhost", "::1", configured.host.c_str()}) {
    hosts.push_back(ListenAddress{name, port}.to_string());
    if (port == 80) hosts.push_back(name.find(':') == std::string::npos ? name : "["s + name + "]");
  }
  hosts.insert(hosts.end(), extra.begin(), extra.end());
  return hosts;
}

bool is_allowed_host(std::string_view host, const std::vector<std::string>& allowed) {
  for (const auto& name : allowed)
    if (feeds::ascii_iequals(host, name)) return true;
  return false;
}

}  // namespace feedd
