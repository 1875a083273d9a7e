#pragma once
/// Where commands look for the config when no -c is given (interfaces.md).

#include <filesystem>
#include <optional>
#include <vector>

namespace feedd {

/// The places tried, in order: /etc/feedd/feedd.toml, then ./config/feedd.toml.
std::vector<std::filesystem::path> default_config_candidates();

/// The first candidate that exists, or nullopt.
std::optional<std::filesystem::path> find_default_config();

}  // namespace feedd
