#pragma once
/// One SQLite connection, opened the way security.md §3 asks (WAL, synchronous=NORMAL,
/// foreign keys, busy timeout, quick_check at start, optimize on close), with a cache of
/// prepared statements. Owned by Store; not thread-safe — storage has exactly one owner.
/// The WAL is checkpointed by a WalCheckpointer thread with a connection of its own.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "daemon/storage/band_tail.hpp"
#include "daemon/storage/database_options.hpp"
#include "daemon/storage/stored_keys.hpp"
#include "daemon/storage/wal_checkpointer.hpp"

namespace feedd {

class Database;

/// A cached prepared statement, borrowed for one use: reset and unbound when the lease ends, so
/// no statement keeps a read snapshot open between operations.
class StatementLease {
 public:
  explicit StatementLease(SQLite::Statement& statement) : statement_(&statement) {}
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  ~StatementLease();

  SQLite::Statement* operator->() const { return statement_; }
  SQLite::Statement& operator*() const { return *statement_; }

 private:
  SQLite::Statement* statement_;
};

/// A write transaction of its own (`BEGIN IMMEDIATE` … `COMMIT`, rolled back unless
/// committed), or, while a WriteBatch is open, a part of the batch's transaction: commit() then
/// does nothing, and the batch's commit or rollback covers it.
class WriteTransaction {
 public:
  WriteTransaction(Database& db, bool joined);
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction();
  void commit();

 private:
  Database& db_;
  bool joined_;
  bool done_ = false;
};

/// Group commit: one SQLite transaction around many write transactions. Rolls back unless
/// committed. A write that fails inside it must fail the whole batch (its writes so far are not
/// undone on their own); StorageOwner then runs each write again in a transaction of its own,
/// so every fetch still commits all-or-nothing (security.md §3).
class WriteBatch {
 public:
  explicit WriteBatch(Database& db);
  WriteBatch(const WriteBatch&) = delete;
  WriteBatch& operator=(const WriteBatch&) = delete;
  ~WriteBatch();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

class Database {
 public:
  /// Opens (creating if absent) and checks the file, then migrates the schema. The parent
  /// folder must exist. Throws StorageError naming the file when it is not a database, fails
  /// quick_check, or has a newer schema; a damaged file is never recreated.
  explicit Database(const std::filesystem::path& path, const DatabaseOptions& options = {});
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  /// Writes the story band tail, builds items_by_date if it was deferred and runs
  /// `PRAGMA optimize` (failures logged or ignored: the data is already committed).
  ~Database();

  /// The prepared statement for `sql`, prepared once per connection. `sql` must be a string
  /// with static storage (a literal): the cache keys on its address.
  StatementLease statement(const char* sql);

  /// A write transaction: `BEGIN IMMEDIATE`, so a busy database fails at the start instead of
  /// at the first write. Rolls back unless committed.
  WriteTransaction begin_write();

  /// Opens a group commit: every begin_write() until it ends joins its transaction.
  WriteBatch begin_batch() { return WriteBatch(*this); }

  /// For a bulk load into a new database: drops items_by_date while no item is stored, so
  /// the load does not maintain it item by item; closing builds it, and so does the next
  /// open if the process ended first (see date_index.hpp). True if it was dropped.
  bool defer_date_index_if_empty();
  /// `PRAGMA wal_checkpoint(TRUNCATE)`: folds the WAL into the database and empties it.
  void checkpoint();

  /// `PRAGMA integrity_check` (and foreign_key_check): "ok", or the problems one per line.
  std::string integrity_check();
  /// Whether opening ran quick_check (see StartupCheck).
  bool checked_at_open() const { return checked_at_open_; }
  /// Checkpoints the background thread has run.
  std::uint64_t background_checkpoints() const { return checkpointer_->checkpoints_done(); }
  /// Times the writer started a long WAL over (WalCheckpointer).
  std::uint64_t wal_restarts() const { return checkpointer_->restarts_done(); }

  /// The story bands of the newest items, not yet in story_bands (see BandTail). Its
  /// transaction hooks run when write transactions and batches end.
  storage::BandTail& band_tail() { return band_tail_; }
  /// Which story keys may be stored (see StoredKeys): lookups that cannot match are skipped.
  storage::StoredKeys& stored_keys() { return stored_keys_; }

  /// The id the next new item takes, max(id) + 1: read once per write transaction and
  /// counted on from there (item_inserted), as no other connection writes while it lasts.
  /// Only inside a write transaction.
  ItemId next_item_id();
  /// Notes an item inserted with `id` in the open write transaction: the next takes id + 1.
  void item_inserted(ItemId id) { next_item_id_ = id + 1; }

  SQLite::Database& connection() { return db_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  bool checked_at_open_ = false;
  SQLite::Database db_;
  // Declared after db_: stops and closes before the writer connection, whose close then
  // checkpoints what is left and removes the WAL.
  std::unique_ptr<WalCheckpointer> checkpointer_;
  std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
  storage::BandTail band_tail_;
  storage::StoredKeys stored_keys_;
  bool batch_open_ = false;
  std::optional<ItemId> next_item_id_;  // for the open write transaction only

  void restore_date_index_before_close();
  /// Ends the open transaction (for WriteTransaction and WriteBatch).
  void commit();
  void roll_back();

  friend class WriteTransaction;
  friend class WriteBatch;
};

}  // namespace feedd
