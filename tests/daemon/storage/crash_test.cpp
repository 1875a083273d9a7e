// The kill -9 procedure of security.md §3 against the real Store: a writer process commits
// batches of 50 items through commit_fetch and appends each batch id to an ack file after the
// commit returns; the test kills it with SIGKILL at random moments and checks that the database
// is intact, holds no partial batch, lost nothing acknowledged, and that the writer resumes.
//
// The writer is this test binary itself, re-executed with a filter that runs only the
// DISABLED_ writer test below (gtest skips it in normal runs).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <thread>

#include "storage_test_support.hpp"

extern char** environ;

namespace feedd {
namespace {

using namespace storage_test;

constexpr int items_per_batch = 50;
constexpr const char* feed_url = "https://crash.example/feed.xml";

StoreOptions crash_options() {
  StoreOptions options;
  options.fetch_log_per_feed = 1'000'000;  // one log row per batch, all kept for the checks
  return options;
}

// ---- the writer ---------------------------------------------------------------------------

std::int64_t last_committed_batch(Store& store, FeedId feed) {
  const auto newest = store.recent_items(1, {feed});
  if (newest.empty()) return 0;
  return std::stoll(newest[0].title->substr(std::string("batch ").size()));
}

FetchCommit batch_fetch(std::int64_t batch) {
  std::vector<feeds::Item> items;
  for (int n = 0; n < items_per_batch; ++n) {
    const auto guid = "b" + std::to_string(batch) + "-" + std::to_string(n);
    auto item = make_item(guid, at(1700000000 + 60 * batch), "batch " + std::to_string(batch));
    // Text enough for a fingerprint: the item's story bands are written too.
    std::string text;
    for (int word = 0; word < 20; ++word) text += guid + "w" + std::to_string(word) + " ";
    item.content_html = "<p>" + text + "</p>";
    item.content_text = text;
    items.push_back(std::move(item));
  }
  auto fetch = make_fetch(std::move(items), at(1700000000 + 60 * batch));
  fetch.first_fetch_item_limit = items_per_batch;
  return fetch;
}

void append_ack(int fd, std::int64_t batch) {
  const auto line = std::to_string(batch) + "\n";
  ASSERT_EQ(write(fd, line.data(), line.size()), static_cast<ssize_t>(line.size()));
}

TEST(StorageCrashWriter, DISABLED_CommitBatchesUntilKilled) {
  const char* database = std::getenv("FEEDD_CRASH_DATABASE");
  const char* acks = std::getenv("FEEDD_CRASH_ACKS");
  ASSERT_TRUE(database && acks) << "run by StorageCrash tests only";
  const char* limit_text = std::getenv("FEEDD_CRASH_BATCHES");
  std::int64_t limit = limit_text ? std::stoll(limit_text) : -1;
  Store store(database, crash_options());
  const auto feed = store.sync_feeds({{feed_url, {}, {}}}, base_time)[0];
  const int ack_fd = open(acks, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  ASSERT_GE(ack_fd, 0);
  if (const char* ready = std::getenv("FEEDD_CRASH_READY")) {
    const int ready_fd = open(ready, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    ASSERT_GE(ready_fd, 0);
    close(ready_fd);
  }
  // A batch the previous writer committed but was killed before acknowledging is committed all
  // the same: acknowledged now, so each writer answers for at most its own unacknowledged one
  // (otherwise two kills in a row between COMMIT and the ack read as two unacknowledged commits
  // of one writer).
  const auto resumed_after = last_committed_batch(store, feed);
  if (resumed_after > 0) append_ack(ack_fd, resumed_after);
  for (auto batch = resumed_after + 1; limit < 0 || limit-- > 0; ++batch) {
    store.commit_fetch(feed, batch_fetch(batch));
    append_ack(ack_fd, batch);
  }
  close(ack_fd);
}

// ---- the test -----------------------------------------------------------------------------

/// Starts the writer; its output goes to `log`.
pid_t spawn_writer(const TempDir& dir, std::optional<int> batches) {
  std::filesystem::remove(dir.file("ready"));
  std::vector<std::string> variables{"FEEDD_CRASH_DATABASE=" + dir.file("feedd.db").string(),
                                     "FEEDD_CRASH_ACKS=" + dir.file("acks").string(),
                                     "FEEDD_CRASH_READY=" + dir.file("ready").string()};
  if (batches) variables.push_back("FEEDD_CRASH_BATCHES=" + std::to_string(*batches));
  std::vector<char*> env;
  for (char** variable = environ; *variable; ++variable) env.push_back(*variable);
  for (auto& variable : variables) env.push_back(variable.data());
  env.push_back(nullptr);
  std::string exe = "/proc/self/exe";
  std::string filter = "--gtest_filter=StorageCrashWriter.DISABLED_CommitBatchesUntilKilled";
  std::string disabled = "--gtest_also_run_disabled_tests";
  std::vector<char*> argv{exe.data(), filter.data(), disabled.data(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const auto log = dir.file("writer.log").string();
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) return -1;
  return pid;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Batch ids in the ack file; a last line without its newline was cut by the kill.
std::vector<std::int64_t> read_acks(const std::filesystem::path& path) {
  std::vector<std::int64_t> acks;
  const auto text = read_text(path);
  std::size_t start = 0;
  for (auto end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    acks.push_back(std::stoll(text.substr(start, end - start)));
    start = end + 1;
  }
  return acks;
}

/// Waits within `bound` for the writer to have opened the database (recovering it) and be about
/// to commit its first batch. False if it did not, or ended first.
bool wait_until_ready(const TempDir& dir, pid_t pid, std::chrono::seconds bound) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  while (!std::filesystem::exists(dir.file("ready"))) {
    int status = 0;
    if (std::chrono::steady_clock::now() > deadline || waitpid(pid, &status, WNOHANG) != 0)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

/// Waits for the writer to end on its own within `bound`; kills it if it does not.
int wait_for_exit(pid_t pid, std::chrono::seconds bound) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return status;
}

/// Checks the invariants of §3 and returns the newest committed batch.
std::int64_t check_database(const TempDir& dir) {
  const auto path = dir.file("feedd.db");
  Store store(path, crash_options());  // recovers the WAL like a restarted daemon
  EXPECT_EQ(store.integrity_check(), "ok");
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM (SELECT title FROM items GROUP BY title "
                          "HAVING count(*) != 50)").getInt(), 0) << "a partial batch";
  const auto batches = db.execAndGet("SELECT count(DISTINCT title) FROM items").getInt64();
  const auto newest = batches == 0 ? 0 : db.execAndGet(
      "SELECT max(CAST(substr(title, 7) AS INTEGER)) FROM items").getInt64();
  EXPECT_EQ(newest, batches) << "batches are not contiguous";
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM fetch_log WHERE outcome = 'ok'").getInt64(),
            batches) << "items and their fetch_log row commit together";
  EXPECT_EQ(db.execAndGet("SELECT coalesce(sum(items_count), 0) FROM feeds").getInt64(),
            db.execAndGet("SELECT count(*) FROM items").getInt64()) << "items_count cache";
  const auto acks = read_acks(dir.file("acks"));
  if (!acks.empty()) {
    EXPECT_LE(acks.back(), newest) << "an acknowledged batch was lost";
    EXPECT_LE(newest, acks.back() + 1) << "more than one unacknowledged commit";
  }
  return newest;
}

TEST(StorageCrash, KillNineNeverLosesAcknowledgedBatches) {
  TempDir dir;
  const auto seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> delay_ms(20, 300);
  std::int64_t newest = 0;
  int progressed = 0;
  for (int kill_number = 1; kill_number <= 32; ++kill_number) {
    SCOPED_TRACE("kill " + std::to_string(kill_number));
    const pid_t writer = spawn_writer(dir, std::nullopt);
    ASSERT_GT(writer, 0);
    // Odd kills count from the start, so some land while the writer opens and recovers the
    // files; even ones from when it is ready to commit, so most land between commits however
    // slowly the process starts (ASan on a slow machine took over 100 ms to get there).
    if (kill_number % 2 == 0) {
      ASSERT_TRUE(wait_until_ready(dir, writer, std::chrono::seconds(30)))
          << read_text(dir.file("writer.log"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    ASSERT_EQ(kill(writer, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(writer, &status, 0), writer);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer ended on its own:\n"
                                     << read_text(dir.file("writer.log"));
    const auto now_newest = check_database(dir);
    ASSERT_FALSE(::testing::Test::HasFailure());
    EXPECT_GE(now_newest, newest);
    progressed += now_newest > newest ? 1 : 0;
    newest = now_newest;
  }
  EXPECT_GE(progressed, 16) << "the writer rarely got to commit before the kill";

  // Restarted on the same files, the writer continues where it stopped.
  const pid_t writer = spawn_writer(dir, 3);
  ASSERT_GT(writer, 0);
  const int status = wait_for_exit(writer, std::chrono::seconds(30));
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_text(dir.file("writer.log"));
  EXPECT_EQ(check_database(dir), newest + 3);
  EXPECT_EQ(read_acks(dir.file("acks")).back(), newest + 3);
  // Bands the killed writers held in memory were rebuilt from the items and written.
  EXPECT_EQ(count_rows(dir.file("feedd.db"), "items WHERE id NOT IN (SELECT item_id FROM story_bands)"), 0);
  EXPECT_GT(count_rows(dir.file("feedd.db"), "story_bands"), 0);
}

}  // namespace
}  // namespace feedd
