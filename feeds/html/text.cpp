#include "feeds/html/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "feeds/html/dom.hpp"
#include "feeds/html/fast_sanitize.hpp"
#include "feeds/html/name_set.hpp"
#include "feeds/html/text_rules.hpp"
#include "feeds/html/tree_walk.hpp"

namespace feeds {
namespace detail {

bool is_hidden_content(std::string_view name) {
  return name == "script" || name == "style" || name == "noscript" || name == "template";
}

bool is_text_break(std::string_view name) {
  static constexpr NameSet names{std::array<std::string_view, 53>{
      "address",    "article", "aside",   "audio",  "blockquote", "br",     "caption",  "center",
      "dd",         "details", "dialog",  "dir",    "div",        "dl",     "dt",       "fieldset",
      "figcaption", "figure",  "footer",  "form",   "h1",         "h2",     "h3",       "h4",
      "h5",         "h6",      "header",  "hgroup", "hr",         "iframe", "img",      "li",
      "legend",     "main",    "menu",    "nav",    "ol",         "option", "p",        "pre",
      "section",    "select",  "summary", "table",  "tbody",      "td",     "textarea", "tfoot",
      "th",         "thead",   "tr",      "ul",     "video"}};
  return names.contains(name);
}

}  // namespace detail

namespace {

// The multi-byte spaces, shared by whitespace_length and is_collapsed; written with `&` and `|`
// so that is_collapsed's loops, which inline them, stay branch-free and vectorize.
bool is_two_byte_space(std::uint8_t first, std::uint8_t second) {
  return (first == 0xC2) & ((second == 0xA0) | (second == 0x85));  // U+00A0, U+0085
}

// A byte after the lead that is not a continuation byte (>= 0x80) makes no character; callers
// that need a whole character check that.
bool is_three_byte_space(std::uint8_t first, std::uint8_t second, std::uint8_t third) {
  return ((first == 0xE1) & (second == 0x9A) & (third == 0x80)) |  // U+1680
         ((first == 0xE2) & (second == 0x80) &
          ((third <= 0x8A) | (third == 0xA8) |                     // U+2000-200A
           (third == 0xA9) | (third == 0xAF))) |                   // U+2028/9, 202F
         ((first == 0xE2) & (second == 0x81) & (third == 0x9F)) |  // U+205F
         ((first == 0xE3) & (second == 0x80) & (third == 0x80));   // U+3000
}

/// ASCII whitespace: space, and tab to carriage return.
bool is_ascii_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

/// Length of the whitespace character at the start of `text`, 0 when it is something else.
std::size_t whitespace_length(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
  const std::uint8_t first = byte(0);
  if (is_ascii_space(text[0])) {
    return 1;
  }
  if (text.size() >= 2 && is_two_byte_space(first, byte(1))) {
    return 2;
  }
  if (text.size() < 3) {
    return 0;
  }
  return is_three_byte_space(first, byte(1), byte(2)) && byte(2) >= 0x80 ? 3 : 0;
}

/// False for bytes that cannot begin any of the characters whitespace_length matches.
bool may_start_whitespace(unsigned char c) {
  static constexpr std::array<bool, 256> starts = [] {
    std::array<bool, 256> table{};
    for (int byte = 0; byte <= 0x20; ++byte) {
      table[byte] = true;
    }
    table[0xC2] = table[0xE1] = table[0xE2] = table[0xE3] = true;
    return table;
  }();
  return starts[c];
}

/// is_collapsed's exact test, for text with a byte that may start a multi-byte space. Loops
/// without early exits, which the compiler vectorizes.
bool is_collapsed_exactly(const std::uint8_t* p, std::size_t n) {
  std::uint8_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) bad |= p[i] < 0x20;  // '\t' to '\r' and other controls
  for (std::size_t i = 1; i < n; ++i) bad |= (p[i] == ' ') & (p[i - 1] == ' ');
  for (std::size_t i = 0; i + 1 < n; ++i) bad |= is_two_byte_space(p[i], p[i + 1]);
  // Also a lead byte followed by a non-continuation byte: append_each decides those.
  for (std::size_t i = 0; i + 2 < n; ++i) bad |= is_three_byte_space(p[i], p[i + 1], p[i + 2]);
  return bad == 0;
}

enum class Collapsed { yes, no, maybe };

/// One pass over `text` (not empty, no space at either end) for what rules it in or out: a
/// control byte or two spaces in a row say no; a byte that may start a multi-byte space
/// (0xC2, 0xE1-0xE3) leaves it to is_collapsed_exactly.
Collapsed collapsed_quickly(const std::uint8_t* p, std::size_t n) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  __m128i bad = _mm_setzero_si128();
  __m128i leads = _mm_setzero_si128();
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // The bytes before these: p[0] is no space, so the first block shifts in a zero.
    const __m128i before = i == 0 ? _mm_slli_si128(v, 1)
                                  : _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i - 1));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
    const __m128i two_spaces =
        _mm_and_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(before, space));
    bad = _mm_or_si128(bad, _mm_or_si128(control, two_spaces));
    // 0xE1-0xE3 are the bytes whose value minus 0xE1 is at most 2, unsigned.
    const __m128i e1_to_e3 = _mm_cmpeq_epi8(
        _mm_min_epu8(_mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(0xE1))), _mm_set1_epi8(2)),
        _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(0xE1))));
    leads = _mm_or_si128(
        leads, _mm_or_si128(e1_to_e3, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xC2)))));
  }
  if (_mm_movemask_epi8(bad) != 0) return Collapsed::no;
  bool lead = _mm_movemask_epi8(leads) != 0;
#else
  bool lead = false;
#endif
  bool wrong = false;
  for (; i < n; ++i) {
    wrong |= p[i] < 0x20 || (p[i] == ' ' && i > 0 && p[i - 1] == ' ');
    lead |= p[i] == 0xC2 || (p[i] >= 0xE1 && p[i] <= 0xE3);
  }
  if (wrong) return Collapsed::no;
  return lead ? Collapsed::maybe : Collapsed::yes;
}

/// Whether `text` needs no collapsing inside: its only whitespace is single ASCII spaces
/// between other characters, and no byte starts a character whitespace_length matches. Most
/// text passes, at a fraction of append_each's cost per byte (bench_parse).
bool is_collapsed(std::string_view text) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::size_t n = text.size();
  if (n == 0 || p[0] == ' ' || p[n - 1] == ' ') return false;
  switch (collapsed_quickly(p, n)) {
    case Collapsed::yes: return true;
    case Collapsed::no: return false;
    case Collapsed::maybe: break;
  }
  return is_collapsed_exactly(p, n);
}

}  // namespace

namespace detail {

void CollapsingText::append(std::string_view text) {
  // ASCII whitespace at either end (the newlines and indentation between tags) only makes
  // the space pending, as append_each would.
  std::size_t begin = 0;
  while (begin < text.size() && is_ascii_space(text[begin])) ++begin;
  if (begin == text.size()) {
    if (!text.empty()) add_space();
    return;
  }
  std::size_t end = text.size();
  while (is_ascii_space(text[end - 1])) --end;
  if (begin > 0) add_space();
  const auto inside = text.substr(begin, end - begin);
  if (is_collapsed(inside)) {
    if (pending_space_) out_.push_back(' ');
    pending_space_ = false;
    out_.append(inside);
  } else {
    append_each(inside);
  }
  if (end < text.size()) add_space();
}

void CollapsingText::append_each(std::string_view text) {
  out_.reserve(out_.size() + text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t run = i;
    while (run < text.size()) {
      const auto byte = static_cast<unsigned char>(text[run]);
      if (!may_start_whitespace(byte)) {
        ++run;
      } else if (byte == ' ' && run > i && run + 1 < text.size() &&
                 !may_start_whitespace(static_cast<unsigned char>(text[run + 1]))) {
        run += 2;  // a single space between words is already collapsed
      } else if (byte >= 0x80 && whitespace_length(text.substr(run)) == 0) {
        ++run;  // '’', '—', ...: the lead byte of a character that is no space
      } else {
        break;
      }
    }
    if (run == i) {
      if (const std::size_t length = whitespace_length(text.substr(i))) {
        add_space();
        i += length;
        continue;
      }
      ++run;  // a byte that starts no whitespace after all
    }
    if (pending_space_) {
      out_.push_back(' ');
      pending_space_ = false;
    }
    out_.append(text.substr(i, run - i));
    i = run;
  }
}

}  // namespace detail

std::string collapse_whitespace(std::string_view text) {
  detail::CollapsingText collapsed;
  collapsed.append(text);
  return collapsed.take();
}

std::string html_to_text(std::string_view html) {
  // Called for every title: most have neither markup nor entities.
  if (std::none_of(html.begin(), html.end(), [](char c) { return c == '<' || c == '&'; })) {
    return collapse_whitespace(html);
  }
  if (std::optional<std::string> text = detail::fast_html_to_text(html)) {
    return std::move(*text);
  }
  return detail::html_to_text_with_gumbo(html);
}

namespace detail {

std::string html_to_text_with_gumbo(std::string_view html) {
  pugi::xml_document doc;
  parse_html_fragment(html, doc);
  std::string text;
  const auto enter = [&](pugi::xml_node node) {
    if (node.type() == pugi::node_pcdata) {
      text += node.value();
      return false;
    }
    if (detail::is_hidden_content(node.name())) {
      return false;
    }
    if (detail::is_text_break(node.name())) {
      text.push_back(' ');
    }
    return true;
  };
  const auto leave = [&](pugi::xml_node node) {
    if (detail::is_text_break(node.name())) {
      text.push_back(' ');
    }
  };
  detail::walk_tree(doc.first_child(), enter, leave);
  return collapse_whitespace(text);
}

}  // namespace detail

}  // namespace feeds
