#include "feeds/parse/lenient_xml.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "feeds/parse/xml_references.hpp"

namespace feeds::lenient_xml {
namespace {

constexpr auto npos = std::string_view::npos;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool ends_name(char c) { return is_space(c) || c == '>' || c == '/' || c == '<' || c == '='; }

bool is_blank(std::string_view text) {
  for (char c : text)
    if (!is_space(c)) return false;
  return true;
}

struct OpenElement {
  pugi::xml_node node;
  std::string_view name;
};

class Parser {
public:
  Parser(std::string_view text, pugi::xml_document& document, std::size_t max_depth)
      : text_(text), document_(document), max_depth_(max_depth) {}

  Outcome run() {
    while (pos_ < text_.size()) {
      if (text_[pos_] != '<' || !starts_markup(pos_)) {
        read_text();
      } else if (text_.substr(pos_, 4) == "<!--") {
        skip_past("-->", 4);
      } else if (text_.substr(pos_, 9) == "<![CDATA[") {
        read_cdata();
      } else if (text_.substr(pos_, 2) == "<!") {
        skip_declaration();
      } else if (text_.substr(pos_, 2) == "<?") {
        skip_past("?>", 2);
      } else if (text_[pos_ + 1] == '/') {
        read_end_tag();
      } else if (!read_start_tag()) {
        return Outcome::too_deep;
      }
    }
    return Outcome::ok;
  }

private:
  bool starts_markup(std::size_t at) const {
    if (at + 1 >= text_.size()) return false;
    char next = text_[at + 1];
    return is_name_start(next) || next == '/' || next == '!' || next == '?';
  }

  pugi::xml_node parent() { return open_.empty() ? pugi::xml_node(document_) : open_.back().node; }

  void skip_past(std::string_view terminator, std::size_t opener_length) {
    std::size_t end = text_.find(terminator, pos_ + opener_length);
    pos_ = end == npos ? text_.size() : end + terminator.size();
  }

  // <!DOCTYPE ... [ internal subset ] >: skipped whole, entity declarations included, so
  // nothing is ever expanded (security.md row 27).
  void skip_declaration() {
    char quote = 0;
    int brackets = 0;
    for (++pos_; pos_ < text_.size(); ++pos_) {
      char c = text_[pos_];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        ++brackets;
      } else if (c == ']') {
        brackets = brackets > 0 ? brackets - 1 : 0;
      } else if (c == '>' && brackets == 0) {
        ++pos_;
        return;
      }
    }
  }

  void read_text() {
    std::size_t end = pos_ + 1;
    while ((end = text_.find('<', end)) != npos && !starts_markup(end)) ++end;
    if (end == npos) end = text_.size();
    std::string_view raw = text_.substr(pos_, end - pos_);
    pos_ = end;
    if (open_.empty() || is_blank(raw)) return;
    buffer_.clear();
    xml_references::append_decoded(buffer_, raw);
    normalize_line_ends(buffer_);
    parent().append_child(pugi::node_pcdata).set_value(buffer_.data(), buffer_.size());
  }

  void read_cdata() {
    std::size_t start = pos_ + 9;
    std::size_t end = text_.find("]]>", start);
    std::string_view content = text_.substr(start, end == npos ? npos : end - start);
    pos_ = end == npos ? text_.size() : end + 3;
    if (open_.empty()) return;
    parent().append_child(pugi::node_cdata).set_value(content.data(), content.size());
  }

  std::string_view read_name() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && !ends_name(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  void skip_spaces() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }

  void read_end_tag() {
    pos_ += 2;
    std::string_view name = read_name();
    std::size_t close = text_.find('>', pos_);
    pos_ = close == npos ? text_.size() : close + 1;
    auto found = open_counts_.find(name);
    if (found == open_counts_.end() || found->second == 0) return;
    while (!open_.empty()) {
      std::string_view popped = open_.back().name;
      pop();
      if (popped == name) return;
    }
  }

  void pop() {
    --open_counts_[open_.back().name];
    open_.pop_back();
  }

  bool read_start_tag();
  std::string_view read_attribute_value();
  void read_attributes(pugi::xml_node element, bool& self_closing);
  static void normalize_line_ends(std::string& text);

  std::string_view text_;
  pugi::xml_document& document_;
  std::size_t max_depth_;
  std::size_t pos_ = 0;
  std::vector<OpenElement> open_;
  std::unordered_map<std::string_view, std::size_t> open_counts_;
  std::string buffer_;
};

// XML 1.0 §2.11: CR LF and lone CR become LF, as pugixml's parse_eol does.
void Parser::normalize_line_ends(std::string& text) {
  if (text.find('\r') == std::string::npos) return;
  std::size_t out = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      text[out++] = '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      text[out++] = text[i];
    }
  }
  text.resize(out);
}

bool Parser::read_start_tag() {
  ++pos_;
  std::string_view name = read_name();
  if (open_.size() + 1 > max_depth_) return false;
  buffer_.assign(name);
  pugi::xml_node element = parent().append_child(pugi::node_element);
  element.set_name(buffer_.c_str());
  bool self_closing = false;
  read_attributes(element, self_closing);
  if (!self_closing) {
    open_.push_back({element, name});
    ++open_counts_[name];
  }
  return true;
}

void Parser::read_attributes(pugi::xml_node element, bool& self_closing) {
  while (true) {
    skip_spaces();
    if (pos_ >= text_.size() || text_[pos_] == '<') return;
    if (text_[pos_] == '>') {
      ++pos_;
      return;
    }
    if (text_.substr(pos_, 2) == "/>") {
      pos_ += 2;
      self_closing = true;
      return;
    }
    std::string_view name = read_name();
    if (name.empty()) {
      ++pos_;  // a stray '/' or '=' inside the tag
      continue;
    }
    skip_spaces();
    std::string_view raw;
    if (pos_ < text_.size() && text_[pos_] == '=') {
      ++pos_;
      skip_spaces();
      raw = read_attribute_value();
    }
    buffer_.assign(name);
    pugi::xml_attribute attribute = element.append_attribute(buffer_.c_str());
    buffer_.clear();
    xml_references::append_decoded(buffer_, raw);
    for (char& c : buffer_)
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    attribute.set_value(buffer_.data(), buffer_.size());
  }
}

std::string_view Parser::read_attribute_value() {
  if (pos_ >= text_.size()) return {};
  char quote = text_[pos_];
  if (quote == '"' || quote == '\'') {
    std::size_t close = text_.find(quote, pos_ + 1);
    // An unterminated quote ends at the tag's '>' rather than swallowing the document.
    std::size_t end = close != npos ? close : text_.find('>', pos_ + 1);
    if (end == npos) end = text_.size();
    std::string_view value = text_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = close != npos ? close + 1 : end;
    return value;
  }
  std::size_t start = pos_;
  while (pos_ < text_.size() && !is_space(text_[pos_]) && text_[pos_] != '>') ++pos_;
  return text_.substr(start, pos_ - start);
}

}  // namespace

Outcome parse(std::string_view text, pugi::xml_document& document, std::size_t max_depth) {
  return Parser(text, document, max_depth).run();
}

}  // namespace feeds::lenient_xml
