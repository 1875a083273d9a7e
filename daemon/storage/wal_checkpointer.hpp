#pragma once
/// Checkpoints the WAL on a thread of its own, so the writer never stops to copy pages into the
/// database file and fsync it. The writer connection's automatic checkpoint is replaced by a
/// WAL hook that asks this thread for a PASSIVE checkpoint once the WAL holds `threshold`
/// frames: the same bound as SQLite's default (security.md §3), off the writer's path.
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace feedd {

class WalCheckpointer {
 public:
  /// Opens a second connection to `path` (already created and migrated by the writer) and
  /// starts the thread. `threshold` is in WAL frames (pages).
  WalCheckpointer(const std::filesystem::path& path, int threshold);
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;
  /// Stops the thread after the checkpoint in progress, if any, and closes its connection.
  ~WalCheckpointer();

  /// Installs the WAL hook on the writer connection `writer`: from then on its commits ask this
  /// thread to checkpoint instead of checkpointing themselves.
  void attach(sqlite3* writer);

  /// Checkpoints completed so far (for tests and logs).
  std::uint64_t checkpoints_done() const;

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int frames);
  void request();
  void run();
  void checkpoint_once();

  int threshold_;
  sqlite3* connection_ = nullptr;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  std::uint64_t done_ = 0;
  std::string path_;
  std::thread thread_;
};

}  // namespace feedd
