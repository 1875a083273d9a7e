#pragma once
/// A strict HTML tokenizer for the plain subset that the fast paths of sanitize_html and
/// html_to_text accept. Within the subset it yields exactly the tokens (and decoded characters)
/// the HTML5 tokenizer, as gumbo implements it, would; on anything else it reports
/// `unsupported` so the caller can fall back to gumbo.
///
/// The subset: UTF-8 without C0 controls other than tab and newline (no NUL, no CR), without
/// C1 controls and noncharacters (gumbo rewrites those); '<' only as the start of a tag
/// `<name ...>` or `</name>`; no comments, doctypes, CDATA or processing instructions; tag and
/// attribute names of ASCII letters, digits and a few punctuation marks; attribute values
/// quoted without '<', or unquoted of plain characters; no repeated attribute; '/' only as
/// `/>`; '&' only as `&name;` (a name of the HTML5 table), `&#N;`, `&#xH;` for an ordinary
/// code point, or followed by whitespace, '<', '&' or the end (a literal '&').

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace feeds::detail {

/// One attribute of a start tag.
struct TagAttribute {
  std::string name;   ///< lower-case
  std::string value;  ///< character references decoded
};

enum class TokenKind {
  text,          ///< characters up to the next tag (never empty)
  start_tag,     ///< name, attributes, self_closing
  end_tag,       ///< name
  end_of_input,  ///< nothing left
  unsupported    ///< the input leaves the plain subset here
};

/// A token; reused between calls so attribute strings keep their capacity.
struct HtmlToken {
  TokenKind kind = TokenKind::end_of_input;
  std::string_view text;  ///< text: decoded characters (valid until the next call)
  std::string name;  ///< tags: lower-case name
  bool self_closing = false;

  std::span<const TagAttribute> attributes() const { return {attributes_.data(), count_}; }

 private:
  friend class PlainHtmlTokenizer;
  std::vector<TagAttribute> attributes_;
  std::size_t count_ = 0;
  std::string decoded_;  // text with character references
};

/// Splits the plain subset of HTML into tokens.
class PlainHtmlTokenizer {
 public:
  explicit PlainHtmlTokenizer(std::string_view html) : html_(html) {}

  /// Reads the next token into `token`.
  void next(HtmlToken& token);

  /// Call right after the start tag of a raw-text element (script, style, iframe): skips its
  /// content (stored in `content` when given, undecoded) and its end tag. False when the
  /// content holds a '<' that is not that end tag (script escapes, nested markup) or the end
  /// tag is missing.
  bool skip_raw_text(std::string_view name, std::string_view* content = nullptr);

 private:
  bool read_text(HtmlToken& token);
  bool read_tag(HtmlToken& token);
  bool read_attributes(HtmlToken& token);
  bool read_attribute_value(std::string& out);
  bool read_reference(std::string& out, bool in_attribute);
  bool skip_characters(char stop);
  std::string_view read_name();
  void skip_whitespace();

  std::string_view html_;
  std::size_t position_ = 0;
};

}  // namespace feeds::detail
