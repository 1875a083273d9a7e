#include "feeds/dedup/simhash.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace feeds {
namespace {

using Words = std::vector<std::string>;

TEST(FingerprintWords, LowersAndStripsAsciiAndUnicodePunctuation) {
  EXPECT_EQ(fingerprint_words("\u201cBreaking\u201d \u2014 News\u2019s   LATEST, 2024!", 10),
            (Words{"breaking", "news", "s", "latest", "2024"}));
  EXPECT_EQ(fingerprint_words("Caf\u00e9 na\u00efve \u00a0\u00bfqu\u00e9?", 10),
            (Words{"caf\u00e9", "na\u00efve", "qu\u00e9"}));
}

// Random mixes of pieces whose kind is known: the words are the runs of letter pieces,
// lower-cased, up to the limit.
TEST(FingerprintWords, SplitsRandomMixesAsTheirPiecesSay) {
  struct Piece {
    std::string_view text;
    std::string_view lower;  // empty: a separator
  };
  const std::vector<Piece> pieces = {
      {"a", "a"},   {"Q", "q"},   {"Zz", "zz"},     {"7", "7"},           {"\u00e9", "\u00e9"},
      {"\u00c9", "\u00c9"},      {"\u6771", "\u6771"}, {"\xFF", "\xFF"},        {" ", ""},
      {",", ""},    {"-", ""},    {"\u2014", ""},   {"\u00a0", ""},       {"\uFEFF", ""},
      {"\u3001", ""}, {"\t", ""},  {"'", ""}};
  std::mt19937 random(7);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    Words expected;
    std::string word;
    const auto limit = 1 + random() % 12;
    const auto count = random() % 30;
    for (std::size_t i = 0; i < count; ++i) {
      const auto& piece = pieces[random() % pieces.size()];
      text += piece.text;
      if (!piece.lower.empty()) {
        word += piece.lower;
      } else if (!word.empty()) {
        expected.push_back(std::exchange(word, {}));
      }
    }
    if (!word.empty()) expected.push_back(word);
    if (expected.size() > limit) expected.resize(limit);
    ASSERT_EQ(fingerprint_words(text, limit), expected) << text;
  }
}

TEST(FingerprintWords, StopsAtTheWordLimit) {
  EXPECT_EQ(fingerprint_words("one two three four", 2), (Words{"one", "two"}));
  EXPECT_TRUE(fingerprint_words(" ... ", 5).empty());
}

// Stored databases hold these fingerprints (story_bands, items.story_fingerprint): a faster
// SimHash must give the same bits. Values from the first implementation (word-pair strings,
// ±1 votes per bit); the last text has over 255 features.
TEST(Simhash, KeepsTheFingerprintsStoredDatabasesHold) {
  const std::string alphabet = "a b c d e f g h i j k l m n o p q r s t u v w x y z ";
  std::string long_text;
  for (int i = 0; i < 6; ++i) long_text += alphabet;
  EXPECT_EQ(simhash(fingerprint_words("The cat sat on the mat.", 1000)), 0xd01977275fc9e29dULL);
  EXPECT_EQ(simhash(fingerprint_words("\u00c9lan vital: \u00fcber na\u00efve caf\u00e9 \u2014 \u6771\u4eac news today", 1000)),
            0x3ccf8c756798500aULL);
  EXPECT_EQ(simhash(fingerprint_words("dog bites man in the park today", 1000)), 0x04bd6f6eb02274ffULL);
  EXPECT_EQ(simhash(fingerprint_words(long_text, 1000)), 0x3d94a3bae61336a2ULL);
}

// SimHash as first written, one vote per feature and bit: FNV-1a of each lower-cased word and
// of each "previous word" pair, spread by finish_hash; a bit is set when more than half the
// features have it.
std::uint64_t simhash_by_definition(const Words& words) {
  const auto fnv = [](std::string_view bytes) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return finish_hash(hash);
  };
  std::vector<std::uint64_t> features;
  for (std::size_t i = 0; i < words.size(); ++i) {
    features.push_back(fnv(words[i]));
    if (i > 0) features.push_back(fnv(words[i - 1] + " " + words[i]));
  }
  std::uint64_t fingerprint = 0;
  for (int bit = 0; bit < 64; ++bit) {
    std::size_t ones = 0;
    for (const auto feature : features) ones += (feature >> bit) & 1;
    if (2 * ones > features.size()) fingerprint |= std::uint64_t{1} << bit;
  }
  return fingerprint;
}

// The counting must hold for any number of features: the counters are carried over at fixed
// counts (15, 255), and 0 to 900 features cross each of those boundaries many times.
TEST(Simhash, CountsEveryFeatureLikeTheDefinition) {
  std::mt19937 random(5);
  for (int round = 0; round < 2000; ++round) {
    Words words;
    const auto count = round < 500 ? round : random() % 450;
    for (std::size_t i = 0; i < count; ++i) {
      // Few distinct words: features repeat, so counts reach every value, ties included.
      words.push_back(std::string(1 + random() % 3, static_cast<char>('a' + random() % 4)));
    }
    ASSERT_EQ(simhash(words), simhash_by_definition(words)) << count << " words";
  }
  // One word repeated: the bits its two features share are set in every feature, so those
  // counters reach the feature count.
  for (std::size_t count = 0; count < 600; ++count) {
    const Words words(count, "same");
    ASSERT_EQ(simhash(words), simhash_by_definition(words)) << count << " words";
  }
}

// text_simhash hashes the words as it finds them: it must agree with building them first,
// for mixed-case, Unicode, over-long and empty texts and every word limit.
TEST(TextSimhash, EqualsTheSimhashOfTheWordsAndCountsThem) {
  const std::vector<std::string_view> pieces = {
      "The",    " ",    "CAT", ", ", "sat\u2014on", "\u00c9lan", "\u6771\u4eac", "\xFF", "42",
      "\u00a0", "mat.", "ZZ",  "-",  "\uFEFF",      "q"};
  std::mt19937 random(11);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const auto count = random() % 80;
    for (std::size_t i = 0; i < count; ++i) text += pieces[random() % pieces.size()];
    const std::size_t limit = random() % 50;
    const Words words = fingerprint_words(text, limit);
    const TextSimhash hash = text_simhash(text, limit);
    ASSERT_EQ(hash.fingerprint, simhash(words)) << text;
    ASSERT_EQ(hash.words, words.size()) << text;
  }
  EXPECT_EQ(text_simhash("The cat sat on the mat.", 1000).fingerprint, 0xd01977275fc9e29dULL);
  EXPECT_EQ(text_simhash("", 40).fingerprint, 0u);
  EXPECT_EQ(text_simhash(" -- ", 40).words, 0u);
}

TEST(Simhash, EqualWordsGiveEqualFingerprintsAndNoWordsGiveZero) {
  EXPECT_EQ(simhash(fingerprint_words("The cat sat on the mat.", 40)),
            simhash(fingerprint_words("the CAT sat -- on the mat", 40)));
  EXPECT_EQ(simhash({}), 0u);
}

TEST(Simhash, DifferentTextsAreFarApart) {
  const auto a = simhash(fingerprint_words(
      "Russia has formally withdrawn from the International Criminal Court, days after", 40));
  const auto b = simhash(fingerprint_words(
      "Frontend JavaScript code coverage with Istanbul and Mocha, explained step by", 40));
  EXPECT_GT(hamming_distance(a, b), 16);
}

TEST(Simhash, WordOrderCounts) {
  EXPECT_NE(simhash(fingerprint_words("dog bites man in the park today", 40)),
            simhash(fingerprint_words("man bites dog in the park today", 40)));
}

TEST(HammingDistance, CountsDifferingBits) {
  EXPECT_EQ(hamming_distance(0, 0), 0);
  EXPECT_EQ(hamming_distance(0b1011, 0b0001), 2);
  EXPECT_EQ(hamming_distance(0, ~std::uint64_t{0}), 64);
}

TEST(BandKeys, AreTheHalvesWithTheirIndexAbove) {
  const auto keys = band_keys(0x0123456789ABCDEFULL);
  EXPECT_EQ(keys[0], 0x89ABCDEFLL);
  EXPECT_EQ(keys[1], (1LL << 32) | 0x01234567LL);
  const auto top = band_keys(~std::uint64_t{0});  // every bit set: still positive keys
  EXPECT_EQ(top[0], 0xFFFFFFFFLL);
  EXPECT_EQ(top[1], (1LL << 32) | 0xFFFFFFFFLL);
}

TEST(BandKeys, KeysOfDifferentBandsNeverCollide) {
  const auto keys = band_keys(0);
  for (int i = 0; i < band_count; ++i)
    for (int j = i + 1; j < band_count; ++j) EXPECT_NE(keys[i], keys[j]);
}

bool probes_find(std::uint64_t query, std::uint64_t stored) {
  const auto probes = probe_keys(query);
  for (const auto key : band_keys(stored))
    if (std::find(probes.begin(), probes.end(), key) != probes.end()) return true;
  return false;
}

// Every pattern of up to max_probe_distance flipped bits, in both halves and across them.
TEST(ProbeKeys, FindEveryFingerprintWithinTheProbeDistance) {
  const std::uint64_t base = 0x0123456789ABCDEFULL;
  EXPECT_TRUE(probes_find(base, base));
  int checked = 0;
  for (int a = 0; a < 64; ++a) {
    EXPECT_TRUE(probes_find(base, base ^ (1ULL << a)));
    for (int b = a + 1; b < 64; ++b) {
      EXPECT_TRUE(probes_find(base, base ^ (1ULL << a) ^ (1ULL << b)));
      for (int c = b + 1; c < 64; c += 7) {
        ASSERT_TRUE(probes_find(base, base ^ (1ULL << a) ^ (1ULL << b) ^ (1ULL << c)))
            << a << " " << b << " " << c;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 5000);
}

TEST(ProbeKeys, MissTwoBitsFlippedInEachHalf) {
  const std::uint64_t base = 0x0123456789ABCDEFULL;
  EXPECT_FALSE(probes_find(base, base ^ 0b11 ^ (0b11ULL << 40)));
  const auto probes = probe_keys(base);
  EXPECT_EQ(probes.size(), static_cast<std::size_t>(band_count * probes_per_band));
  EXPECT_EQ(std::set<std::int64_t>(probes.begin(), probes.end()).size(), probes.size());
}

}  // namespace
}  // namespace feeds
