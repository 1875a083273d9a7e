#include "feeds/dedup/story_match.hpp"

#include "feeds/dedup/simhash.hpp"
#include "feeds/html/text.hpp"

namespace feeds {
namespace {

bool within_window(const StoryFingerprint& a, const StoryFingerprint& b,
                   const StoryPolicy& policy) {
  if (!a.date || !b.date) return true;
  const auto gap = *a.date > *b.date ? *a.date - *b.date : *b.date - *a.date;
  return gap <= policy.window;
}

// "https://host[:port]" of a canonical key.
std::string_view host_of(std::string_view url_key) {
  constexpr std::string_view scheme = "https://";
  const auto end = url_key.find_first_of("/?", scheme.size());
  return url_key.substr(0, end);
}

// A site does not publish one story at two of its own URLs, but it does reuse intros, templates
// and titles (a daily digest): two different URLs on one host are two stories.
bool different_pages_of_one_site(const StoryFingerprint& a, const StoryFingerprint& b) {
  return a.url_key && b.url_key && host_of(*a.url_key) == host_of(*b.url_key);
}

bool non_empty(const std::optional<std::string>& text) { return text && !text->empty(); }

}  // namespace

std::optional<std::string> story_url(const Item& item,
                                     std::optional<std::string_view> page_canonical) {
  if (page_canonical && !page_canonical->empty()) return std::string(*page_canonical);
  if (non_empty(item.orig_link)) return item.orig_link;
  if (non_empty(item.url)) return item.url;
  return std::nullopt;
}

std::string_view story_text(const Item& item, std::string& converted) {
  if (non_empty(item.content_text)) return *item.content_text;
  if (non_empty(item.content_html)) return converted = html_to_text(*item.content_html);
  if (item.summary) return *item.summary;
  return {};
}

StoryFingerprint story_fingerprint(const Item& item, const StoryPolicy& policy,
                                   std::optional<TimePoint> date,
                                   std::optional<std::string_view> page_canonical) {
  StoryFingerprint result;
  if (const auto url = story_url(item, page_canonical))
    result.url_key = canonical_url_key(*url, policy.tracking);
  result.date = date;
  std::string converted;
  TextSimhash hash = text_simhash(story_text(item, converted), policy.leading_words);
  if (hash.words >= policy.min_text_words) {
    result.kind = FingerprintKind::text;
  } else {
    hash = text_simhash(item.title.value_or(""), policy.leading_words);
    result.kind = FingerprintKind::title;
  }
  result.words = hash.words;
  result.fingerprint = hash.fingerprint;
  return result;
}

bool same_story(const StoryFingerprint& a, const StoryFingerprint& b, const StoryPolicy& policy) {
  if (a.url_key && b.url_key && *a.url_key == *b.url_key) return true;
  if (different_pages_of_one_site(a, b)) return false;
  if (!within_window(a, b, policy) || a.kind != b.kind) return false;
  if (a.kind == FingerprintKind::title &&
      (a.words < policy.min_title_words || b.words < policy.min_title_words))
    return false;
  return hamming_distance(a.fingerprint, b.fingerprint) <= policy.max_distance;
}

}  // namespace feeds
