#include "feeds/dedup/simhash.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

#include "feeds/ascii.hpp"

namespace feeds {

namespace {

constexpr bool is_separator(char32_t code_point) {
  if (code_point < 0x80) {
    const auto c = static_cast<char>(code_point);
    return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  }
  return (code_point >= 0x80 && code_point <= 0xBF) || (code_point >= 0x2000 && code_point <= 0x206F) ||
         (code_point >= 0x3000 && code_point <= 0x303F) || code_point == 0xFEFF;
}

/// The code point starting at text[at] and its length; invalid bytes count as one letter each.
std::pair<char32_t, std::size_t> decode_at(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (lead < 0x80 || lead < 0xC0 || at + length > text.size()) return {lead, 1};
  char32_t code_point = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xC0) != 0x80) return {0xFFFD, 1};
    code_point = (code_point << 6) | (next & 0x3F);
  }
  return {code_point, length};
}

// A feature's hash is FNV-1a of its bytes, then the splitmix64 finalizer (FNV alone leaves the
// high bits of short words weak). FNV runs byte by byte, so "a b" continues the state of "a".
constexpr std::uint64_t fnv_offset = 0xcbf29ce484222325ULL;

constexpr std::uint64_t fnv_prime = 0x100000001b3ULL;

std::uint64_t fnv_continue(std::uint64_t hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= fnv_prime;
  }
  return hash;
}

// spread[b] puts bit j of b into byte j: a plane of 64 bits becomes 8 words of byte counters.
constexpr std::array<std::uint64_t, 256> make_spread() {
  std::array<std::uint64_t, 256> spread{};
  for (std::uint64_t b = 0; b < 256; ++b)
    for (int j = 0; j < 8; ++j) spread[b] |= ((b >> j) & 1) << (8 * j);
  return spread;
}
constexpr auto spread = make_spread();

/// How many of the hashes added have each bit set. A hash is added to four bit planes, a 4-bit
/// counter per bit kept bit-sliced (twelve bitwise operations count all 64 bits); every 15
/// hashes the planes move into byte-wide counters, and those into full counters every 17
/// moves (17 x 15 = 255, what a byte holds).
class BitCounts {
 public:
  void add(std::uint64_t hash) {
    std::uint64_t carry = hash;
    for (auto& plane : planes_) {
      const std::uint64_t next = plane & carry;
      plane ^= carry;
      carry = next;
    }
    if (++in_planes_ == 15) move_planes();
    ++total_;
  }
  /// Bit set where more than half the hashes have it (SimHash's majority vote).
  std::uint64_t majority() {
    if (in_planes_ > 0) move_planes();
    move_bytes();
    std::uint64_t fingerprint = 0;
    for (int bit = 0; bit < 64; ++bit)
      if (2 * ones_[bit] > total_) fingerprint |= std::uint64_t{1} << bit;
    return fingerprint;
  }

 private:
  void move_planes() {
    for (int k = 0; k < 8; ++k) {
      std::uint64_t counts = 0;  // at most 15 a byte: no carry into the next
      for (int plane = 0; plane < 4; ++plane)
        counts += spread[(planes_[plane] >> (8 * k)) & 0xff] << plane;
      packed_[k] += counts;
    }
    planes_ = {};
    in_planes_ = 0;
    if (++moves_ == 17) move_bytes();
  }
  void move_bytes() {
    for (int k = 0; k < 8; ++k) {
      for (int j = 0; j < 8; ++j) ones_[8 * k + j] += (packed_[k] >> (8 * j)) & 0xff;
      packed_[k] = 0;
    }
    moves_ = 0;
  }
  std::array<std::uint64_t, 4> planes_{};
  std::array<std::uint64_t, 8> packed_{};
  std::array<std::size_t, 64> ones_{};
  std::size_t in_planes_ = 0;
  std::size_t moves_ = 0;
  std::size_t total_ = 0;
};

/// Calls `word(raw)` for each of the first `max_words` words of `text`, as fingerprint_words
/// splits them; `raw` is not lower-cased.
template <typename WordFunction>
void for_each_word(std::string_view text, std::size_t max_words, WordFunction&& word) {
  std::size_t count = 0;
  std::size_t start = 0;  // where the word being read began
  auto end_word = [&](std::size_t end) {
    if (end == start) return;
    word(text.substr(start, end - start));
    ++count;
  };
  // Bytes below 0x80 as is_separator sees them; bytes from 0x80 on start a character to decode.
  enum ByteKind : std::uint8_t { multi_byte, word_char, separator };
  static constexpr auto kinds = [] {
    std::array<ByteKind, 256> table{};
    for (int c = 0; c < 0x80; ++c)
      table[c] = is_separator(static_cast<char32_t>(c)) ? separator : word_char;
    return table;
  }();
  const auto kind_at = [&](std::size_t at) { return kinds[static_cast<unsigned char>(text[at])]; };
  std::size_t at = 0;
  while (at < text.size() && count < max_words) {
    // The bytes of ASCII letters and digits in one run: most of a text, without decoding each.
    while (at < text.size() && kind_at(at) == word_char) ++at;
    if (at == text.size()) break;
    if (kind_at(at) == separator) {  // a space, most often
      end_word(at);
      start = ++at;
      continue;
    }
    const auto [code_point, length] = decode_at(text, at);
    if (is_separator(code_point)) {
      end_word(at);
      start = at + length;
    }
    at += length;
  }
  if (count < max_words) end_word(at);
}

/// ascii_lower of every byte, looked up: a load per byte of every word hashed, where the
/// comparisons took five instructions.
constexpr auto lowered = [] {
  std::array<unsigned char, 256> table{};
  for (int byte = 0; byte < 256; ++byte)
    table[byte] = static_cast<unsigned char>(ascii_lower(static_cast<char>(byte)));
  return table;
}();

/// SimHash's features, fed one word at a time: each word, and each pair of neighbours joined
/// by a space. A word's bytes carry both its own hash and its pair's with the word before: two
/// independent multiply chains in one pass, which the CPU runs side by side (FNV is bound by
/// the multiply's latency). Words are lower-cased as they are hashed.
class FeatureHasher {
 public:
  void add(std::string_view word) {
    std::uint64_t hash = fnv_offset;
    std::uint64_t pair = fnv_continue(previous_word_, " ");
    for (const char c : word) {
      const unsigned char byte = lowered[static_cast<unsigned char>(c)];
      hash = (hash ^ byte) * fnv_prime;
      pair = (pair ^ byte) * fnv_prime;
    }
    counts_.add(finish_hash(hash));
    if (words_ > 0) counts_.add(finish_hash(pair));
    previous_word_ = hash;
    ++words_;
  }
  std::size_t words() const { return words_; }
  std::uint64_t fingerprint() { return words_ == 0 ? 0 : counts_.majority(); }

 private:
  BitCounts counts_;
  std::uint64_t previous_word_ = fnv_offset;
  std::size_t words_ = 0;
};

}  // namespace

std::vector<std::string> fingerprint_words(std::string_view text, std::size_t max_words) {
  std::vector<std::string> words;
  words.reserve(std::min<std::size_t>(max_words, 64));  // 40 by default: one allocation
  // A word is copied whole and lower-cased in place, not appended byte by byte.
  for_each_word(text, max_words, [&](std::string_view raw) {
    auto& word = words.emplace_back(raw);
    for (auto& c : word) c = ascii_lower(c);
  });
  return words;
}

std::uint64_t simhash(const std::vector<std::string>& words) {
  FeatureHasher hasher;
  for (const std::string& word : words) hasher.add(word);
  return hasher.fingerprint();
}

TextSimhash text_simhash(std::string_view text, std::size_t max_words) {
  FeatureHasher hasher;
  for_each_word(text, max_words, [&](std::string_view raw) { hasher.add(raw); });
  return {hasher.fingerprint(), hasher.words()};
}

int hamming_distance(std::uint64_t a, std::uint64_t b) noexcept { return std::popcount(a ^ b); }

std::array<std::int64_t, band_count> band_keys(std::uint64_t fingerprint) noexcept {
  std::array<std::int64_t, band_count> keys{};
  constexpr std::uint64_t mask = (std::uint64_t{1} << band_bits) - 1;
  for (int band = 0; band < band_count; ++band) {
    const auto bits = (fingerprint >> (band * band_bits)) & mask;
    keys[band] = static_cast<std::int64_t>((static_cast<std::uint64_t>(band) << band_bits) | bits);
  }
  return keys;
}

std::array<std::int64_t, band_count * probes_per_band> probe_keys(
    std::uint64_t fingerprint) noexcept {
  std::array<std::int64_t, band_count * probes_per_band> probes{};
  const auto keys = band_keys(fingerprint);
  std::size_t at = 0;
  for (const auto key : keys) {
    probes[at++] = key;
    for (int bit = 0; bit < band_bits; ++bit) probes[at++] = key ^ (std::int64_t{1} << bit);
  }
  return probes;
}

}  // namespace feeds
