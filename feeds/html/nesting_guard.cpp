#include "feeds/html/nesting_guard.hpp"
#include "feeds/ascii.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace feeds::detail {
namespace {

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string_view tag_name_at(std::string_view html, std::size_t start) {
  std::size_t end = start;
  while (end < html.size() && end - start < 16) {
    const char c = html[end];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>') {
      break;
    }
    ++end;
  }
  return html.substr(start, end - start);
}

bool equals_lower(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c =
        (text[i] >= 'A' && text[i] <= 'Z') ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
    if (c != lower[i]) {
      return false;
    }
  }
  return true;
}

/// Void elements never stay open; the others here are closed by their next sibling, so neither
/// kind deepens the stack of open elements.
bool is_uncounted_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 37> names = {
      "area",     "base",    "br",     "col",      "embed", "hr",     "img",   "image",
      "input",    "keygen",  "link",   "meta",     "param", "source", "track", "wbr",
      "p",        "li",      "dt",     "dd",       "tr",    "td",     "th",    "tbody",
      "thead",    "tfoot",   "option", "optgroup", "rb",    "rt",     "rp",    "rtc",
      "colgroup", "caption", "html",   "head",     "body"};
  for (std::string_view candidate : names) {
    if (equals_lower(name, candidate)) {
      return true;
    }
  }
  return false;
}

bool is_formatting_tag(std::string_view lower_name) {
  static constexpr std::array<std::string_view, 14> names = {
      "a",    "b", "big",   "code",   "em",     "font", "i",
      "nobr", "s", "small", "strike", "strong", "tt",   "u"};
  return std::find(names.begin(), names.end(), lower_name) != names.end();
}

/// An approximation of the tree builder's stack of open elements.
class OpenTags {
 public:
  explicit OpenTags(const NestingLimits& limits) : limits_(limits) {}

  /// Records a start tag; false when it would exceed a limit.
  bool open(std::string_view name) {
    std::string lower = ascii_lower(name);
    const bool formatting = is_formatting_tag(lower);
    if (tags_.size() >= limits_.max_unclosed ||
        (formatting && formatting_ >= limits_.max_unclosed_formatting)) {
      return false;
    }
    formatting_ += formatting ? 1 : 0;
    tags_.push_back(std::move(lower));
    return true;
  }

  /// Pops the nearest open tag called `name` and everything above it, like the tree builder;
  /// only the top few entries are searched so a flood of stray end tags stays linear. Not
  /// finding it leaves the count high, which errs on the safe side.
  void close(std::string_view name) {
    const std::string lower = ascii_lower(name);
    const std::size_t searched = std::min<std::size_t>(tags_.size(), 16);
    for (std::size_t i = 0; i < searched; ++i) {
      if (tags_[tags_.size() - 1 - i] == lower) {
        pop(i + 1);
        return;
      }
    }
  }

 private:
  void pop(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      formatting_ -= is_formatting_tag(tags_.back()) ? 1 : 0;
      tags_.pop_back();
    }
  }

  const NestingLimits& limits_;
  std::vector<std::string> tags_;
  std::size_t formatting_ = 0;
};

}  // namespace

std::optional<std::string> escape_excess_nesting(std::string_view html,
                                                 const NestingLimits& limits) {
  std::optional<std::string> rewritten;
  OpenTags open(limits);
  std::size_t copied = 0;
  for (std::size_t i = html.find('<'); i != std::string_view::npos && i + 1 < html.size();
       i = html.find('<', i + 1)) {
    const bool end_tag = html[i + 1] == '/';
    const std::size_t name_start = i + (end_tag ? 2 : 1);
    if (name_start >= html.size() || !is_ascii_alpha(html[name_start])) {
      continue;
    }
    const std::string_view name = tag_name_at(html, name_start);
    if (is_uncounted_tag(name)) {
      continue;
    }
    if (end_tag) {
      open.close(name);
    } else if (!open.open(name)) {
      if (!rewritten) {
        rewritten.emplace();
        rewritten->reserve(html.size() + html.size() / 4);
      }
      rewritten->append(html.substr(copied, i - copied)).append("&lt;");
      copied = i + 1;
    }
  }
  if (rewritten) {
    rewritten->append(html.substr(copied));
  }
  return rewritten;
}

}  // namespace feeds::detail
