#pragma once
/// Shared pieces of the daemon's end-to-end tests: feeds and pages served by the fixture server,
/// reading the database the way a user would (sqlite3 queries), and a feedd process in the
/// background for `feedd run`.

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "daemon/cli/run_feedd.hpp"
#include "support/fixture_server.hpp"

namespace feedd::testing {

/// An RSS 2.0 feed whose items link to `page_url` + "/N" and carry only a teaser.
inline std::string teaser_feed(const std::string& page_url, int items, const std::string& title = "Fixture feed") {
  std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + title +
                    "</title><link>http://example.org/</link>";
  for (int i = 1; i <= items; ++i) {
    std::string n = std::to_string(i);
    xml += "<item><title>Story " + n + "</title><link>" + page_url + "/" + n + "</link><guid>story-" + n +
           "</guid><description>Teaser " + n + ".</description><pubDate>Mon, 0" + n +
           " Jan 2024 10:00:00 GMT</pubDate></item>";
  }
  return xml + "</channel></rss>";
}

/// An article page with navigation and footer around a few paragraphs.
inline std::string article_page(const std::string& title) {
  std::string body;
  for (int i = 1; i <= 6; ++i)
    body += "<p>Paragraph " + std::to_string(i) + " of " + title +
            ", long enough to count as prose, with commas, clauses, and a full stop at the end.</p>";
  return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><nav><a href=\"/\">Home</a>"
         "<a href=\"/about\">About</a></nav><article><h1>" + title + "</h1>" + body +
         "</article><footer>Copyright Example</footer></body></html>";
}

/// Runs `query` on the database and returns the first column of every row as text.
inline std::vector<std::string> query_column(const std::string& database, const std::string& query,
                                             int open_flags = SQLite::OPEN_READONLY) {
  SQLite::Database db(database, open_flags);
  SQLite::Statement statement(db, query);
  std::vector<std::string> values;
  while (statement.executeStep()) values.push_back(statement.getColumn(0).getText());
  return values;
}

/// Waits until `condition` holds, at most `limit`, looking `every` so often; true when it held.
inline bool wait_until(const std::function<bool()>& condition,
                       std::chrono::seconds limit = std::chrono::seconds(20),
                       std::chrono::milliseconds every = std::chrono::milliseconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    // Another process's progress has no event we can wait on; look again shortly.
    std::this_thread::sleep_for(every);
  }
  return true;
}

/// `feedd ARGS...` in the background, its stderr in a file; killed on destruction if running.
class BackgroundFeedd {
public:
  BackgroundFeedd(const std::vector<std::string>& arguments, const std::string& log_path) {
    std::vector<std::string> words{FEEDD_BINARY};
    words.insert(words.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    int error = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) throw std::runtime_error("cannot start feedd");
  }
  ~BackgroundFeedd() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  void signal(int number) const { kill(pid_, number); }
  /// The exit code after at most `timeout_seconds`; -1 when it had to be killed.
  int wait(int timeout_seconds) {
    int code = detail::wait_bounded(pid_, timeout_seconds);
    pid_ = 0;
    return code;
  }

private:
  pid_t pid_ = 0;
};

}  // namespace feedd::testing
