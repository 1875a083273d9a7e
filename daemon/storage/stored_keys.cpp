#include "daemon/storage/stored_keys.hpp"

#include <algorithm>
#include <array>
#include <functional>

#include "daemon/storage/band_tail.hpp"
#include "daemon/storage/database.hpp"
#include "daemon/storage/store_internal.hpp"
#include "feeds/dedup/simhash.hpp"

namespace feedd::storage {
namespace {

constexpr std::size_t bits_per_key = 12;
constexpr std::size_t block_words = 8;  // 512 bits: one cache line per lookup
constexpr std::size_t keys_per_item = 1 + feeds::band_count;
constexpr std::int64_t seconds_per_day = 86400;
// A band lookup reads one filter block per day of its range; wider ranges read the table.
constexpr std::int64_t max_days_per_lookup = 32;

constexpr const char* select_band_rows = "SELECT band, at FROM story_bands";

constexpr const char* select_url_keys = R"sql(
SELECT canonical_url FROM items INDEXED BY items_by_canonical_url
WHERE canonical_url IS NOT NULL)sql";

std::uint64_t url_hash(std::string_view key) {
  return feeds::finish_hash(std::hash<std::string_view>{}(key) ^ 0x75726c0000000000ULL);
}

std::int64_t day_of(std::int64_t at) {
  const auto day = at / seconds_per_day;
  return at % seconds_per_day < 0 ? day - 1 : day;
}

std::uint64_t band_hash(std::int64_t band, std::int64_t day) {
  return feeds::finish_hash(feeds::finish_hash(static_cast<std::uint64_t>(band)) ^
                            static_cast<std::uint64_t>(day) * 0x9e3779b97f4a7c15ULL);
}

}  // namespace

void StoredKeys::prepare(Database& db, const BandTail& tail) {
  if (!built_) return build(db, tail);
  if (tail.generation() != generation_) stale_ = true;
  // After another connection wrote, rebuilding reads every stored key: worth it once the
  // lookups made without the filter since cost about as much (one lookup ~ 16 keys read).
  const bool paid_for = untrusted_lookups_ * 16 >= keys_;
  if ((stale_ && paid_for) || keys_ > capacity_) build(db, tail);
}

void StoredKeys::build(Database& db, const BandTail& tail) {
  // Room for three times the keys of the items stored, so a growing database rebuilds rarely.
  const auto items = highest_item_id(db);
  capacity_ = std::max(min_capacity_, 3 * keys_per_item * static_cast<std::size_t>(items));
  const std::size_t blocks = (capacity_ * bits_per_key + 511) / 512;
  bits_.assign(blocks * block_words, 0);
  keys_ = 0;
  {
    auto rows = db.statement(select_band_rows);
    while (rows->executeStep())
      insert(band_hash(rows->getColumn(0).getInt64(), day_of(rows->getColumn(1).getInt64())));
  }
  {
    auto rows = db.statement(select_url_keys);
    while (rows->executeStep()) {
      const auto key = rows->getColumn(0);
      const char* text = key.getText();
      insert(url_hash({text, static_cast<std::size_t>(key.getBytes())}));
    }
  }
  tail.for_each_row([this](std::int64_t band, const BandTail::Entry& entry) {
    insert(band_hash(band, day_of(entry.at)));
  });
  generation_ = tail.generation();
  built_ = true;
  stale_ = false;
  untrusted_lookups_ = 0;
}

bool StoredKeys::trusted() {
  if (built_ && !stale_) return true;
  ++untrusted_lookups_;
  return false;
}

bool StoredKeys::may_have_url(std::string_view key) {
  return !trusted() || contains(url_hash(key));
}

bool StoredKeys::may_have_band(std::int64_t band, std::int64_t from, std::int64_t to) {
  const auto first = day_of(from);
  const auto last = day_of(to);
  if (!trusted() || last - first >= max_days_per_lookup) return true;
  // Every day's block is requested before any is tested: the cache misses overlap instead of
  // coming one after another (a range is 7 days for the default window).
  std::array<std::uint64_t, max_days_per_lookup> hashes;
  const auto days = static_cast<std::size_t>(last - first + 1);
  for (std::size_t i = 0; i < days; ++i) {
    hashes[i] = band_hash(band, first + static_cast<std::int64_t>(i));
    __builtin_prefetch(&bits_[block_start(hashes[i])]);
  }
  for (std::size_t i = 0; i < days; ++i)
    if (contains(hashes[i])) return true;
  return false;
}

void StoredKeys::add_url(std::string_view key) {
  if (built_) insert(url_hash(key));
}

void StoredKeys::add_band(std::int64_t band, std::int64_t at) {
  if (built_) insert(band_hash(band, day_of(at)));
}

std::size_t StoredKeys::block_start(std::uint64_t hash) const {
  const std::size_t blocks = bits_.size() / block_words;
  return ((hash >> 32) * blocks >> 32) * block_words;
}

// Six bits in one block: the block from the high half of the hash, the bits from 9-bit slices
// of the low half and of a second mix.
void StoredKeys::insert(std::uint64_t hash) {
  auto* block = &bits_[block_start(hash)];
  const std::uint64_t slices = feeds::finish_hash(hash);
  for (int i = 0; i < 6; ++i) {
    const auto bit = (slices >> (9 * i)) & 511;
    block[bit >> 6] |= std::uint64_t{1} << (bit & 63);
  }
  ++keys_;
}

bool StoredKeys::contains(std::uint64_t hash) const {
  const auto* block = &bits_[block_start(hash)];
  const std::uint64_t slices = feeds::finish_hash(hash);
  for (int i = 0; i < 6; ++i) {
    const auto bit = (slices >> (9 * i)) & 511;
    if ((block[bit >> 6] & (std::uint64_t{1} << (bit & 63))) == 0) return false;
  }
  return true;
}

}  // namespace feedd::storage
