#include "daemon/storage/wal_checkpointer.hpp"

#include <sqlite3.h>
#include <spdlog/spdlog.h>

#include "daemon/storage/storage_error.hpp"

namespace feedd {
namespace {

[[noreturn]] void fail_to_open(sqlite3* connection, const std::string& path) {
  std::string message = connection ? sqlite3_errmsg(connection) : "out of memory";
  sqlite3_close(connection);
  throw StorageError("database " + path + ": cannot open the checkpoint connection: " + message);
}

}  // namespace

WalCheckpointer::WalCheckpointer(const std::filesystem::path& path, int threshold,
                                 int busy_timeout_ms)
    : schedule_(threshold), busy_timeout_ms_(busy_timeout_ms), path_(path.string()) {
  // NOMUTEX: only the checkpoint thread uses this connection.
  if (sqlite3_open_v2(path_.c_str(), &connection_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK)
    fail_to_open(connection_, path_);
  sqlite3_busy_timeout(connection_, busy_timeout_ms_);
  // A connection learns the file is in WAL mode when it first reads it; until then a
  // checkpoint is a silent no-op.
  if (sqlite3_exec(connection_, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr) != SQLITE_OK)
    fail_to_open(connection_, path_);
  thread_ = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close(connection_);
}

void WalCheckpointer::attach(sqlite3* writer) { sqlite3_wal_hook(writer, &on_commit, this); }

std::uint64_t WalCheckpointer::checkpoints_done() const {
  std::lock_guard lock(mutex_);
  return done_;
}

int WalCheckpointer::on_commit(void* self, sqlite3* writer, const char*, int frames) {
  static_cast<WalCheckpointer*>(self)->after_commit(writer, frames);
  return SQLITE_OK;
}

void WalCheckpointer::after_commit(sqlite3* writer, int frames) {
  switch (schedule_.after_commit(frames)) {
    case CheckpointSchedule::Action::none: break;
    case CheckpointSchedule::Action::request: request(); break;
    case CheckpointSchedule::Action::restart: restart_long_log(writer, frames); break;
  }
}

void WalCheckpointer::restart_long_log(sqlite3* writer, int frames) {
  // The thread's checkpoint in progress would make this one fail: wait for it to end.
  std::lock_guard copying(copying_);
  sqlite3_busy_timeout(writer, 0);
  const int rc =
      sqlite3_wal_checkpoint_v2(writer, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
  sqlite3_busy_timeout(writer, busy_timeout_ms_);
  if (rc == SQLITE_OK) {
    ++restarts_;
    return;
  }
  if (rc != SQLITE_BUSY)
    spdlog::warn("database {}: checkpoint of a long WAL failed: {}", path_, sqlite3_errmsg(writer));
  schedule_.restart_failed(frames);
}

void WalCheckpointer::request() {
  {
    std::lock_guard lock(mutex_);
    requested_ = true;
  }
  wake_.notify_one();
}

void WalCheckpointer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return requested_ || stopping_; });
    if (stopping_) return;
    requested_ = false;
    lock.unlock();
    {
      std::lock_guard copying(copying_);
      checkpoint_once();
    }
    lock.lock();
    ++done_;
  }
}

void WalCheckpointer::checkpoint_once() {
  // PASSIVE: copies what no reader still needs and never blocks the writer; what it leaves
  // is copied by the next request (the writer keeps asking while the WAL stays long).
  const int rc = sqlite3_wal_checkpoint_v2(connection_, nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                           nullptr, nullptr);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
    spdlog::warn("database {}: background checkpoint failed: {}", path_, sqlite3_errmsg(connection_));
  }
}

}  // namespace feedd
