#include "feeds/html/fast_sanitize.hpp"

#include <algorithm>
#include <vector>

#include "feeds/html/html_tokenizer.hpp"
#include "feeds/html/plain_tree.hpp"
#include "feeds/html/sanitize_element.hpp"
#include "feeds/html/sanitize_writer.hpp"
#include "feeds/html/text.hpp"
#include "feeds/html/text_rules.hpp"

namespace feeds::detail {
namespace {

/// The text of a text token as the tree builder stores it: without the newline it eats right
/// after <pre>.
std::string_view tree_text(std::string_view text, PlainTreeChecker& tree) {
  if (tree.eats_next_newline() && text.starts_with('\n')) {
    text.remove_prefix(1);
  }
  tree.note_text();
  return text;
}

/// The sanitizer's walk (sanitize.cpp SanitizeWalk) done on the tokens of plain HTML.
class FastSanitizer {
 public:
  FastSanitizer(std::string_view html, std::string_view base, const SanitizeOptions& options)
      : tokenizer_(html), base_(base), options_(options), writer_(&text_) {
    // Sanitizing keeps most of the input: one allocation each instead of a doubling series.
    writer_.reserve(html.size());
    text_.reserve(html.size());
  }

  /// False when the input is not plain or the result would not be a fixed point.
  bool run() {
    while (true) {
      tokenizer_.next(token_);
      switch (token_.kind) {
        case TokenKind::text: add_text(); break;
        case TokenKind::start_tag:
          if (!add_start_tag()) return false;
          break;
        case TokenKind::end_tag:
          if (!add_end_tag()) return false;
          break;
        case TokenKind::end_of_input: return finish();
        case TokenKind::unsupported: return false;
      }
    }
  }

  SanitizedHtml take_result() { return {writer_.take_output(), text_.take(), kept_everything_}; }

 private:
  bool dropping() const { return dropped_at_depth_ != 0; }

  void add_text() {
    const std::string_view text = tree_text(token_.text, tree_);
    if (!dropping()) {
      writer_.text(text);
    }
  }

  bool add_start_tag() {
    const std::string_view name = token_.name;
    const std::optional<PlainElement> element = tree_.open(name, token_.self_closing);
    if (!element || (element->is_raw_text && !tokenizer_.skip_raw_text(name))) {
      return false;
    }
    const bool stays_open = !element->is_void && !element->is_raw_text;
    // html_to_text of the input would also see this raw text, or this element's text or break.
    if (element->is_raw_text || dropping()) kept_everything_ = false;
    if (dropping()) {
      if (stays_open) emits_end_tag_.push_back(false);
      return true;
    }
    attributes_.clear();
    for (const TagAttribute& attribute : token_.attributes()) {
      attributes_.push_back({attribute.name, attribute.value});
    }
    const SanitizedElement sanitized = sanitize_element(name, attributes_, base_, options_);
    const bool keep = sanitized.action == ElementAction::keep;
    if (!keep) kept_everything_ = false;
    // Raw text of an unwrapped element would become text; kept elements must come out the
    // same when sanitized again, or the gumbo path would iterate to something else.
    if ((element->is_raw_text && sanitized.action == ElementAction::unwrap) ||
        (keep && !is_stable(name, sanitized))) {
      return false;
    }
    if (stays_open) {
      emits_end_tag_.push_back(keep);
      dropped_at_depth_ = sanitized.action == ElementAction::drop ? tree_.depth() : 0;
    }
    if (keep) {
      writer_.start_tag(name, sanitized);
      if (element->is_raw_text) writer_.end_tag(name);
    }
    return true;
  }

  bool is_stable(std::string_view name, const SanitizedElement& sanitized) {
    // Attributes that came out as they went in would be sanitized by the same call again.
    if (std::ranges::equal(sanitized.attributes, attributes_, [](const auto& out, const auto& in) {
          return out.first == in.name && out.second == in.value;
        }))
      return true;
    attributes_.clear();
    for (const auto& [attribute, value] : sanitized.attributes) {
      attributes_.push_back({attribute, value});
    }
    const SanitizedElement again = sanitize_element(name, attributes_, base_, options_);
    return again.action == ElementAction::keep && again.attributes == sanitized.attributes;
  }

  bool add_end_tag() {
    if (!tree_.close(token_.name)) {
      return false;
    }
    const bool emit = emits_end_tag_.back();
    emits_end_tag_.pop_back();
    if (dropped_at_depth_ > tree_.depth()) {
      dropped_at_depth_ = 0;
    }
    if (emit) {
      writer_.end_tag(token_.name);
    }
    return true;
  }

  /// Elements still open at the end are closed there, as the tree builder does.
  bool finish() {
    for (std::size_t i = tree_.depth(); i-- > 0;) {
      if (emits_end_tag_[i]) {
        writer_.end_tag(tree_.open_name(i));
      }
    }
    return !writer_.has_unstable_newline();
  }

  PlainHtmlTokenizer tokenizer_;
  std::string_view base_;
  const SanitizeOptions& options_;
  HtmlToken token_;
  PlainTreeChecker tree_;
  std::vector<bool> emits_end_tag_;  // per open element: kept, so its end tag is written
  std::size_t dropped_at_depth_ = 0;  // depth of the element being dropped; 0: none
  bool kept_everything_ = true;       // no element unwrapped or dropped, no raw text element
  std::vector<RawAttribute> attributes_;
  CollapsingText text_;
  SanitizedWriter writer_;
};

/// html_to_text's walk (text.cpp) done on the tokens of plain HTML.
class FastText {
 public:
  explicit FastText(std::string_view html) : tokenizer_(html) { text_.reserve(html.size()); }

  bool run() {
    while (true) {
      tokenizer_.next(token_);
      switch (token_.kind) {
        case TokenKind::text: text_.append(tree_text(token_.text, tree_)); break;
        case TokenKind::start_tag:
          if (!add_start_tag()) return false;
          break;
        case TokenKind::end_tag:
          if (!tree_.close(token_.name)) return false;
          add_break(token_.name);
          break;
        case TokenKind::end_of_input: return true;
        case TokenKind::unsupported: return false;
      }
    }
  }

  std::string take_text() { return text_.take(); }

 private:
  bool add_start_tag() {
    const std::string_view name = token_.name;
    const std::optional<PlainElement> element = tree_.open(name, token_.self_closing);
    if (!element) {
      return false;
    }
    if (element->is_raw_text) {
      std::string_view content;
      // iframe content is text to html_to_text; decoding it exactly is gumbo's job.
      if (!tokenizer_.skip_raw_text(name, &content) || (!is_hidden_content(name) && !content.empty())) {
        return false;
      }
    }
    if (!is_hidden_content(name)) {
      add_break(name);
    }
    return true;
  }

  void add_break(std::string_view name) {
    if (is_text_break(name)) {
      text_.add_space();
    }
  }

  PlainHtmlTokenizer tokenizer_;
  HtmlToken token_;
  PlainTreeChecker tree_;
  CollapsingText text_;
};

}  // namespace

std::optional<SanitizedHtml> fast_sanitize_html(std::string_view html, std::string_view base,
                                                const SanitizeOptions& options) {
  FastSanitizer sanitizer(html, base, options);
  if (!sanitizer.run()) {
    return std::nullopt;
  }
  return sanitizer.take_result();
}

std::optional<std::string> fast_html_to_text(std::string_view html) {
  FastText text(html);
  if (!text.run()) {
    return std::nullopt;
  }
  return text.take_text();
}

}  // namespace feeds::detail
