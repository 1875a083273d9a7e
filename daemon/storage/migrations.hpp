#pragma once
/// The ordered list of schema migrations. `PRAGMA user_version` is the number of migrations
/// applied; each migration runs in its own transaction together with the version bump.

#include <filesystem>
#include <span>
#include <string_view>

namespace SQLite {
class Database;
}

namespace feedd {

/// The SQL steps, oldest first: migrations()[i] takes the schema from version i to i + 1.
/// Only ever append to this list; never edit a step that has shipped.
std::span<const std::string_view> migrations();

/// The schema version this binary writes (the number of migrations).
int current_schema_version();

/// Brings the schema up to current_schema_version(). Throws StorageError naming `path` when the
/// database is newer than this binary, or when a step fails (that step is rolled back; earlier
/// steps stay applied, so a retry resumes where it stopped).
void apply_migrations(SQLite::Database& db, const std::filesystem::path& path);

}  // namespace feedd
