// bytes → feeds::parse_feed. Properties: no crash, every output string is valid UTF-8, the item
// count respects the cap (security.md §4, fuzz_feed), and an item whose summary storage will
// derive from its content has exactly that text as its summary.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/html/text.hpp"
#include "feeds/parse/feed_parser.hpp"
#include "fuzz_check.hpp"

namespace {

// A small cap so the fuzzer can actually reach it.
constexpr std::size_t kMaxItems = 64;

void check_text(const std::string& text, const char* field) {
  fuzz::check(fuzz::is_valid_utf8(text), field, text);
}

void check_text(const std::optional<std::string>& text, const char* field) {
  if (text) check_text(*text, field);
}

void check_people(const std::vector<feeds::Person>& people) {
  for (const auto& person : people) {
    check_text(person.name, "author name is valid UTF-8");
    check_text(person.url, "author url is valid UTF-8");
    check_text(person.email, "author email is valid UTF-8");
  }
}

void check_item(const feeds::Item& item) {
  check_text(item.id, "item id is valid UTF-8");
  check_text(item.url, "item url is valid UTF-8");
  check_text(item.title, "item title is valid UTF-8");
  check_text(item.content_html, "item content_html is valid UTF-8");
  check_text(item.content_text, "item content_text is valid UTF-8");
  check_text(item.summary, "item summary is valid UTF-8");
  check_text(item.orig_link, "item orig_link is valid UTF-8");
  check_text(item.comments_url, "item comments_url is valid UTF-8");
  check_people(item.authors);
  for (const auto& tag : item.tags) check_text(tag, "item tag is valid UTF-8");
  for (const auto& attachment : item.attachments) {
    check_text(attachment.url, "attachment url is valid UTF-8");
    check_text(attachment.mime_type, "attachment mime_type is valid UTF-8");
  }
  if (item.summary_is_content_text) {
    fuzz::check(item.content_html && item.summary, "a summary from content has content");
    fuzz::check(feeds::html_to_text(*item.content_html) == *item.summary,
                "a summary from content is the text of content_html", *item.content_html);
  }
}

void check_feed(const feeds::Feed& feed) {
  check_text(feed.title, "feed title is valid UTF-8");
  check_text(feed.home_page_url, "feed home_page_url is valid UTF-8");
  check_text(feed.feed_url, "feed feed_url is valid UTF-8");
  check_text(feed.description, "feed description is valid UTF-8");
  check_text(feed.language, "feed language is valid UTF-8");
  check_text(feed.icon, "feed icon is valid UTF-8");
  check_text(feed.websub_hub, "feed websub_hub is valid UTF-8");
  check_text(feed.hints.update_period, "feed update_period is valid UTF-8");
  check_text(feed.encoding, "feed encoding is valid UTF-8");
  for (const auto& warning : feed.warnings) check_text(warning, "warning is valid UTF-8");
  check_people(feed.authors);
  fuzz::check(feed.items.size() <= kMaxItems, "item count <= max_items",
              std::to_string(feed.items.size()));
  for (const auto& item : feed.items) check_item(item);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  feeds::ParseRequest request;
  request.bytes = std::string_view(reinterpret_cast<const char*>(data), size);
  request.base_url = "https://base.test/feed.xml";
  request.limits.max_items = kMaxItems;
  auto result = feeds::parse_feed(request);
  if (result) {
    check_feed(*result);
  } else {
    check_text(result.error().message, "error message is valid UTF-8");
  }
  return 0;
}
