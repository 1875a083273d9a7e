#pragma once
/// Which elements html_to_text treats specially; shared by its gumbo path and its fast path.

#include <string>
#include <string_view>

namespace feeds::detail {

/// Elements whose content is never text (script, style, noscript, template).
bool is_hidden_content(std::string_view name);

/// Elements that separate words when rendered (parse-output.md §6: "block elements as
/// whitespace").
bool is_text_break(std::string_view name);

/// Builds collapse_whitespace of a text given in pieces (each made of whole characters).
class CollapsingText {
 public:
  void append(std::string_view text);
  /// Whitespace between the pieces around it; none at the start or the end.
  void add_space() { pending_space_ = !out_.empty(); }
  /// Room for `bytes` of text, so building it does not grow the string step by step.
  void reserve(std::size_t bytes) { out_.reserve(bytes); }
  std::string take() { return std::move(out_); }

 private:
  /// Character by character: for text with whitespace to collapse inside it.
  void append_each(std::string_view text);

  std::string out_;
  bool pending_space_ = false;
};

/// html_to_text without its fast path (gumbo parse and walk).
std::string html_to_text_with_gumbo(std::string_view html);

}  // namespace feeds::detail
