#include "daemon/storage/database.hpp"

#include <chrono>
#include <optional>
#include <string_view>

#include <sqlite3.h>

#include "daemon/storage/date_index.hpp"
#include "daemon/storage/migrations.hpp"
#include "daemon/storage/storage_error.hpp"
#include "daemon/storage/store_internal.hpp"

namespace feedd {
namespace {

using namespace std::literals;

std::string collect_rows(SQLite::Database& db, const char* pragma) {
  SQLite::Statement query(db, pragma);
  std::string rows;
  while (query.executeStep()) {
    for (int column = 0; column < query.getColumnCount(); ++column) {
      if (column > 0) rows += ' ';
      rows += query.getColumn(column).getString();
    }
    rows += '\n';
  }
  return rows;
}

void check_quickly(SQLite::Database& db, const std::filesystem::path& path) {
  auto problems = collect_rows(db, "PRAGMA quick_check");
  if (problems != "ok\n") {
    throw StorageError("database "s + path.string() + " is damaged (quick_check: " + problems +
                       "); not opened and not recreated — restore it from a backup");
  }
}

void configure_connection(SQLite::Database& db) {
  const auto mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
  if (mode != "wal") throw SQLite::Exception("cannot switch to WAL (journal_mode is " + mode + ")");
  // NORMAL: consistent after any crash; the last commits may roll back after a power loss,
  // which is fine for re-fetchable feeds (security.md §3).
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA foreign_keys = ON");
  // 4 MiB of page cache (the default is 2 MiB): a poll of thousands of feeds otherwise re-reads
  // the same feed and index pages from the kernel on every transaction (pollbench, warm polls).
  db.exec("PRAGMA cache_size = -4096");
  // The PRAGMA optimize at close re-analyzed whole indexes: 44-64 ms of every 0.5 s warm poll
  // of 5000 feeds. A sampled ANALYZE (what sqlite.org/pragma.html#pragma_optimize advises
  // for it) took 0.6 ms; the plans that matter name their index (INDEXED BY).
  db.exec("PRAGMA analysis_limit = 1000");
}

// The last connection to close checkpoints and deletes the WAL; a process killed with
// commits in it leaves frames behind. (A read-only reader may leave an empty file.)
bool wal_left_behind(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path.string() + "-wal", error);
  return !error && size > 0;
}

std::optional<std::int64_t> last_quick_check(SQLite::Database& db) {
  SQLite::Statement query(db, "SELECT done_at FROM maintenance WHERE task = 'quick_check'");
  if (!query.executeStep()) return std::nullopt;
  return query.getColumn(0).getInt64();
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool check_is_due(SQLite::Database& db, const DatabaseOptions& options) {
  const auto last = last_quick_check(db);
  const auto now = unix_now();
  return !last || now - *last >= options.check_interval.count() || now < *last;
}

void record_quick_check(SQLite::Database& db) {
  SQLite::Statement record(db, R"sql(
INSERT INTO maintenance (task, done_at) VALUES ('quick_check', ?1)
ON CONFLICT (task) DO UPDATE SET done_at = excluded.done_at)sql");
  record.bind(1, static_cast<int64_t>(unix_now()));
  record.exec();
}

// quick_check reads the whole file: always in the daemon; for one-shot commands only after an
// unclean close or when the last check is old. A check that finds damage refuses the file
// before anything writes to it; the periodic one runs after migrating, as it needs the
// maintenance table.
SQLite::Database open_connection(const std::filesystem::path& path, const DatabaseOptions& options,
                                 bool& checked) {
  try {
    const bool unclean = wal_left_behind(path);
    // NOMUTEX: one thread at a time uses the connection (the storage owner's), so SQLite's
    // per-call connection mutex only costs a lock and an unlock on every step and bind.
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    db.setBusyTimeout(options.busy_timeout_ms);
    // Takes effect only on a new, empty file, before WAL mode is written into it.
    db.exec("PRAGMA page_size = " + std::to_string(options.page_size));
    checked = options.startup_check == StartupCheck::always || unclean;
    if (checked) check_quickly(db, path);
    configure_connection(db);
    apply_migrations(db, path);
    storage::restore_date_index(db);
    if (!checked && check_is_due(db, options)) {
      check_quickly(db, path);
      checked = true;
    }
    if (checked) record_quick_check(db);
    return db;
  } catch (const SQLite::Exception& error) {
    throw StorageError("database "s + path.string() + ": cannot open: " + error.what() +
                       " (the file is not recreated; move it away or restore a backup)");
  }
}

}  // namespace

StatementLease::~StatementLease() {
  statement_->tryReset();
  statement_->clearBindings();
}

Database::Database(const std::filesystem::path& path, const DatabaseOptions& options)
    : path_(path),
      db_(open_connection(path, options, checked_at_open_)),
      checkpointer_(std::make_unique<WalCheckpointer>(path, options.checkpoint_pages,
                                                      options.busy_timeout_ms)),
      band_tail_(options.band_fold_rows),
      stored_keys_(options.stored_keys_min_capacity) {
  checkpointer_->attach(db_.getHandle());
}

Database::~Database() {
  band_tail_.fold_before_close(*this);
  statements_.clear();
  restore_date_index_before_close();
  db_.tryExec("PRAGMA optimize");
  // The checkpointer stops before the connection closes: no commit may call into it then.
  sqlite3_wal_hook(db_.getHandle(), nullptr, nullptr);
}

// A failure leaves the index to the next open, which builds it before anything reads.
void Database::restore_date_index_before_close() {
  try {
    storage::restore_date_index(db_);
  } catch (const std::exception&) {
  }
}

bool Database::defer_date_index_if_empty() { return storage::defer_date_index_if_empty(db_); }

StatementLease Database::statement(const char* sql) {
  auto& slot = statements_[sql];
  if (!slot) slot = std::make_unique<SQLite::Statement>(db_, sql);
  return StatementLease(*slot);
}

WriteTransaction Database::begin_write() { return WriteTransaction(*this, batch_open_); }

WriteTransaction::WriteTransaction(Database& db, bool joined) : db_(db), joined_(joined) {
  if (!joined_) {
    db_.db_.exec("BEGIN IMMEDIATE");
  } else if (sqlite3_get_autocommit(db_.db_.getHandle()) != 0) {
    // SQLite rolled the batch back by itself (I/O error, full disk): writing on would commit
    // statement by statement.
    throw SQLite::Exception("the write batch's transaction was rolled back");
  }
}

WriteTransaction::~WriteTransaction() {
  if (!done_ && !joined_) db_.roll_back();
}

void WriteTransaction::commit() {
  if (!joined_) db_.commit();
  done_ = true;
}

WriteBatch::WriteBatch(Database& db) : db_(db) {
  if (db_.batch_open_) throw StorageError("database "s + db_.path().string() + ": write batches do not nest");
  db_.db_.exec("BEGIN IMMEDIATE");
  db_.batch_open_ = true;
}

WriteBatch::~WriteBatch() {
  db_.batch_open_ = false;
  if (!done_) db_.roll_back();
}

void WriteBatch::commit() {
  db_.commit();
  done_ = true;
  db_.batch_open_ = false;
}

// Every transaction ends here, so the band tail follows each commit and rollback.
void Database::commit() {
  db_.exec("COMMIT");
  band_tail_.on_commit();
  next_item_id_.reset();
}

void Database::roll_back() {
  db_.tryExec("ROLLBACK");
  band_tail_.on_rollback();
  next_item_id_.reset();
}

ItemId Database::next_item_id() {
  if (!next_item_id_) next_item_id_ = storage::highest_item_id(*this) + 1;
  return *next_item_id_;
}

void Database::checkpoint() { db_.exec("PRAGMA wal_checkpoint(TRUNCATE)"); }

std::string Database::integrity_check() {
  auto problems = collect_rows(db_, "PRAGMA integrity_check");
  auto orphans = collect_rows(db_, "PRAGMA foreign_key_check");
  if (problems == "ok\n" && orphans.empty()) return "ok";
  if (problems == "ok\n") problems.clear();
  return problems + orphans;
}

}  // namespace feedd
