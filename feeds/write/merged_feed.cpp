#include "feeds/write/merged_feed.hpp"

#include <algorithm>

namespace feeds {

std::optional<TimePoint> entry_order_date(const MergedEntry& entry) {
  return entry.published ? entry.published : entry.updated;
}

std::optional<TimePoint> latest_update(const MergedFeed& feed) {
  if (feed.updated) return feed.updated;
  std::optional<TimePoint> latest;
  for (const auto& entry : feed.entries) {
    auto date = entry.updated ? entry.updated : entry.published;
    if (date && (!latest || *date > *latest)) latest = date;
  }
  return latest;
}

void order_newest_first(std::vector<MergedEntry>& entries, std::size_t limit) {
  auto newer = [](const MergedEntry& left, const MergedEntry& right) {
    auto left_date = entry_order_date(left), right_date = entry_order_date(right);
    if (left_date != right_date) return left_date > right_date;  // nullopt compares lowest
    return left.id < right.id;
  };
  std::stable_sort(entries.begin(), entries.end(), newer);
  if (entries.size() > limit)
    entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(limit), entries.end());
}

}  // namespace feeds
