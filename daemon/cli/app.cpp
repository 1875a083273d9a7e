#include "daemon/cli/app.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "daemon/app/daemon.hpp"
#include "daemon/cli/check_command.hpp"
#include "daemon/config/default_path.hpp"
#include "daemon/cli/extract_command.hpp"
#include "daemon/cli/opml_command.hpp"
#include "daemon/cli/parse_command.hpp"
#include "daemon/cli/poll_command.hpp"
#include "daemon/cli/render_command.hpp"
#include "daemon/runtime/logging.hpp"

namespace feedd {
namespace {

/// Everything the command line can set; the chosen command reads its part.
struct CliOptions {
  std::optional<std::string> log_level;
  CheckCommandOptions check;
  ParseCommandOptions parse;
  ExtractCommandOptions extract;
  PollCommandOptions poll;
  RenderCommandOptions render;
  OpmlCommandOptions opml;
  std::string run_config;
  std::string help_topic;
};

void add_check_command(CLI::App& app, CliOptions& options) {
  CLI::App* check = app.add_subcommand("check",
                                       "Validate the config file; print every problem "
                                       "as FILE:LINE: message");
  check
      ->add_option("-c,--config", options.check.config_path,
                   "Config file (default: /etc/feedd/feedd.toml, else ./config/feedd.toml)")
      ->type_name("FILE");
}

void add_parse_command(CLI::App& app, CliOptions& options) {
  CLI::App* parse = app.add_subcommand(
      "parse", "Parse one feed document and print its normalized JSON (or many with --batch)");
  CLI::Option* path =
      parse->add_option("PATH", options.parse.input, "Feed document to parse: a file or an http(s) URL")->type_name("");
  CLI::Option* batch =
      parse
          ->add_option("--batch", options.parse.batch_list,
                       "File with one ID<TAB>INPUT_PATH<TAB>BASE_URL<TAB>OUTPUT_PATH line per "
                       "document")
          ->type_name("LIST");
  parse->add_option("--base", options.parse.base_url, "Base URL for relative links")
      ->type_name("URL");
  parse->add_option("--content-type", options.parse.content_type, "Content-Type to assume")
      ->type_name("CT");
  path->excludes(batch);
  parse->callback([parse, path, batch] {
    if (path->count() == 0 && batch->count() == 0) {
      throw CLI::RequiredError(parse->get_name() + ": PATH or --batch LIST");
    }
  });
}

void add_extract_command(CLI::App& app, CliOptions& options) {
  CLI::App* extract = app.add_subcommand(
      "extract", "Extract the article from one HTML page (or many with --batch)");
  CLI::Option* path =
      extract->add_option("PATH", options.extract.input, "HTML page to extract from: a file or an http(s) URL")->type_name("");
  CLI::Option* batch =
      extract
          ->add_option("--batch", options.extract.batch_list,
                       "File with one ID<TAB>INPUT_PATH<TAB>URL<TAB>OUTPUT_PATH line per page")
          ->type_name("LIST");
  extract->add_option("--url", options.extract.url, "The page's URL, for relative links")
      ->type_name("URL");
  extract->add_option("--format", options.extract.format, "Output: text (default), html or json")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "html", "json"}));
  path->excludes(batch);
  extract->callback([extract, path, batch] {
    if (path->count() == 0 && batch->count() == 0) {
      throw CLI::RequiredError(extract->get_name() + ": PATH or --batch LIST");
    }
  });
}

void add_poll_command(CLI::App& app, CliOptions& options) {
  CLI::App* poll = app.add_subcommand(
      "poll", "Poll the configured feeds (or the named ones) once, store them, fetch full text, exit");
  poll->add_option("-c,--config", options.poll.config_path,
                   "Config file (default: /etc/feedd/feedd.toml, else ./config/feedd.toml, else "
                   "built-in defaults)")
      ->type_name("FILE");
  poll->add_option("--feed", options.poll.feeds, "Poll this feed URL instead of the configured feeds (repeatable)")
      ->type_name("URL");
  poll->add_option("--urls", options.poll.urls_file, "Poll the URLs listed in FILE, one per line")
      ->type_name("FILE");
  poll->add_option("--database", options.poll.database, "SQLite database (overrides [daemon] database)")
      ->type_name("PATH");
  poll->add_flag("--no-full-text", options.poll.no_full_text, "Do not fetch and extract articles");
}

void add_render_command(CLI::App& app, CliOptions& options) {
  CLI::App* render = app.add_subcommand("render", "Print a merged feed from the database");
  render->add_option("-c,--config", options.render.config_path, "Config file (default: as for poll)")
      ->type_name("FILE");
  render->add_option("--output", options.render.output, "Output name (default: all)")->type_name("NAME");
  render->add_option("--format", options.render.format, "atom (default), rss or json")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"atom", "rss", "json"}));
}

void add_opml_command(CLI::App& app, CliOptions& options) {
  CLI::App* opml = app.add_subcommand("opml", "Export the subscriptions as OPML, or import an OPML file");
  opml->require_subcommand(1);
  CLI::App* exporter = opml->add_subcommand("export", "Print the subscriptions as OPML 2.0");
  exporter->add_option("-c,--config", options.opml.config_path, "Config file (default: as for poll)")
      ->type_name("FILE");
  CLI::App* importer = opml->add_subcommand("import", "Print an OPML file's feeds as [[feed]] TOML blocks");
  importer->add_option("FILE", options.opml.import_file, "OPML file")->required()->type_name("");
}

void add_run_command(CLI::App& app, CliOptions& options) {
  CLI::App* run = app.add_subcommand("run", "Run the daemon in the foreground (SIGTERM stops, SIGHUP reloads)");
  run->add_option("-c,--config", options.run_config,
                  "Config file (default: /etc/feedd/feedd.toml, else ./config/feedd.toml)")
      ->type_name("FILE");
}

/// `feedd run`: the config named, else the default one; there is no daemon without a config.
int run_run_command(const std::string& config, const std::optional<std::string>& log_level) {
  std::filesystem::path path = config;
  if (path.empty()) {
    auto found = find_default_config();
    if (!found) {
      std::cerr << "feedd run: no config: pass -c FILE (looked for /etc/feedd/feedd.toml and ./config/feedd.toml)\n";
      return 1;
    }
    path = *found;
  }
  return run_daemon(DaemonOptions{path, log_level});
}

void add_help_command(CLI::App& app, CliOptions& options) {
  CLI::App* help = app.add_subcommand("help", "Show help for feedd or for one command");
  help->add_option("COMMAND", options.help_topic, "Command to describe")->type_name("");
}

void build_app(CLI::App& app, CliOptions& options) {
  app.set_version_flag("--version", std::string("feedd ") + FEEDD_VERSION,
                       "Print the version and exit");
  app.add_option("--log-level", options.log_level,
                 "Log level (default: info; overrides [daemon] log_level)")
      ->type_name("LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  app.get_formatter()->label("SUBCOMMAND", "COMMAND");
  app.require_subcommand(0, 1);
  // Global options are accepted after the command too: `feedd check --log-level debug`.
  app.fallthrough();
  add_check_command(app, options);
  add_parse_command(app, options);
  add_extract_command(app, options);
  add_poll_command(app, options);
  add_render_command(app, options);
  add_opml_command(app, options);
  add_run_command(app, options);
  add_help_command(app, options);
  for (CLI::App* command : app.get_subcommands({})) command->group("Commands");
}

/// The help text of the top level or of one command. (App::help() would describe whichever
/// command was chosen, which for `feedd help` is "help" itself.)
std::string help_text(const CLI::App& app, const CLI::App* command) {
  const CLI::App* subject = command ? command : &app;
  const std::string usage_prefix = command ? "feedd " + command->get_name() : "feedd";
  return app.get_formatter()->make_help(subject, usage_prefix, CLI::AppFormatMode::Normal);
}

/// `feedd help [COMMAND]`.
int run_help_command(const CLI::App& app, const std::string& topic) {
  if (topic.empty()) {
    std::cout << help_text(app, nullptr);
    return 0;
  }
  for (const CLI::App* command : app.get_subcommands({})) {
    if (command->get_name() == topic) {
      std::cout << help_text(app, command);
      return 0;
    }
  }
  std::cerr << "feedd help: unknown command \"" << topic << "\"\n";
  return 2;
}

int run_opml_command(const CLI::App& opml, const OpmlCommandOptions& options) {
  if (opml.got_subcommand("import")) return run_opml_import_command(options);
  return run_opml_export_command(options);
}

int run_chosen_command(const CLI::App& app, const CliOptions& options) {
  if (app.got_subcommand("check")) return run_check_command(options.check);
  if (app.got_subcommand("parse")) return run_parse_command(options.parse);
  if (app.got_subcommand("extract")) return run_extract_command(options.extract);
  if (app.got_subcommand("poll")) return run_poll_command(options.poll);
  if (app.got_subcommand("render")) return run_render_command(options.render);
  if (app.got_subcommand("opml")) return run_opml_command(*app.get_subcommand("opml"), options.opml);
  if (app.got_subcommand("run")) return run_run_command(options.run_config, options.log_level);
  if (app.got_subcommand("help")) return run_help_command(app, options.help_topic);
  std::cerr << help_text(app, nullptr);
  return 2;
}

}  // namespace

int run_cli(int argc, const char* const* argv) {
  CLI::App app("feedd: a feed aggregator daemon", "feedd");
  CliOptions options;
  build_app(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& request) {
    return app.exit(request);
  } catch (const CLI::CallForVersion& request) {
    return app.exit(request);
  } catch (const CLI::ParseError& failure) {
    // CLI11 reports usage errors by exception; this is the boundary where they become exit 2.
    std::cerr << "feedd: " << failure.what() << "\nRun 'feedd help' for usage.\n";
    return 2;
  }
  const auto level = parse_log_level(choose_log_level(options.log_level, "info"));
  setup_logging(level.value_or(spdlog::level::info), stderr_is_journal());
  return run_chosen_command(app, options);
}

}  // namespace feedd
