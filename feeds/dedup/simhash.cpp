#include "feeds/dedup/simhash.hpp"

#include <array>
#include <bit>
#include <utility>

#include "feeds/ascii.hpp"

namespace feeds {
namespace {

constexpr int band_bits = 64 / band_count;

bool is_separator(char32_t code_point) {
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

// FNV-1a, then the splitmix64 finalizer: FNV alone leaves the high bits of short words weak.
std::uint64_t hash_feature(std::string_view feature) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : feature) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  hash ^= hash >> 30;
  hash *= 0xbf58476d1ce4e5b9ULL;
  hash ^= hash >> 27;
  hash *= 0x94d049bb133111ebULL;
  return hash ^ (hash >> 31);
}

void add_feature(std::array<int, 64>& votes, std::string_view feature) {
  const auto hash = hash_feature(feature);
  for (int bit = 0; bit < 64; ++bit) votes[bit] += ((hash >> bit) & 1) ? 1 : -1;
}

}  // namespace

std::vector<std::string> fingerprint_words(std::string_view text, std::size_t max_words) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t at = 0; at < text.size() && words.size() < max_words;) {
    const auto [code_point, length] = decode_at(text, at);
    if (is_separator(code_point)) {
      if (!word.empty()) words.push_back(std::exchange(word, {}));
    } else {
      for (std::size_t i = 0; i < length; ++i) word += ascii_lower(text[at + i]);
    }
    at += length;
  }
  if (!word.empty() && words.size() < max_words) words.push_back(std::move(word));
  return words;
}

std::uint64_t simhash(const std::vector<std::string>& words) {
  if (words.empty()) return 0;
  std::array<int, 64> votes{};
  for (std::size_t i = 0; i < words.size(); ++i) {
    add_feature(votes, words[i]);
    if (i + 1 < words.size()) add_feature(votes, words[i] + ' ' + words[i + 1]);
  }
  std::uint64_t fingerprint = 0;
  for (int bit = 0; bit < 64; ++bit)
    if (votes[bit] > 0) fingerprint |= std::uint64_t{1} << bit;
  return fingerprint;
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

}  // namespace feeds
