#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "daemon/config/config.hpp"
#include "daemon/config/file_url.hpp"
#include "daemon/config/opml.hpp"
#include "daemon/config/sections.hpp"

namespace feedd {

using namespace std::string_literals;
namespace {

std::optional<std::string> read_text_file(const std::filesystem::path& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return contents.str();
}

/// The top-level `opml` key: the file is read here and its feeds join the [[feed]] ones.
void read_opml_key(TableReader& root, const LoadContext& context, Config& config) {
  auto value = root.non_empty_string("opml");
  if (!value) return;
  const std::filesystem::path named(*value);
  config.opml = resolve_against(context.base_folder, named);
  // Messages name the OPML file as the user would reach it from where they ran feedd.
  const std::string display =
      named.is_absolute()
          ? named.string()
          : (std::filesystem::path(context.file).parent_path() / named).lexically_normal().string();
  OpmlLoadResult opml = load_opml(*config.opml, display);
  for (FeedConfig& feed : opml.feeds) config.feeds.push_back(std::move(feed));
  for (ConfigProblem& problem : opml.problems) context.problems.push_back(std::move(problem));
}

IntervalLocations find_interval_locations(const toml::table& root, const LoadContext& context) {
  const toml::table* poll = root.get_as<toml::table>("poll");
  if (!poll) return {{context.file, 0}, {context.file, 0}};
  ConfigProblems unused;
  const TableReader reader(*poll, "poll", "[poll]", context.file, unused);
  return {reader.location_of("interval"), reader.location_of("min_interval")};
}

void read_all_sections(TableReader& root, const LoadContext& context, Config& config) {
  read_daemon_section(root, context, config.daemon);
  read_poll_section(root, context, config.poll);
  read_fulltext_section(root, context, config.fulltext);
  read_retention_section(root, context, config.retention);
  read_dedup_section(root, context, config.dedup);
  read_feed_tables(root, context, config.feeds);
  read_output_tables(root, context, config.outputs);
  read_opml_key(root, context, config);
  root.report_unknown_keys();
}

/// Problems of the config file by line, then those of other files (the OPML file) by line.
void sort_problems(ConfigProblems& problems, const std::string& file) {
  std::stable_sort(problems.begin(), problems.end(),
                   [&](const ConfigProblem& left, const ConfigProblem& right) {
                     const bool left_other = left.location.file != file;
                     const bool right_other = right.location.file != file;
                     if (left_other != right_other) return right_other;
                     return left.location.line < right.location.line;
                   });
}

}  // namespace

LoadResult load_config(const std::filesystem::path& path) {
  std::string error;
  auto text = read_text_file(path, error);
  if (!text) {
    LoadResult result;
    add_problem(result.problems, {path.string(), 0}, "cannot read config file: "s + error);
    return result;
  }
  return load_config_from_string(*text, path);
}

LoadResult load_config_from_string(std::string_view toml_text,
                                   const std::filesystem::path& display_path) {
  LoadResult result;
  const std::string file = display_path.string();
  toml::table root;
  try {
    root = toml::parse(toml_text, file);
  } catch (const toml::parse_error& failure) {
    // toml++ reports syntax errors by exception; load_config is the boundary that turns it into
    // a problem.
    add_problem(result.problems, {file, static_cast<int>(failure.source().begin.line)},
                "syntax error: "s + std::string(failure.description()));
    return result;
  }
  LoadContext context{file, display_path.parent_path(), result.problems};
  TableReader reader(root, "", "", file, result.problems);
  read_all_sections(reader, context, result.config);
  check_whole_config(result.config, find_interval_locations(root, context), result.problems);
  sort_problems(result.problems, file);
  return result;
}

}  // namespace feedd
