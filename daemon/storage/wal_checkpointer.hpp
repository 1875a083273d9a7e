#pragma once
/// Checkpoints the WAL on a thread of its own, so the writer never stops to copy pages into the
/// database file and fsync it. The writer connection's automatic checkpoint is replaced by a
/// WAL hook that asks this thread for a PASSIVE checkpoint once the WAL holds `threshold`
/// frames: the same bound as SQLite's default (security.md §3), off the writer's path.
///
/// SQLite starts the WAL over from its first frame only when a write transaction begins with
/// every frame already copied into the database. A writer that never pauses (a first poll of
/// thousands of feeds) always finds the background checkpoint a little behind, so the WAL
/// grew by every page written: 83 MB for 1000 pollbench feeds, each new frame a fresh block
/// of the file. So once the WAL holds `long_log_factor × threshold` frames (4000 by default),
/// the writer itself runs a RESTART checkpoint between two transactions (after the thread's
/// checkpoint in progress, if any): it copies the frames the thread has not reached yet, and
/// the next transaction writes from the start of the file again. It never waits for a reader: with
/// one still in the WAL, it tries again `threshold` frames later. CheckpointSchedule says when
/// a commit asks for a checkpoint and when it restarts the WAL.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "daemon/storage/checkpoint_schedule.hpp"

struct sqlite3;

namespace feedd {

class WalCheckpointer {
 public:
  /// Opens a second connection to `path` (already created and migrated by the writer) and
  /// starts the thread. `threshold` is in WAL frames (pages); `busy_timeout_ms` is the
  /// writer's, restored after each restart attempt.
  WalCheckpointer(const std::filesystem::path& path, int threshold, int busy_timeout_ms);
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;
  /// Stops the thread after the checkpoint in progress, if any, and closes its connection.
  ~WalCheckpointer();

  /// Installs the WAL hook on the writer connection `writer`: from then on its commits ask this
  /// thread to checkpoint instead of checkpointing themselves.
  void attach(sqlite3* writer);

  /// Checkpoints completed so far by the thread (for tests and logs).
  std::uint64_t checkpoints_done() const;

  /// Times the writer restarted a long WAL (for tests and logs).
  std::uint64_t restarts_done() const { return restarts_.load(); }

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int frames);
  void after_commit(sqlite3* writer, int frames);
  void request();
  void run();
  void checkpoint_once();
  void restart_long_log(sqlite3* writer, int frames);

  CheckpointSchedule schedule_;  // touched only by the writer's commits (its WAL hook)
  int busy_timeout_ms_;
  std::atomic<std::uint64_t> restarts_ = 0;
  sqlite3* connection_ = nullptr;
  mutable std::mutex mutex_;
  // Held while a checkpoint copies frames, by the thread or by the writer's restart.
  std::mutex copying_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  std::uint64_t done_ = 0;
  std::string path_;
  std::thread thread_;
};

}  // namespace feedd
