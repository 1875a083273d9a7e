#pragma once
/// When two items from different feeds are one story: the same canonical URL, or near-identical
/// text published close together. Pure: storage indexes what story_fingerprint returns and asks
/// same_story about the candidates the index finds.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/model/feed.hpp"
#include "feeds/url/canonical.hpp"

namespace feeds {

/// The [dedup] settings, as the pure core needs them.
struct StoryPolicy {
  TrackingParameters tracking = default_tracking_parameters();
  std::chrono::seconds window = std::chrono::days(3);  ///< dates further apart never match
  int max_distance = 3;             ///< largest Hamming distance of matching fingerprints
  std::size_t leading_words = 40;   ///< words of text fingerprinted (a WordPress excerpt is 55)
  std::size_t min_text_words = 12;  ///< below this the text is boilerplate, not evidence
  std::size_t min_title_words = 4;  ///< a title-only match needs a title at least this long
};

/// What fingerprints an item: the text when it has enough words, else the title alone.
enum class FingerprintKind { text = 0, title = 1 };

/// Everything same_story compares, computed once per item.
struct StoryFingerprint {
  std::optional<std::string> url_key;  ///< canonical_url_key of story_url
  FingerprintKind kind = FingerprintKind::title;
  std::uint64_t fingerprint = 0;  ///< simhash of the text, or of the title for kind title
  std::size_t words = 0;          ///< words behind `fingerprint`
  std::optional<TimePoint> date;
};

/// The URL that names the story: the page's own <link rel=canonical> (from full text) first,
/// then feedburner:origLink, then the item's link. nullopt when there is none.
std::optional<std::string> story_url(const Item& item,
                                     std::optional<std::string_view> page_canonical = {});

/// The item's text for fingerprinting: content_text, else the text of content_html, else the
/// summary. It points into `item`, or into `converted` when it had to be derived from HTML.
std::string_view story_text(const Item& item, std::string& converted);

/// The fingerprint of an item; `date` is the date storage compares (published, else first seen).
StoryFingerprint story_fingerprint(const Item& item, const StoryPolicy& policy,
                                   std::optional<TimePoint> date,
                                   std::optional<std::string_view> page_canonical = {});

/// Same story: equal canonical URL keys; otherwise not when both URLs are on one host (a site's
/// two pages are two stories, however alike their intros and titles); otherwise dates (when
/// both known) within the window and fingerprints of the same kind within max_distance. Two
/// text fingerprints compare the texts, not the titles, so an edited headline still matches and a look-alike title over another text
/// does not. Title fingerprints match only titles of min_title_words or more.
bool same_story(const StoryFingerprint& a, const StoryFingerprint& b, const StoryPolicy& policy);

}  // namespace feeds
