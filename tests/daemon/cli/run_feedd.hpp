#pragma once
// Runs the built feedd binary as a child process and captures what it prints. Header-only: the
// test folder compiles only *_test.cpp files.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace feedd::testing {

/// What one run of feedd did. exit_code is -1 when it was killed (timeout or signal).
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs FEEDD_BINARY with `arguments`, stdout and stderr captured through temporary files (no
/// pipe to fill up), and waits at most `timeout_seconds` before killing it.
inline RunResult run_feedd(const std::vector<std::string>& arguments, int timeout_seconds = 30);

/// A fresh temporary folder, removed with everything in it on destruction.
class TempFolder {
 public:
  TempFolder();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::string& path() const { return path_; }
  /// Writes `contents` to `name` inside the folder and returns the file's path.
  std::string write(const std::string& name, const std::string& contents) const;

 private:
  std::string path_;
};

namespace detail {

inline std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

/// Waits for `child` until the deadline; kills it if it is still running then.
inline int wait_bounded(pid_t child, int timeout_seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  while (waitpid(child, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      return -1;
    }
    // A child exit has no event we can block on with a timeout here; poll briefly.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace detail

namespace detail {

/// Runs `words` (argv[0] looked up on PATH unless it holds a '/') with stdin from /dev/null and
/// stdout and stderr captured, at most `timeout_seconds`; nullopt when it could not start.
inline std::optional<RunResult> run_captured(std::vector<std::string> words, int timeout_seconds) {
  const TempFolder capture;
  const std::string out_path = capture.path() + "/stdout";
  const std::string err_path = capture.path() + "/stderr";
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t child = 0;
  const int spawn_error = posix_spawnp(&child, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0) return std::nullopt;

  RunResult result;
  result.exit_code = wait_bounded(child, timeout_seconds);
  result.out = read_whole_file(out_path);
  result.err = read_whole_file(err_path);
  return result;
}

}  // namespace detail

inline RunResult run_feedd(const std::vector<std::string>& arguments, int timeout_seconds) {
  std::vector<std::string> words{FEEDD_BINARY};
  words.insert(words.end(), arguments.begin(), arguments.end());
  auto result = detail::run_captured(words, timeout_seconds);
  if (!result) throw std::runtime_error("cannot start " + words[0]);
  return std::move(*result);
}

inline TempFolder::TempFolder() {
  std::string pattern = std::filesystem::temp_directory_path().string() + "/feedd-cli-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

inline TempFolder::~TempFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

inline std::string TempFolder::write(const std::string& name, const std::string& contents) const {
  const std::string file = path_ + "/" + name;
  std::ofstream(file, std::ios::binary) << contents;
  return file;
}

}  // namespace feedd::testing
