#pragma once
/// The structural half of the fast paths: accepts a sequence of start and end tags only when
/// the HTML5 tree builder provably builds exactly the tree the tags spell out, so the fast
/// paths can walk the tags instead of a gumbo tree.
///
/// Accepted: a vetted set of elements with simple content models (phrasing elements, the
/// common block elements, lists, figure, pre, media, custom elements whose name has '-' or
/// ':', and the raw-text elements script, style and iframe); every end tag closes the current
/// element; void elements are never closed. Refused: anything that makes the tree builder
/// close, move or re-open elements (a block element inside an open p, li outside ul/ol, dt/dd
/// outside dl, a inside a, a heading inside a heading, tables, forms, foreign content, ...),
/// <base> (it changes every URL), and nesting deeper than `max_depth`.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace feeds::detail {

/// What the fast paths need to know about an accepted element.
struct PlainElement {
  bool is_void = false;      ///< no end tag, no children
  bool is_raw_text = false;  ///< content is text up to its end tag (script, style, iframe)
};

/// Tracks the open elements of a fragment read by the fast paths.
class PlainTreeChecker {
 public:
  /// Deeper nesting is left to gumbo: this stays clear of dom.hpp's nesting guard (32 unclosed
  /// formatting elements) and of its depth cap.
  static constexpr std::size_t max_depth = 32;

  /// Records a start tag; nullopt when the element is outside the accepted set or the tree
  /// builder would not put it where the tags say. Void and raw-text elements are not left
  /// open (the caller skips raw text itself).
  std::optional<PlainElement> open(std::string_view name, bool self_closing);

  /// Records an end tag; false unless it closes the current element.
  bool close(std::string_view name);

  /// Number of open elements.
  std::size_t depth() const { return open_.size(); }

  /// Name of the open element at `index` (0 is the outermost).
  std::string_view open_name(std::size_t index) const { return open_[index].name; }

  /// True right after the start tag of a <pre>: the tree builder drops a newline that follows.
  bool eats_next_newline() const { return eats_next_newline_; }

  /// Call for every text token, so eats_next_newline() applies to the next token only.
  void note_text() { eats_next_newline_ = false; }

 private:
  struct OpenElement {
    std::string name;
    std::uint16_t flags;
  };

  bool fits_content_model(std::uint16_t flags) const;

  std::vector<OpenElement> open_;
  std::size_t open_paragraphs_ = 0;
  std::size_t open_links_ = 0;
  std::size_t open_headings_ = 0;
  bool eats_next_newline_ = false;
};

}  // namespace feeds::detail
