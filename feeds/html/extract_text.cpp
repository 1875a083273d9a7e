#include "feeds/html/extract_text.hpp"

#include <algorithm>
#include <string_view>

#include "feeds/html/extract_dom.hpp"
#include "feeds/html/tree_walk.hpp"

namespace feeds::detail {
namespace {

enum Break { none = 0, line = 1, paragraph = 2 };

Break break_of(pugi::xml_node node) {
  if (name_in(node, {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol",
                     "dl", "table", "figure", "hr", "header", "footer", "section", "article",
                     "main", "aside", "nav", "address", "details", "form", "fieldset", "center"})) {
    return paragraph;
  }
  if (name_in(node, {"div", "li", "tr", "dt", "dd", "figcaption", "caption", "summary", "legend",
                     "body", "img", "label", "menu", "dialog", "hgroup"})) {
    return line;
  }
  return none;
}

bool is_invisible(pugi::xml_node node) {
  return name_in(node, {"script", "style", "noscript", "template", "title", "svg", "iframe",
                        "object", "embed", "canvas", "select", "textarea", "audio", "video",
                        "button", "input", "head"});
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

class TextBuilder {
 public:
  void add_text(std::string_view text, bool preformatted) {
    for (char c : text) {
      if (!preformatted && is_ascii_space(c)) {
        pending_space_ = true;
        continue;
      }
      flush();
      out_ += c;
    }
  }
  void add_break(Break level) {
    if (level == none) return;
    pending_break_ = std::max(pending_break_, static_cast<int>(level));
    pending_space_ = false;
  }
  void add_space() { pending_space_ = true; }
  void add_line_break() {
    flush();
    if (!out_.empty()) ensure_newlines(trailing_newlines() + 1);
    pending_space_ = false;
  }
  std::string finish() {
    while (!out_.empty() && is_ascii_space(out_.back())) out_.pop_back();
    return std::move(out_);
  }

 private:
  std::size_t trailing_newlines() const {
    std::size_t count = 0;
    while (count < out_.size() && out_[out_.size() - 1 - count] == '\n') ++count;
    return count;
  }
  void ensure_newlines(std::size_t wanted) {
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\t')) out_.pop_back();
    for (std::size_t have = trailing_newlines(); have < std::min<std::size_t>(wanted, 2); ++have) {
      out_ += '\n';
    }
  }
  void flush() {
    if (pending_break_ != none) {
      if (!out_.empty()) ensure_newlines(static_cast<std::size_t>(pending_break_));
      pending_break_ = none;
      pending_space_ = false;
    }
    if (pending_space_ && !out_.empty() && out_.back() != '\n') out_ += ' ';
    pending_space_ = false;
  }

  std::string out_;
  int pending_break_ = none;
  bool pending_space_ = false;
};

}  // namespace

std::string block_text(pugi::xml_node root) {
  TextBuilder builder;
  int preformatted = 0;
  const auto enter = [&](pugi::xml_node node) {
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      builder.add_text(node.value(), preformatted > 0);
      return false;
    }
    if (!is_element(node) || is_invisible(node)) return false;
    if (has_name(node, "br")) builder.add_line_break();
    if (has_name(node, "pre")) ++preformatted;
    builder.add_break(break_of(node));
    if (name_in(node, {"td", "th"})) builder.add_space();
    return true;
  };
  const auto leave = [&](pugi::xml_node node) {
    if (has_name(node, "pre")) --preformatted;
    builder.add_break(break_of(node));
    if (name_in(node, {"td", "th"})) builder.add_space();
  };
  walk_tree(root, enter, leave);
  return builder.finish();
}

}  // namespace feeds::detail
