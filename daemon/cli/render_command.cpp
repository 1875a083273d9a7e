#include "daemon/cli/render_command.hpp"

#include <filesystem>
#include <iostream>

#include "daemon/app/daemon_setup.hpp"
#include "daemon/cli/poll_targets.hpp"
#include "daemon/publish/merged_entry.hpp"
#include "daemon/publish/render_output.hpp"

namespace feedd {
namespace {

const OutputConfig* find_output(const Config& config, const std::string& name) {
  for (const auto& output : config.outputs) {
    if (output.name == name) return &output;
  }
  return nullptr;
}

std::string output_names(const Config& config) {
  std::string names;
  for (const auto& output : config.outputs) {
    if (!names.empty()) names += ", ";
    names += output.name;
  }
  return names;
}

}  // namespace

int run_render_command(const RenderCommandOptions& options) {
  auto loaded = load_command_config(options.config_path, "render");
  if (!loaded.ok) return 1;
  const Config& config = loaded.config;
  const auto format = output_format_from_string(options.format);
  if (!format) {
    std::cerr << "feedd render: unknown format \"" << options.format << "\" (atom, rss or json)\n";
    return 2;
  }
  const OutputConfig* output = find_output(config, options.output);
  if (!output) {
    std::cerr << "feedd render: no output named \"" << options.output
              << "\" (configured: " << output_names(config) << ")\n";
    return 1;
  }
  const auto& database = config.daemon.database;
  std::error_code ignored;
  if (!std::filesystem::exists(database, ignored)) {
    // Rendering only reads: a missing database is a mistyped path, not something to create.
    std::cerr << "feedd render: no database at " << database.string()
              << " (run feedd poll first)\n";
    return 1;
  }
  try {
    auto store = open_store(database, config.dedup, StartupCheck::when_needed);
    std::cout << render_output(*store, *output, *format, base_url_of(config.daemon.listen));
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "feedd render: " << error.what() << "\n";
    return 1;
  }
}

}  // namespace feedd
