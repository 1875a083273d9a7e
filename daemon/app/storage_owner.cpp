#include "daemon/app/storage_owner.hpp"

#include <algorithm>

namespace feedd {

void StorageOwner::enqueue(PendingWrite& pending) {
  bool start = false;
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(&pending);
    start = !std::exchange(committing_, true);
  }
  if (start) thread_.post([this] { commit_next_group(); });
}

// One group per job on the storage thread, so run() jobs queued meanwhile are not starved by a
// steady stream of writes.
void StorageOwner::commit_next_group() {
  std::vector<PendingWrite*> group;
  bool more = false;
  {
    std::lock_guard lock(mutex_);
    auto count = std::min(queue_.size(), max_group);
    group.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(count));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(count));
    more = !queue_.empty();
    committing_ = more;
  }
  if (more) thread_.post([this] { commit_next_group(); });
  run_group(group);
  for (auto* pending : group) {
    // Moved out first: once woken, the caller's frame (and `pending` in it) may be gone.
    auto resume = std::move(pending->resume);
    resume();
  }
}

void StorageOwner::run_group(const std::vector<PendingWrite*>& group) {
  if (group.size() > 1 && commit_together(group)) return;
  for (auto* pending : group) {
    try {
      pending->run(*store_);
    } catch (...) {
      pending->error = std::current_exception();
    }
  }
}

// Any failure rolls the whole group back, and run_group runs each write again on its own: so a
// failing fetch takes only itself down, and no write needs a savepoint (whose statement journal
// cost more than the commits it saved).
bool StorageOwner::commit_together(const std::vector<PendingWrite*>& group) {
  try {
    auto batch = store_->begin_batch();
    for (auto* pending : group) pending->run(*store_);
    batch.commit();
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace feedd
