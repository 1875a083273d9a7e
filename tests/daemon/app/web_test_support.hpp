#pragma once
/// What the publishing end-to-end tests share: `feedd run` serving HTTP on 127.0.0.1:0 (its port
/// read from the "listening on" log line), outside programs run with a bound (python3 with
/// feedparser, newsboat), and the headless-Chromium check tests/browser/cdp_check.py.

#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "daemon/app/app_test_support.hpp"
#include "support/raw_http_client.hpp"

namespace feedd::testing {

/// python3 for feedparser and the browser driver: FEEDD_PYTHON, else Debian's /usr/bin/python3
/// (where apt's python3-feedparser lives, whatever python3 comes first on PATH).
inline std::string python_interpreter() {
  const char* configured = std::getenv("FEEDD_PYTHON");
  return configured && *configured ? configured : "/usr/bin/python3";
}

/// Chromium for the browser tests: CHROMIUM, else Debian's /usr/bin/chromium.
inline std::string chromium_path() {
  const char* configured = std::getenv("CHROMIUM");
  return configured && *configured ? configured : "/usr/bin/chromium";
}

inline bool is_executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

/// Where screenshots go for people to look at: `screenshots/` beside the built feedd.
inline std::string screenshot_folder() {
  return (std::filesystem::path(FEEDD_BINARY).parent_path() / "screenshots").string();
}

/// Runs `words` (argv[0] looked up on PATH) with stdout and stderr captured, at most
/// `timeout_seconds`; exit_code -1 when it had to be killed or could not start.
inline RunResult run_program(std::vector<std::string> words, int timeout_seconds = 60) {
  if (auto result = detail::run_captured(words, timeout_seconds)) return std::move(*result);
  RunResult failed;
  failed.err = "cannot start " + words[0];
  return failed;
}

/// The config of a daemon under test: database in `folder`, HTTP on 127.0.0.1:0, loopback
/// feeds allowed, then `sections` (feeds, outputs, [fulltext] ...) as given.
inline std::string serving_config(const TempFolder& folder, const std::string& sections) {
  return "[daemon]\ndatabase = \"" + folder.path() + "/feedd.db\"\nlisten = \"127.0.0.1:0\"\n"
         "log_level = \"info\"\n[poll]\nallow_private_addresses = true\n" + sections;
}

/// `[[feed]]` tables for `urls`, each with the extra TOML lines `extra`.
inline std::string feed_tables(const std::vector<std::string>& urls, const std::string& extra = "") {
  std::string toml;
  for (const auto& url : urls) toml += "[[feed]]\nurl = \"" + url + "\"\n" + extra;
  return toml;
}

/// `feedd run` on a config written into `folder`, serving HTTP; its port comes from the log.
class ServingFeedd {
public:
  ServingFeedd(const TempFolder& folder, const std::string& config_toml)
      : log_path_(folder.path() + "/feedd.log"),
        database_(folder.path() + "/feedd.db"),
        process_({"run", "-c", folder.write("feedd.toml", config_toml)}, log_path_) {}

  /// Waits (bounded) for the "listening on http://127.0.0.1:PORT" line; false if it never came.
  bool wait_listening(std::chrono::seconds limit = std::chrono::seconds(20)) {
    static const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
    return wait_until([&] {
      std::smatch match;
      const std::string text = log();
      if (!std::regex_search(text, match, listening)) return false;
      port_ = static_cast<std::uint16_t>(std::stoi(match[1].str()));
      return true;
    }, limit);
  }

  /// Waits (bounded) until the database holds `count` items whose full_text_status is
  /// `full_text_status` (any status when empty).
  bool wait_for_items(int count, const std::string& full_text_status = "",
                      std::chrono::seconds limit = std::chrono::seconds(30)) const {
    std::string query = "SELECT count(*) FROM items";
    if (!full_text_status.empty()) query += " WHERE full_text_status = '" + full_text_status + "'";
    return wait_until([&] {
      try {
        return std::stoi(query_column(database_, query).at(0)) >= count;
      } catch (const std::exception&) {
        return false;  // not created yet, or busy
      }
    }, limit);
  }

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  std::string log() const { return detail::read_whole_file(log_path_); }
  const std::string& database() const { return database_; }
  /// GET (or another method) of `target` with extra "Name: value" header lines.
  test::RawHttpResponse get(const std::string& target, const std::vector<std::string>& headers = {},
                            const std::string& method = "GET") const {
    return test::http_request(port_, method, target, headers);
  }
  void signal(int number) const { process_.signal(number); }
  int wait(int timeout_seconds) { return process_.wait(timeout_seconds); }

private:
  std::string log_path_;
  std::string database_;
  BackgroundFeedd process_;
  std::uint16_t port_ = 0;
};

/// What cdp_check.py said: its exit code (0 all passed, 1 a page failed, 2 could not drive the
/// browser) and its JSON report.
struct BrowserVerdict {
  int exit_code = -1;
  boost::json::object report;
  std::string raw;  ///< stdout and stderr, for failure messages

  /// The failed pages with their problems, one line each ("" when all passed).
  std::string failures() const {
    std::string lines;
    if (const auto* error = report.if_contains("error")) lines += "driver: " + boost::json::serialize(*error) + "\n";
    if (const auto* pages = report.if_contains("pages"))
      for (const auto& page : pages->as_array())
        if (!page.as_object().at("ok").as_bool()) lines += boost::json::serialize(page) + "\n";
    return lines;
  }

  /// The report of the page named `name` (empty when there is none).
  boost::json::object page(const std::string& name) const {
    if (const auto* pages = report.if_contains("pages"))
      for (const auto& entry : pages->as_array())
        if (entry.as_object().at("name").as_string() == name) return entry.as_object();
    return {};
  }

  /// Whether page `name` passed; its problems, joined, when it did not.
  bool passed(const std::string& name) const {
    auto entry = page(name);
    return entry.contains("ok") && entry.at("ok").as_bool();
  }
  std::string problems(const std::string& name) const {
    auto entry = page(name);
    return entry.contains("problems") ? boost::json::serialize(entry.at("problems")) : "";
  }
};

/// One page for cdp_check.py's --jobs list: `kind` "url" (navigate) or "html" (a fragment as
/// the document of about:blank). Built member by member: GCC 12 warns falsely (dangling
/// pointer) on nested boost::json initializer lists.
inline boost::json::object browser_job(const std::string& name, const std::string& kind, const std::string& value) {
  boost::json::object job;
  job["name"] = name;
  job[kind] = value;
  return job;
}

/// Runs tests/browser/cdp_check.py with `arguments` (targets and options), bounded.
inline BrowserVerdict check_in_browser(const std::vector<std::string>& arguments, int timeout_seconds = 120) {
  std::vector<std::string> words{python_interpreter(), std::string(FEEDD_SOURCE_DIR) + "/tests/browser/cdp_check.py",
                                 "--chromium", chromium_path()};
  words.insert(words.end(), arguments.begin(), arguments.end());
  const RunResult run = run_program(words, timeout_seconds);
  BrowserVerdict verdict{.exit_code = run.exit_code, .report = {}, .raw = run.out + run.err};
  boost::system::error_code error;
  auto parsed = boost::json::parse(run.out, error);
  if (!error && parsed.is_object()) verdict.report = parsed.as_object();
  return verdict;
}

}  // namespace feedd::testing
