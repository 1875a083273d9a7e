#pragma once
/// `feedd render [-c FILE] [--output NAME] [--format atom|rss|json]`.

#include <string>

namespace feedd {

struct RenderCommandOptions {
  std::string config_path;     ///< empty: the default config if there is one, else defaults
  std::string output = "all";  ///< --output NAME
  std::string format = "atom";  ///< --format atom|rss|json
};

/// Prints the merged feed `output` from the configured database on stdout, self links under
/// the [daemon] listen address. Exit 1 when the config is bad, the output unknown or the
/// database missing or unreadable.
int run_render_command(const RenderCommandOptions& options);

}  // namespace feedd
