#pragma once
/// The runs of bytes the tokenizer and the serializer pass over without looking at each one:
/// most of a feed's HTML is such runs. With SSE2 (every x86-64 CPU has it) sixteen bytes are
/// tested at once; other targets, and the last few bytes, take a table, with the same result.

#include <array>
#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace feeds::detail {

/// Bytes that end a run: some values, control bytes (below 0x20) other than the allowed ones,
/// and optionally every byte from 0x7F up.
struct RunStops {
  std::array<unsigned char, 6> bytes{};             ///< unused entries repeat a used one
  std::array<unsigned char, 3> allowed_controls{};  ///< likewise
  bool non_ascii = false;                           ///< 0x7F and up end the run too

  constexpr bool stops_at(unsigned char c) const {
    for (const auto b : bytes)
      if (c == b) return true;
    if (c < 0x20) {
      for (const auto a : allowed_controls)
        if (c == a) return false;
      return true;
    }
    return non_ascii && c >= 0x7F;
  }

  constexpr std::array<bool, 256> table() const {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) table[c] = stops_at(static_cast<unsigned char>(c));
    return table;
  }
};

/// Length of the run at the start of `text` of bytes `stops` does not stop at.
template <RunStops stops>
std::size_t run_length(std::string_view text) {
  static constexpr auto stop_table = stops.table();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
#if defined(__SSE2__)
  const auto equal = [](__m128i v, unsigned char c) {
    return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(c)));
  };
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // v <= 0x1F, unsigned: the minimum of the two is v.
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
    const auto& allowed = stops.allowed_controls;
    const __m128i allowed_here = _mm_or_si128(
        _mm_or_si128(equal(v, allowed[0]), equal(v, allowed[1])), equal(v, allowed[2]));
    const auto& b = stops.bytes;
    __m128i hit = _mm_andnot_si128(allowed_here, control);
    hit = _mm_or_si128(hit, _mm_or_si128(equal(v, b[0]), equal(v, b[1])));
    hit = _mm_or_si128(hit, _mm_or_si128(equal(v, b[2]), equal(v, b[3])));
    hit = _mm_or_si128(hit, _mm_or_si128(equal(v, b[4]), equal(v, b[5])));
    int mask = _mm_movemask_epi8(hit);
    // Signed: the bytes from 0x80 are negative, so only 0x7F compares greater than 0x7E.
    if constexpr (stops.non_ascii)
      mask |= _mm_movemask_epi8(v) | _mm_movemask_epi8(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x7E)));
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (i < n && !stop_table[p[i]]) ++i;
  return i;
}

}  // namespace feeds::detail
