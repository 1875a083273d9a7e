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
// may_have_bands hashes and prefetches this many bands at a time: a placement's probes.
constexpr std::size_t max_bands_per_lookup = feeds::band_count * feeds::probes_per_band;
constexpr const char* select_band_rows = "SELECT band FROM story_bands";

constexpr const char* select_url_keys = R"sql(
SELECT canonical_url FROM items INDEXED BY items_by_canonical_url
WHERE canonical_url IS NOT NULL)sql";

std::uint64_t url_hash(std::string_view key) {
  return feeds::finish_hash(std::hash<std::string_view>{}(key) ^ 0x75726c0000000000ULL);
}

// One mix is enough: the finalizer spreads every input bit, so the 33 probes of a band, which
// differ in one bit each, land on unrelated blocks. The tag keeps bands apart from URL keys.
std::uint64_t band_hash(std::int64_t band) {
  return feeds::finish_hash(static_cast<std::uint64_t>(band) ^ 0x62616e6400000000ULL);
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
    while (rows->executeStep()) insert(band_hash(rows->getColumn(0).getInt64()));
  }
  {
    auto rows = db.statement(select_url_keys);
    while (rows->executeStep()) {
      const auto key = rows->getColumn(0);
      const char* text = key.getText();
      insert(url_hash({text, static_cast<std::size_t>(key.getBytes())}));
    }
  }
  tail.for_each_row([this](std::int64_t band, const BandTail::Entry&) { insert(band_hash(band)); });
  generation_ = tail.generation();
  built_ = true;
  stale_ = false;
  untrusted_lookups_ = 0;
}

bool StoredKeys::trusted(std::size_t lookups) {
  if (built_ && !stale_) return true;
  untrusted_lookups_ += lookups;
  return false;
}

bool StoredKeys::may_have_url(std::string_view key) {
  return !trusted() || contains(url_hash(key));
}

void StoredKeys::may_have_bands(std::span<const std::int64_t> bands, std::span<bool> maybe) {
  if (!trusted(bands.size())) {
    std::fill(maybe.begin(), maybe.end(), true);
    return;
  }
  std::array<std::uint64_t, max_bands_per_lookup> hashes;
  for (std::size_t start = 0; start < bands.size(); start += hashes.size()) {
    const auto count = std::min(hashes.size(), bands.size() - start);
    for (std::size_t i = 0; i < count; ++i) {
      hashes[i] = band_hash(bands[start + i]);
      __builtin_prefetch(&bits_[block_start(hashes[i])]);
    }
    for (std::size_t i = 0; i < count; ++i) maybe[start + i] = contains(hashes[i]);
  }
}

void StoredKeys::add_url(std::string_view key) {
  if (built_) insert(url_hash(key));
}

void StoredKeys::add_band(std::int64_t band) {
  if (built_) insert(band_hash(band));
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
