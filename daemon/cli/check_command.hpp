#pragma once
/// `feedd check [-c FILE]`: validate the config, print every problem as "FILE:LINE: message".

#include <string>

namespace feedd {

struct CheckCommandOptions {
  std::string config_path;  ///< empty: the default places (config/default_path.hpp)
};

/// Prints problems on stderr and returns 1, or a one-line summary on stdout
/// ("config/demo.toml: ok, 3 feeds, 1 output") and returns 0.
int run_check_command(const CheckCommandOptions& options);

}  // namespace feedd
