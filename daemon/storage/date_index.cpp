#include "daemon/storage/date_index.hpp"

#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace feedd::storage {
namespace {

// As migration 1 created it (DateIndexTest compares the two definitions).
constexpr const char* create_date_index =
    "CREATE INDEX items_by_date ON items (coalesce(published_at, first_seen_at) DESC)";

bool date_index_exists(SQLite::Database& db) {
  SQLite::Statement query(
      db, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'items_by_date'");
  return query.executeStep();
}

bool no_items_stored(SQLite::Database& db) {
  SQLite::Statement query(db, "SELECT 1 FROM items LIMIT 1");
  return !query.executeStep();
}

}  // namespace

bool defer_date_index_if_empty(SQLite::Database& db) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  if (!date_index_exists(db) || !no_items_stored(db)) return false;
  db.exec("DROP INDEX items_by_date");
  transaction.commit();
  return true;
}

bool restore_date_index(SQLite::Database& db) {
  // Every open asks: the write lock only when the index is missing.
  if (date_index_exists(db)) return false;
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  if (date_index_exists(db)) return false;
  // The sort's memory follows cache_size: 1 MiB instead of the connection's 4 keeps the
  // build from raising the process's peak by ~4 MB (it takes ~0.04 s longer at 119k items).
  // SQLite's floor of 250 pages per sorted run would be 2 MiB with 8 KiB pages: feedd's main()
  // lowers it to 128 (SQLITE_CONFIG_PMASZ, settable only before SQLite initializes).
  const auto cache_size = db.execAndGet("PRAGMA cache_size").getInt();
  db.exec("PRAGMA cache_size = -1024");
  db.exec(create_date_index);
  transaction.commit();
  db.exec("PRAGMA cache_size = " + std::to_string(cache_size));
  return true;
}

}  // namespace feedd::storage
