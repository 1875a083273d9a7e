#pragma once
/// SimHash (Charikar 2002): a 64-bit fingerprint of a text where similar texts differ in few
/// bits, and the band keys that let storage find fingerprints within a small Hamming distance
/// without comparing against every stored one.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace feeds {

/// Up to `max_words` words of `text`: ASCII lower-cased, split at every ASCII character that is
/// not a letter or digit and at Unicode punctuation and spaces (Latin-1 symbols, U+2000-U+206F,
/// U+3000-U+303F), so "“Breaking” — News’s" and "breaking news s" are the same words.
std::vector<std::string> fingerprint_words(std::string_view text, std::size_t max_words);

/// SimHash over the words and their adjacent pairs (both, so one changed word moves few bits
/// and word order still counts). 0 for no words.
std::uint64_t simhash(const std::vector<std::string>& words);

/// A text's SimHash and the number of words behind it.
struct TextSimhash {
  std::uint64_t fingerprint = 0;
  std::size_t words = 0;
};

/// simhash(fingerprint_words(text, max_words)) and that many words, without building the words:
/// what story fingerprints use, once per stored item.
TextSimhash text_simhash(std::string_view text, std::size_t max_words);

/// SplitMix64's finalizer: spreads every input bit over the whole result (for hash tables and
/// filters keyed by hashes that are not spread well on their own). Inline: simhash and the
/// storage's key filter call it for every feature and every probe.
constexpr std::uint64_t finish_hash(std::uint64_t hash) noexcept {
  hash ^= hash >> 30;
  hash *= 0xbf58476d1ce4e5b9ULL;
  hash ^= hash >> 27;
  hash *= 0x94d049bb133111ebULL;
  return hash ^ (hash >> 31);
}

/// Number of differing bits.
int hamming_distance(std::uint64_t a, std::uint64_t b) noexcept;

/// Bands the 64 bits are cut into: two halves of 32 bits. Two fingerprints within distance
/// max_probe_distance (3) differ in at most one bit of one half (pigeonhole), so looking up
/// each half's key and its 32 one-bit neighbours (probe_keys) finds every such candidate.
/// Halves rather than four 16-bit quarters: half the rows stored, and a 32-bit key almost
/// never matches by chance (a quarter matched ~2 rows of a 120k-item database per lookup).
inline constexpr int band_count = 2;
inline constexpr int band_bits = 64 / band_count;
inline constexpr int max_probe_distance = 2 * band_count - 1;

/// One key per band: the band's index above its bits (bit 32), so keys of different bands
/// never collide and one index column holds them all.
std::array<std::int64_t, band_count> band_keys(std::uint64_t fingerprint) noexcept;

/// The keys to look up for a fingerprint: each band's key, then the key with each one of its
/// band_bits bits flipped. Every stored fingerprint within max_probe_distance has one of its
/// band_keys among them.
inline constexpr int probes_per_band = 1 + band_bits;
std::array<std::int64_t, band_count * probes_per_band> probe_keys(
    std::uint64_t fingerprint) noexcept;

}  // namespace feeds
