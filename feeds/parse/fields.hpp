#pragma once
/// Field conversions shared by the format adapters: the text rules of parse-output.md §6,
/// URL fields (§7), RSS person strings (§4) and the caps of security.md §2 row 31.

#include <optional>
#include <string>
#include <string_view>

#include "feeds/model/feed.hpp"
#include "feeds/parse/feed_parser.hpp"

namespace feeds {

/// How a field's text is to be read.
enum class TextKind { text, html, xhtml };

/// Plain text of a field: HTML is stripped, text is whitespace-collapsed; empty → nullopt.
std::optional<std::string> plain_text(std::string_view raw, TextKind kind);

/// RSS fields are untyped: HTML when the text looks like markup or an entity (§6).
std::optional<std::string> untyped_plain_text(std::string_view raw);

/// Item content: its HTML and the plain text of that HTML (each nullopt when empty).
struct ContentFields {
  std::optional<std::string> html;
  std::optional<std::string> text;  ///< html_to_text(html)
  /// `text` is also plain_text of the raw HTML (SanitizedHtml::text_is_input_text).
  bool text_is_raw_text = false;
};

/// Sanitized HTML for content and its text: `text` kinds are HTML-escaped, others sanitized
/// against `base` (one pass for both when the HTML is plain).
ContentFields content_fields(std::string_view raw, TextKind kind, std::string_view base);

/// A URL field resolved against `base` and checked against the scheme allowlist.
std::optional<std::string> url_field(std::string_view raw, std::string_view base);

/// An RSS author string: "jane@example.com (Jane Doe)", "Jane Doe <jane@example.com>",
/// a bare e-mail address, or a plain name.
Person parse_person_text(std::string_view text);

/// Adds `person` unless all its fields are empty or an equal entry is already there.
void add_person(std::vector<Person>& people, Person person);

/// Adds a tag: trimmed, whitespace-collapsed, empty dropped, duplicates dropped.
void add_tag(std::vector<std::string>& tags, std::string_view tag);

/// Adds an attachment unless its URL is empty or already listed.
void add_attachment(std::vector<Attachment>& attachments, Attachment attachment);

/// size_in_bytes: a positive decimal integer, else nullopt.
std::optional<std::int64_t> parse_length(std::string_view text);

/// Where an item's content_text came from: the text of its content_html (ContentFields), or a
/// text of its own (JSON Feed's content_text).
enum class ContentTextSource { html, own };

/// The id fallback and caps every adapter applies last (parse-output.md §4 "id fallback"),
/// and Item::summary_is_content_text.
void finish_item(Item& item, const ParseLimits& limits,
                 ContentTextSource text_source = ContentTextSource::html);

/// Cuts `text` to at most `max_bytes` on a UTF-8 character boundary.
void truncate_utf8(std::string& text, std::size_t max_bytes);

/// Trims ASCII whitespace from both ends.
std::string_view trim(std::string_view text);
/// A view into a temporary string would dangle: keep the string in a variable first.
std::string_view trim(std::string&& text) = delete;
inline std::string_view trim(const char* text) { return trim(std::string_view(text)); }
inline std::string_view trim(const std::string& text) { return trim(std::string_view(text)); }

}  // namespace feeds
