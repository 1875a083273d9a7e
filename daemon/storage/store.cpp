#include "daemon/storage/store.hpp"

#include "daemon/storage/columns.hpp"

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
    : db_(path, options.busy_timeout_ms), options_(options) {}

void Store::checkpoint() {
  storage::run_operation(path().string(), "checkpoint", [&] { db_.checkpoint(); });
}

std::string Store::integrity_check() {
  return storage::run_operation(path().string(), "integrity_check",
                                [&] { return db_.integrity_check(); });
}

}  // namespace feedd
