#include "daemon/cli/check_command.hpp"

#include <iostream>

#include "daemon/config/config.hpp"
#include "daemon/config/default_path.hpp"

namespace feedd {
namespace {

std::string count_of(std::size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

}  // namespace

int run_check_command(const CheckCommandOptions& options) {
  std::filesystem::path path = options.config_path;
  if (path.empty()) {
    auto found = find_default_config();
    if (!found) {
      std::cerr << "feedd check: no config file (tried";
      for (const auto& candidate : default_config_candidates()) std::cerr << " " << candidate;
      std::cerr << "); name one with -c FILE\n";
      return 1;
    }
    path = *found;
  }
  const LoadResult result = load_config(path);
  if (!result.ok()) {
    for (const ConfigProblem& problem : result.problems) {
      std::cerr << problem.to_string() << "\n";
    }
    return 1;
  }
  std::cout << path.string() << ": ok, " << count_of(result.config.feeds.size(), "feed") << ", "
            << count_of(result.config.outputs.size(), "output") << "\n";
  return 0;
}

}  // namespace feedd
