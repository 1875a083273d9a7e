#include "feeds/dedup/story_match.hpp"

#include <gtest/gtest.h>

namespace feeds {
namespace {

using namespace std::chrono_literals;

constexpr const char* lead_text =
    "Just days after the International Criminal Court decided the United States and CIA may "
    "face trial for war crimes over alleged abuses committed in Afghanistan, Russia has "
    "preemptively avoided the court's jurisdiction for its own alleged abuses.";

constexpr const char* other_text =
    "Code coverage for frontend JavaScript is easier than it looks: with Istanbul, Mocha and a "
    "headless browser you can measure which lines your tests exercise and find the ones they "
    "never reach, all from one command.";

const TimePoint noon{std::chrono::sys_days{std::chrono::year{2024} / 3 / 1} + 12h};

Item make_item(const char* url, const char* title, const char* text, TimePoint date = noon) {
  Item item;
  item.url = url;
  item.title = title;
  item.content_text = text;
  item.date_published = date;
  return item;
}

bool same(const Item& a, const Item& b, const StoryPolicy& policy = {}) {
  return same_story(story_fingerprint(a, policy, a.date_published),
                    story_fingerprint(b, policy, b.date_published), policy);
}

TEST(StoryUrl, PageCanonicalThenOrigLinkThenLink) {
  auto item = make_item("https://feedproxy.example/~r/1", "t", "");
  EXPECT_EQ(story_url(item), "https://feedproxy.example/~r/1");
  item.orig_link = "https://site.example/a";
  EXPECT_EQ(story_url(item), "https://site.example/a");
  EXPECT_EQ(story_url(item, "https://site.example/canonical"), "https://site.example/canonical");
  EXPECT_EQ(story_url(Item{}), std::nullopt);
}

TEST(SameStory, EqualCanonicalUrlsMatchWhateverTheText) {
  EXPECT_TRUE(same(make_item("http://www.site.example/a?utm_source=rss", "A", lead_text),
                   make_item("https://site.example/a/", "B", other_text, noon + 24h * 30)));
}

TEST(SameStory, OrigLinkMatchesThePublishersLink) {
  auto proxied = make_item("https://feedproxy.example/~r/1", "A", "");
  proxied.orig_link = "https://site.example/a";
  EXPECT_TRUE(same(proxied, make_item("https://site.example/a", "A", "")));
}

TEST(SameStory, EditedTitleOverTheSameTextMatches) {
  EXPECT_TRUE(same(make_item("https://one.example/a", "Russia quits the ICC", lead_text),
                   make_item("https://two.example/b", "UPDATED: Russia leaves court", lead_text,
                             noon + 20h)));
}

TEST(SameStory, SameTitleOverDifferentTextDoesNotMatch) {
  EXPECT_FALSE(same(make_item("https://one.example/a", "Weekly roundup", lead_text),
                    make_item("https://two.example/b", "Weekly roundup", other_text)));
}

TEST(SameStory, SameTextOutsideTheWindowDoesNotMatch) {
  StoryPolicy policy;
  policy.window = 72h;
  const auto a = make_item("https://one.example/a", "A", lead_text);
  EXPECT_TRUE(same(a, make_item("https://two.example/b", "A", lead_text, noon + 71h), policy));
  EXPECT_FALSE(same(a, make_item("https://two.example/b", "A", lead_text, noon + 73h), policy));
}

TEST(SameStory, TwoPagesOfOneSiteAreTwoStories) {
  EXPECT_FALSE(same(make_item("https://one.example/digest/1", "Digest", lead_text),
                    make_item("https://one.example/digest/2", "Digest", lead_text)));
}

TEST(SameStory, TitleOnlyItemsNeedALongEnoughTitle) {
  EXPECT_TRUE(same(make_item("https://one.example/a", "Russia quits the criminal court", ""),
                   make_item("https://two.example/a", "Russia Quits The Criminal Court!", "")));
  EXPECT_FALSE(same(make_item("https://one.example/a", "Open thread", ""),
                    make_item("https://two.example/a", "Open thread", "")));
}

TEST(SameStory, MaxDistanceZeroStillMatchesTextEqualAfterNormalizing) {
  StoryPolicy policy;
  policy.max_distance = 0;
  auto html = make_item("https://two.example/b", "A", "");
  html.content_text.reset();
  html.content_html = "<p>Just days after the <b>International Criminal Court</b> decided the "
                      "United States and CIA may face trial for war crimes over alleged abuses "
                      "committed in Afghanistan, Russia has preemptively avoided the court’s "
                      "jurisdiction for its own alleged abuses.</p>";
  EXPECT_TRUE(same(make_item("https://one.example/a", "A", lead_text), html, policy));
}

}  // namespace
}  // namespace feeds
