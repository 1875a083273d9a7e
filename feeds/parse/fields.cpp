#include "feeds/parse/fields.hpp"

#include <algorithm>
#include <charconv>

#include "feeds/hex_digest.hpp"
#include "feeds/html/sanitize.hpp"
#include "feeds/html/text.hpp"
#include "feeds/parse/date.hpp"
#include "feeds/url/resolve.hpp"

namespace feeds {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::optional<std::string> non_empty(std::string text) {
  if (text.empty()) return std::nullopt;
  return text;
}

bool looks_like_email(std::string_view text) {
  auto at = text.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < text.size() &&
         std::none_of(text.begin(), text.end(), [](char c) { return is_space(c); });
}

void cap(std::optional<std::string>& field, std::size_t max_bytes) {
  if (field && field->size() > max_bytes) truncate_utf8(*field, max_bytes);
}

// content_text is html_to_text(content_html) while neither is cut by a cap.
bool text_of_whole_html(const Item& item, const ParseLimits& limits, ContentTextSource source) {
  return source == ContentTextSource::html && item.content_html && item.content_text &&
         item.content_html->size() <= limits.max_content_bytes &&
         item.content_text->size() <= limits.max_content_bytes;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<std::string> plain_text(std::string_view raw, TextKind kind) {
  if (kind == TextKind::text) return non_empty(collapse_whitespace(raw));
  return non_empty(html_to_text(raw));
}

std::optional<std::string> untyped_plain_text(std::string_view raw) {
  return plain_text(raw, looks_like_html(raw) ? TextKind::html : TextKind::text);
}

ContentFields content_fields(std::string_view raw, TextKind kind, std::string_view base) {
  if (trim(raw).empty()) return {};
  if (kind == TextKind::text) {
    std::string html = escape_html(raw);
    std::string text = html_to_text(html);
    return {std::move(html), non_empty(std::move(text))};
  }
  SanitizedHtml sanitized = sanitize_html_with_text(raw, base);
  if (sanitized.html.empty()) return {};
  return {std::move(sanitized.html), non_empty(std::move(sanitized.text)), sanitized.text_is_input_text};
}

std::optional<std::string> url_field(std::string_view raw, std::string_view base) {
  auto value = trim(raw);
  if (value.empty()) return std::nullopt;
  return resolve_safe_url(base, value);
}

Person parse_person_text(std::string_view text) {
  auto value = trim(text);
  Person person;
  if (value.empty()) return person;
  auto open = value.find('(');
  auto close = value.rfind(')');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    auto outside = trim(value.substr(0, open));
    auto inside = trim(value.substr(open + 1, close - open - 1));
    if (looks_like_email(outside)) {
      person.email = std::string(outside);
      if (!inside.empty()) person.name = collapse_whitespace(inside);
      return person;
    }
    if (looks_like_email(inside)) {  // "Jane Doe (jane@example.com)"
      person.email = std::string(inside);
      if (!outside.empty()) person.name = collapse_whitespace(outside);
      return person;
    }
  }
  auto lt = value.find('<');
  auto gt = value.rfind('>');
  if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt) {
    auto inside = trim(value.substr(lt + 1, gt - lt - 1));
    if (looks_like_email(inside)) {
      person.email = std::string(inside);
      auto name = trim(value.substr(0, lt));
      if (!name.empty()) person.name = collapse_whitespace(name);
      return person;
    }
  }
  if (looks_like_email(value)) {
    person.email = std::string(value);
    return person;
  }
  person.name = collapse_whitespace(value);
  return person;
}

void add_person(std::vector<Person>& people, Person person) {
  if (!person.name && !person.url && !person.email) return;
  if (std::find(people.begin(), people.end(), person) != people.end()) return;
  people.push_back(std::move(person));
}

void add_tag(std::vector<std::string>& tags, std::string_view tag) {
  auto value = collapse_whitespace(tag);
  if (value.empty()) return;
  if (std::find(tags.begin(), tags.end(), value) != tags.end()) return;
  tags.push_back(std::move(value));
}

void add_attachment(std::vector<Attachment>& attachments, Attachment attachment) {
  if (attachment.url.empty()) return;
  for (const auto& existing : attachments)
    if (existing.url == attachment.url) return;
  attachments.push_back(std::move(attachment));
}

std::optional<std::int64_t> parse_length(std::string_view text) {
  auto value = trim(text);
  std::int64_t length = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
  if (ec != std::errc() || end != value.data() + value.size() || length <= 0) return std::nullopt;
  return length;
}

void truncate_utf8(std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
}

void finish_item(Item& item, const ParseLimits& limits, ContentTextSource text_source) {
  const bool text_of_html = text_of_whole_html(item, limits, text_source);
  cap(item.title, limits.max_title_bytes);
  cap(item.url, limits.max_url_bytes);
  cap(item.content_html, limits.max_content_bytes);
  cap(item.content_text, limits.max_content_bytes);
  cap(item.summary, limits.max_content_bytes);
  item.summary_is_content_text = text_of_html && item.summary == item.content_text;
  if (item.id && trim(*item.id).empty()) item.id.reset();
  if (!item.id && item.url) item.id = item.url;
  if (!item.id) {
    std::string published = item.date_published ? format_rfc3339(*item.date_published) : "";
    std::string key = item.title.value_or("") + '\x1f' + published + '\x1f' + item.summary.value_or("");
    item.id = "urn:x-hash:" + hex_sha1(key);
  }
  cap(item.id, limits.max_url_bytes);
}

}  // namespace feeds
