#include "daemon/storage/store.hpp"

#include <algorithm>
#include <utility>

#include "daemon/storage/columns.hpp"
#include "daemon/storage/story_assign.hpp"

namespace feedd {

const char* to_string(FeedState state) noexcept {
  switch (state) {
    case FeedState::active: return "active";
    case FeedState::failing: return "failing";
    case FeedState::disabled: return "disabled";
  }
  return "active";
}

const char* to_string(FullTextStatus status) noexcept {
  switch (status) {
    case FullTextStatus::pending: return "pending";
    case FullTextStatus::done: return "done";
    case FullTextStatus::failed: return "failed";
    case FullTextStatus::skipped: return "skipped";
  }
  return "pending";
}

std::string FeedRecord::display_title() const {
  if (title_override) return *title_override;
  if (title) return *title;
  return url;
}

Store::Store(const std::filesystem::path& path, StoreOptions options)
    : db_(path, options.database), options_(std::move(options)) {
  storage::run_operation(path.string(), "backfill_stories", [&] {
    storage::backfill_stories(db_, options_.story_policy,
                              static_cast<std::size_t>(std::max(1, options_.story_backfill_batch)));
  });
}

void Store::checkpoint() {
  storage::run_operation(path().string(), "checkpoint", [&] { db_.checkpoint(); });
}

bool Store::defer_date_index_if_empty() {
  return storage::run_operation(path().string(), "defer_date_index_if_empty",
                                [&] { return db_.defer_date_index_if_empty(); });
}

std::string Store::integrity_check() {
  return storage::run_operation(path().string(), "integrity_check",
                                [&] { return db_.integrity_check(); });
}

}  // namespace feedd
