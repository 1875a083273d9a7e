#include "daemon/config/default_path.hpp"

namespace feedd {

std::vector<std::filesystem::path> default_config_candidates() {
  return {"/etc/feedd/feedd.toml", "config/feedd.toml"};
}

std::optional<std::filesystem::path> find_default_config() {
  for (const auto& candidate : default_config_candidates()) {
    std::error_code error;
    if (std::filesystem::exists(candidate, error)) return candidate;
  }
  return std::nullopt;
}

}  // namespace feedd
