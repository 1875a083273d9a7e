#pragma once
/// items_by_date, built after a bulk load instead of during it.
///
/// A new subscription's archive has items from months or years, so each of a cold poll's
/// group commits inserts into pages all over this index and rewrites each in the WAL: a
/// third of the WAL frames of a 5000-feed first poll, 1.4-2.7 of its ~17 CPU-seconds
/// (docs/BENCHMARKS.md). Built once after the items are in, it costs ~0.15 s. Queries stay
/// correct without it, only slower: the merged feed, the dashboard and retention read it.

namespace SQLite {
class Database;
}

namespace feedd::storage {

/// Drops items_by_date when no item is stored yet; true if it did. Outside a transaction.
bool defer_date_index_if_empty(SQLite::Database& db);

/// Builds items_by_date when it is missing (a deferral that ended in a crash or an error);
/// true if it did. Outside a transaction.
bool restore_date_index(SQLite::Database& db);

}  // namespace feedd::storage
