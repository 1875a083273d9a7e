#pragma once
/// Internal to storage: how values map to columns (times as unix seconds, lists as JSON text),
/// and the boundary that turns SQLiteCpp's exceptions into StorageError.

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "daemon/storage/records.hpp"
#include "daemon/storage/storage_error.hpp"

namespace feedd::storage {

std::int64_t to_unix(TimePoint time);
TimePoint from_unix(std::int64_t seconds);

/// Binds the value, or NULL when absent.
void bind_text(SQLite::Statement& statement, int index, const std::optional<std::string>& value);
void bind_time(SQLite::Statement& statement, int index, const std::optional<TimePoint>& value);
void bind_int(SQLite::Statement& statement, int index, const std::optional<std::int64_t>& value);

/// The column's value, or nullopt when NULL.
std::optional<std::string> text_column(const SQLite::Statement& statement, int index);
std::optional<TimePoint> time_column(const SQLite::Statement& statement, int index);
std::optional<std::int64_t> int_column(const SQLite::Statement& statement, int index);

/// An item's summary from its columns: the `summary` column, or, when the row's
/// summary_is_content_text is set (schema 8), the text of its content_html.
std::optional<std::string> summary_column(const SQLite::Statement& statement, int summary_index,
                                          int from_content_index,
                                          const std::optional<std::string>& content_html);

std::string strings_to_json(const std::vector<std::string>& values);
std::vector<std::string> strings_from_json(std::string_view json);
std::string ints_to_json(const std::vector<int>& values);
std::vector<int> ints_from_json(std::string_view json);
std::string ids_to_json(const std::vector<std::int64_t>& values);
std::string persons_to_json(const std::vector<feeds::Person>& persons);
std::vector<feeds::Person> persons_from_json(std::string_view json);
std::string attachments_to_json(const std::vector<feeds::Attachment>& attachments);
std::vector<feeds::Attachment> attachments_from_json(std::string_view json);

/// "storage: OPERATION: WHAT [database PATH]".
std::string describe_failure(std::string_view path, std::string_view operation,
                             std::string_view what);

/// Runs one public operation; any exception other than StorageError leaves as a StorageError
/// naming the database and the operation. Transactions opened inside `body` have already
/// rolled back (their destructors ran) by the time it is rethrown.
template <class Body>
decltype(auto) run_operation(std::string_view path, std::string_view operation, Body&& body) {
  try {
    return body();
  } catch (const StorageError&) {
    throw;
  } catch (const std::exception& error) {
    throw StorageError(describe_failure(path, operation, error.what()));
  }
}

}  // namespace feedd::storage
