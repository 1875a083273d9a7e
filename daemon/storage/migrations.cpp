#include "daemon/storage/migrations.hpp"

#include <array>
#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include "daemon/storage/storage_error.hpp"

namespace feedd {
namespace {

using namespace std::literals;

// Times are unix seconds (INTEGER); lists and records are JSON arrays (TEXT).
constexpr std::string_view schema_v1 = R"sql(
CREATE TABLE feeds (
  id                 INTEGER PRIMARY KEY,
  url                TEXT NOT NULL UNIQUE,  -- polled; moves on permanent redirects
  subscribed_url     TEXT NOT NULL UNIQUE,  -- as configured; what sync_feeds matches
  configured         INTEGER NOT NULL DEFAULT 1,
  title              TEXT,
  title_override     TEXT,
  site_url           TEXT,
  tags               TEXT NOT NULL DEFAULT '[]',
  etag               TEXT,
  last_modified      TEXT,
  state              TEXT NOT NULL DEFAULT 'active'
                     CHECK (state IN ('active', 'failing', 'disabled')),
  disabled_reason    TEXT,
  last_error         TEXT,
  last_error_kind    TEXT,
  error_count        INTEGER NOT NULL DEFAULT 0,
  consecutive_errors INTEGER NOT NULL DEFAULT 0,
  last_fetch_at      INTEGER,
  last_success_at    INTEGER,
  last_document_at   INTEGER,
  next_poll_at       INTEGER,
  http_max_age       INTEGER,
  retry_after_until  INTEGER,
  identity_scheme    TEXT CHECK (identity_scheme IN ('guid', 'link', 'content_hash')),
  ttl_minutes        INTEGER,
  skip_hours         TEXT NOT NULL DEFAULT '[]',
  skip_days          TEXT NOT NULL DEFAULT '[]',
  update_period      TEXT,
  update_frequency   INTEGER,
  avg_item_interval  INTEGER,
  archive_cutoff     INTEGER,
  items_count        INTEGER NOT NULL DEFAULT 0,
  created_at         INTEGER NOT NULL
) STRICT;

CREATE TABLE items (
  id                        INTEGER PRIMARY KEY,
  feed_id                   INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  identity_key              TEXT NOT NULL,
  guid                      TEXT,
  url                       TEXT,
  canonical_url             TEXT,
  orig_link                 TEXT,
  comments_url              TEXT,
  title                     TEXT,
  authors                   TEXT NOT NULL DEFAULT '[]',
  published_at              INTEGER,
  updated_at                INTEGER,
  summary                   TEXT,
  content_html              TEXT,
  content_text              TEXT,
  tags                      TEXT NOT NULL DEFAULT '[]',
  attachments               TEXT NOT NULL DEFAULT '[]',
  content_fingerprint       TEXT NOT NULL,
  first_seen_at             INTEGER NOT NULL,
  last_seen_at              INTEGER NOT NULL,
  full_text_html            TEXT,
  full_text_text            TEXT,
  full_text_status          TEXT
                            CHECK (full_text_status IN ('pending', 'done', 'failed', 'skipped')),
  full_text_method          TEXT,
  full_text_error           TEXT,
  full_text_attempts        INTEGER NOT NULL DEFAULT 0,
  full_text_next_attempt_at INTEGER,
  UNIQUE (feed_id, identity_key)
) STRICT;

CREATE INDEX items_by_feed_date ON items (feed_id, coalesce(published_at, first_seen_at) DESC);
CREATE INDEX items_by_date ON items (coalesce(published_at, first_seen_at) DESC);
CREATE INDEX items_full_text_queue ON items (full_text_status, full_text_next_attempt_at)
  WHERE full_text_status IN ('pending', 'failed');
CREATE INDEX items_by_canonical_url ON items (canonical_url) WHERE canonical_url IS NOT NULL;

CREATE TABLE fetch_log (
  id            INTEGER PRIMARY KEY,
  feed_id       INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  started_at    INTEGER NOT NULL,
  duration_ms   INTEGER NOT NULL,
  outcome       TEXT NOT NULL CHECK (outcome IN ('ok', 'not_modified', 'error')),
  http_status   INTEGER,
  error_kind    TEXT,
  error_detail  TEXT,
  items_new     INTEGER NOT NULL DEFAULT 0,
  items_updated INTEGER NOT NULL DEFAULT 0,
  bytes         INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX fetch_log_by_feed ON fetch_log (feed_id, id);

-- feeds.items_count is a cache of COUNT(*); triggers keep it exact through every insert,
-- delete and cascade (from schema 7, commit_fetch counts the inserts).
CREATE TRIGGER items_count_after_insert AFTER INSERT ON items BEGIN
  UPDATE feeds SET items_count = items_count + 1 WHERE id = NEW.feed_id;
END;
CREATE TRIGGER items_count_after_delete AFTER DELETE ON items BEGIN
  UPDATE feeds SET items_count = items_count - 1 WHERE id = OLD.feed_id;
END;
)sql";

// Cross-feed dedup (issue 6): each item belongs to a story; a story's primary item is its
// earliest-seen member. story_bands indexes every item's fingerprint bands by date, so finding
// near-duplicates is a few index range scans, never a scan of all items. Stored items get
// their stories right after migrating (Store::Store, in bounded batches): that needs SimHash.
constexpr std::string_view schema_v2 = R"sql(
CREATE TABLE stories (
  id              INTEGER PRIMARY KEY,
  primary_item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
  created_at      INTEGER NOT NULL
) STRICT;

ALTER TABLE items ADD COLUMN story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL;
ALTER TABLE items ADD COLUMN story_fingerprint INTEGER;  -- 64-bit SimHash, as a signed integer
ALTER TABLE items ADD COLUMN story_fingerprint_kind INTEGER;  -- 0: text, 1: title
ALTER TABLE items ADD COLUMN story_words INTEGER;

CREATE INDEX items_by_story ON items (story_id, first_seen_at);
CREATE INDEX items_without_story ON items (first_seen_at, id) WHERE story_id IS NULL;

CREATE TABLE story_bands (
  band    INTEGER NOT NULL,  -- fingerprint kind << 20 | band key (feeds::band_keys)
  at      INTEGER NOT NULL,  -- the item's date: published_at, else first_seen_at
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  PRIMARY KEY (band, at, item_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX story_bands_by_item ON story_bands (item_id);

-- A story whose primary item is deleted (retention) passes to its next-earliest member; a
-- story with no members left is deleted.
CREATE TRIGGER stories_after_item_delete AFTER DELETE ON items WHEN OLD.story_id IS NOT NULL
BEGIN
  UPDATE stories SET primary_item_id = (
    SELECT id FROM items WHERE story_id = OLD.story_id ORDER BY first_seen_at, id LIMIT 1)
  WHERE id = OLD.story_id AND (primary_item_id IS NULL OR primary_item_id = OLD.id);
  DELETE FROM stories WHERE id = OLD.story_id
    AND NOT EXISTS (SELECT 1 FROM items WHERE story_id = OLD.story_id);
END;
)sql";

// maintenance: when quick_check last ran (unix seconds); Database runs it at open only when
// the last one is old or the previous run did not close the database cleanly (one-shot
// commands; the daemon checks at every start).
constexpr std::string_view schema_v3 = R"sql(
CREATE TABLE maintenance (
  task    TEXT PRIMARY KEY,  -- 'quick_check'
  done_at INTEGER NOT NULL
) STRICT;

-- The text of content_html is derived where it is needed (filters, fingerprints); storing it
-- made every item ~40% larger on disk and in the WAL.
ALTER TABLE items DROP COLUMN content_text;
)sql";

// story_bands indexes the items up to indexed_through; the writer holds the bands of newer
// items in memory and writes them in key order every few thousand items (BandTail). Every
// stored item with a story is indexed when this migration runs; items still waiting for one
// (a schema-1 database whose backfill has not run) get their bands through the tail, so the
// watermark stays below them. The table loses its foreign key, whose
// check read an items page for every band row written, and a trigger deletes an item's
// bands instead of the cascade. Each row carries the item's fingerprint: a band shared by
// chance (one in 65536 per band) is told apart without reading the item.
constexpr std::string_view schema_v4 = R"sql(
CREATE TABLE story_bands_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_through INTEGER NOT NULL  -- an item id
) STRICT;

INSERT INTO story_bands_state (id, indexed_through)
  SELECT 1, coalesce((SELECT min(id) - 1 FROM items WHERE story_id IS NULL),
                     (SELECT max(id) FROM items), 0);

CREATE TABLE story_bands_v4 (
  band        INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  item_id     INTEGER NOT NULL,  -- items(id); story_bands_after_item_delete removes the rows
  fingerprint INTEGER NOT NULL,  -- items.story_fingerprint
  PRIMARY KEY (band, at, item_id)
) STRICT, WITHOUT ROWID;
INSERT INTO story_bands_v4
  SELECT b.band, b.at, b.item_id, i.story_fingerprint
  FROM story_bands b JOIN items i ON i.id = b.item_id ORDER BY b.band, b.at, b.item_id;
DROP TABLE story_bands;
ALTER TABLE story_bands_v4 RENAME TO story_bands;
CREATE INDEX story_bands_by_item ON story_bands (item_id);

CREATE TRIGGER story_bands_after_item_delete AFTER DELETE ON items BEGIN
  DELETE FROM story_bands WHERE item_id = OLD.id;
END;
)sql";

// SQLite codes `x IN ('a', 'b', 'c')` (three values or more) as a temporary B-tree of the list,
// built again by every statement that evaluates it: each item INSERT, feed UPDATE and fetch_log
// row opened one for its CHECK, ~8% of a cold poll's CPU. The same rule written as comparisons
// costs nothing and every stored row satisfies both, so the definitions are edited in place:
// sqlite.org/lang_altertable.html §7, for changes that leave the stored content as it is.
// RESET ends writable_schema and reloads the schema on this connection.
constexpr std::string_view schema_v5 = R"sql(
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (full_text_status IN (''pending'', ''done'', ''failed'', ''skipped''))',
  'CHECK (full_text_status = ''pending'' OR full_text_status = ''done'' OR full_text_status = ''failed'' OR full_text_status = ''skipped'')')
WHERE type = 'table' AND name = 'items';
UPDATE sqlite_schema SET sql = replace(replace(sql,
  'CHECK (state IN (''active'', ''failing'', ''disabled''))',
  'CHECK (state = ''active'' OR state = ''failing'' OR state = ''disabled'')'),
  'CHECK (identity_scheme IN (''guid'', ''link'', ''content_hash''))',
  'CHECK (identity_scheme = ''guid'' OR identity_scheme = ''link'' OR identity_scheme = ''content_hash'')')
WHERE type = 'table' AND name = 'feeds';
UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (outcome IN (''ok'', ''not_modified'', ''error''))',
  'CHECK (outcome = ''ok'' OR outcome = ''not_modified'' OR outcome = ''error'')')
WHERE type = 'table' AND name = 'fetch_log';
PRAGMA writable_schema = RESET;
)sql";

// story_bands_by_item served one statement, the trigger removing a deleted item's band rows,
// and keeping it up cost ~0.45 of a 5000-feed cold poll's ~12.5 CPU-seconds. The trigger now
// computes the item's four band values from its fingerprint as storage::band_values does
// (kind << 20 | band << 16 | 16 bits of the fingerprint; `>>` keeps the sign, the mask drops
// it) and deletes through the primary key, whose band prefix holds a few rows each.
constexpr std::string_view schema_v6 = R"sql(
DROP TRIGGER story_bands_after_item_delete;
DROP INDEX story_bands_by_item;
CREATE TRIGGER story_bands_after_item_delete AFTER DELETE ON items
WHEN OLD.story_fingerprint IS NOT NULL BEGIN
  DELETE FROM story_bands WHERE item_id = OLD.id AND band =
    (OLD.story_fingerprint_kind << 20) | (0 << 16) | (OLD.story_fingerprint & 65535);
  DELETE FROM story_bands WHERE item_id = OLD.id AND band =
    (OLD.story_fingerprint_kind << 20) | (1 << 16) | ((OLD.story_fingerprint >> 16) & 65535);
  DELETE FROM story_bands WHERE item_id = OLD.id AND band =
    (OLD.story_fingerprint_kind << 20) | (2 << 16) | ((OLD.story_fingerprint >> 32) & 65535);
  DELETE FROM story_bands WHERE item_id = OLD.id AND band =
    (OLD.story_fingerprint_kind << 20) | (3 << 16) | ((OLD.story_fingerprint >> 48) & 65535);
END;
)sql";

// The insert trigger rewrote a feed's row once per new item (0.6 of a 5000-feed cold poll's
// 9.2 CPU-seconds). commit_fetch, the one writer of new items, now adds each fetch's inserts
// in the UPDATE of the feed's row it makes anyway; deletes and cascades still count down
// through items_count_after_delete.
constexpr std::string_view schema_v7 = R"sql(
DROP TRIGGER items_count_after_insert;
)sql";

// An item whose summary is the text of its own content (an RSS item with only a description:
// a third of a pollbench poll's items, 16% of its database) stores the HTML alone: the summary
// column is NULL and the reader derives the summary from content_html (feeds::Item::
// summary_is_content_text says when that is exact). Rows written before keep their summary.
constexpr std::string_view schema_v8 = R"sql(
ALTER TABLE items ADD COLUMN summary_is_content_text INTEGER NOT NULL DEFAULT 0
  CHECK (summary_is_content_text IN (0, 1));
)sql";

// Deleting an item sets to NULL the primary_item_id of a story naming it (the foreign key's
// ON DELETE SET NULL), which without an index read every story: 8 ms per item deleted at
// 120k stories, so retention dropping thousands of items held the writer for minutes.
constexpr std::string_view schema_v9 = R"sql(
CREATE INDEX stories_by_primary_item ON stories (primary_item_id) WHERE primary_item_id IS NOT NULL;
)sql";

// Story bands are the fingerprint's two 32-bit halves, looked up as they are and with each bit
// flipped (feeds::probe_keys), instead of four 16-bit quarters: half the rows to write, and a
// lookup no longer reads the ~2 rows of unrelated items a 16-bit quarter matched at 120k items.
// Each item's rows are rebuilt from its quarter-0 row (kind << 20 | 0 << 16 | 16 bits), which
// carries its date and fingerprint: kind << 33 | half << 32 | 32 bits (`>>` keeps the sign,
// the mask drops it). Items above the watermark have no rows yet; the band tail computes theirs.
constexpr std::string_view schema_v10 = R"sql(
DROP TRIGGER story_bands_after_item_delete;
CREATE TABLE story_bands_v10 (
  band        INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  item_id     INTEGER NOT NULL,  -- items(id); story_bands_after_item_delete removes the rows
  fingerprint INTEGER NOT NULL,  -- items.story_fingerprint
  PRIMARY KEY (band, at, item_id)
) STRICT, WITHOUT ROWID;
INSERT INTO story_bands_v10
  SELECT ((b.band >> 20) << 33) | (half.n << 32) | ((b.fingerprint >> (32 * half.n)) & 4294967295),
         b.at, b.item_id, b.fingerprint
  FROM story_bands b, (SELECT 0 AS n UNION ALL SELECT 1) half
  WHERE (b.band >> 16) & 15 = 0
  ORDER BY 1, 2, 3;
DROP TABLE story_bands;
ALTER TABLE story_bands_v10 RENAME TO story_bands;
CREATE TRIGGER story_bands_after_item_delete AFTER DELETE ON items
WHEN OLD.story_fingerprint IS NOT NULL BEGIN
  DELETE FROM story_bands WHERE item_id = OLD.id AND band =
    (OLD.story_fingerprint_kind << 33) | (0 << 32) | (OLD.story_fingerprint & 4294967295);
  DELETE FROM story_bands WHERE item_id = OLD.id AND band =
    (OLD.story_fingerprint_kind << 33) | (1 << 32) | ((OLD.story_fingerprint >> 32) & 4294967295);
END;
)sql";

// A new item starting a story was inserted after its story, which then needed a second write
// naming the item as its primary. With the story's key to its primary checked at COMMIT, the
// story names the id the item is about to take and nothing is written twice (story_assign.cpp).
// Only the constraint's wording changes, so the definition is edited in place as in schema 5.
constexpr std::string_view schema_v11 = R"sql(
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
  'primary_item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,',
  'primary_item_id INTEGER REFERENCES items(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,')
WHERE type = 'table' AND name = 'stories';
PRAGMA writable_schema = RESET;
)sql";

constexpr std::array<std::string_view, 11> all_migrations{
    schema_v1, schema_v2, schema_v3, schema_v4,  schema_v5, schema_v6,
    schema_v7, schema_v8, schema_v9, schema_v10, schema_v11};

int stored_schema_version(SQLite::Database& db) {
  return db.execAndGet("PRAGMA user_version").getInt();
}

void apply_migration(SQLite::Database& db, int from_version) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Another process may have migrated between our check and this lock.
  if (stored_schema_version(db) != from_version) return;
  const auto migration = all_migrations[static_cast<std::size_t>(from_version)];
  db.exec(std::string(migration));
  // A definition edited in place leaves the schema cookie as it was, and a connection only
  // reads the schema again when the cookie moves: move it (sqlite.org/lang_altertable.html §7).
  if (migration.find("writable_schema") != std::string_view::npos) {
    const auto cookie = db.execAndGet("PRAGMA schema_version").getInt64();
    db.exec("PRAGMA schema_version = " + std::to_string(cookie + 1));
  }
  db.exec("PRAGMA user_version = " + std::to_string(from_version + 1));
  transaction.commit();
}

}  // namespace

std::span<const std::string_view> migrations() { return all_migrations; }

int current_schema_version() { return static_cast<int>(all_migrations.size()); }

void apply_migrations(SQLite::Database& db, const std::filesystem::path& path) {
  const int found = stored_schema_version(db);
  if (found > current_schema_version()) {
    throw StorageError("database "s + path.string() + ": schema version " +
                       std::to_string(found) + " is newer than this feedd understands (" +
                       std::to_string(current_schema_version()) +
                       "); refusing to open it — run a newer feedd or restore a backup");
  }
  for (int version = found; version < current_schema_version(); ++version) {
    try {
      apply_migration(db, version);
    } catch (const SQLite::Exception& error) {
      throw StorageError("database "s + path.string() + ": migration to schema version " +
                         std::to_string(version + 1) + " failed: " + error.what());
    }
  }
}

}  // namespace feedd
