#pragma once
/// Serializes what the sanitizer keeps. Shared by the gumbo path and the fast path so that
/// both write byte-identical HTML for the same decisions.

#include <string>
#include <string_view>

#include "feeds/html/sanitize_element.hpp"
#include "feeds/html/text_rules.hpp"

namespace feeds::detail {

/// Appends sanitized text, start and end tags to an HTML string; optionally also collects the
/// plain text that html_to_text would find in that HTML.
class SanitizedWriter {
 public:
  /// `plain_text`, when not null, receives the text and a space at every element that
  /// separates words.
  explicit SanitizedWriter(CollapsingText* plain_text = nullptr) : plain_text_(plain_text) {}

  /// The text of one text node, escaped.
  void text(std::string_view text);
  /// A kept element's start tag with its sanitized attributes.
  void start_tag(std::string_view name, const SanitizedElement& element);
  void end_tag(std::string_view name);

  /// True when a text began with a newline right after <pre>: a reparse would eat it, so this
  /// output is not a fixed point.
  bool has_unstable_newline() const { return unstable_newline_; }

  /// Room for `bytes` of output, so writing it does not grow the string step by step.
  void reserve(std::size_t bytes) { out_.reserve(bytes); }
  std::string take_output() { return std::move(out_); }

 private:
  void note_text_break(std::string_view name);

  std::string out_;
  CollapsingText* plain_text_;
  bool after_pre_start_ = false;
  bool unstable_newline_ = false;
};

}  // namespace feeds::detail
