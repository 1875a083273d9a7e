// The labelled pair set (tests/data/dedup/pairs.jsonl, built by make_pairs.py): same_story must
// reach precision >= 0.99 and recall >= 0.95 over it.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include "feeds/dedup/story_match.hpp"

namespace feeds {
namespace {

std::optional<std::string> optional_string(const boost::json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  if (!value || !value->is_string()) return std::nullopt;
  return std::string(value->as_string());
}

Item item_from(const boost::json::object& object) {
  Item item;
  item.url = optional_string(object, "url");
  item.orig_link = optional_string(object, "orig_link");
  item.title = optional_string(object, "title");
  item.content_text = optional_string(object, "text");
  item.content_html = optional_string(object, "html");
  item.summary = optional_string(object, "summary");
  if (const auto* published = object.if_contains("published"); published && published->is_int64())
    item.date_published = TimePoint(std::chrono::seconds(published->as_int64()));
  return item;
}

bool judge(const boost::json::object& pair, const StoryPolicy& policy) {
  const auto a = item_from(pair.at("a").as_object());
  const auto b = item_from(pair.at("b").as_object());
  return same_story(story_fingerprint(a, policy, a.date_published),
                    story_fingerprint(b, policy, b.date_published), policy);
}

struct Tally {
  int true_positive = 0, false_positive = 0, false_negative = 0, true_negative = 0;
};

TEST(StoryPairs, PrecisionAndRecallOverTheLabelledSet) {
  std::ifstream file(FEEDD_TEST_DATA_DIR "/dedup/pairs.jsonl");
  ASSERT_TRUE(file) << "missing tests/data/dedup/pairs.jsonl";
  const StoryPolicy policy;
  Tally total;
  std::map<std::string, Tally> by_kind;
  std::string line;
  while (std::getline(file, line)) {
    const auto pair = boost::json::parse(line).as_object();
    const bool labelled_same = pair.at("same").as_bool();
    const bool judged_same = judge(pair, policy);
    for (auto* tally : {&total, &by_kind[std::string(pair.at("kind").as_string())]}) {
      if (labelled_same) (judged_same ? tally->true_positive : tally->false_negative)++;
      else (judged_same ? tally->false_positive : tally->true_negative)++;
    }
  }
  const int pairs = total.true_positive + total.false_positive + total.false_negative +
                    total.true_negative;
  ASSERT_GE(pairs, 200);
  const double precision =
      double(total.true_positive) / std::max(1, total.true_positive + total.false_positive);
  const double recall =
      double(total.true_positive) / std::max(1, total.true_positive + total.false_negative);
  std::cout << "dedup pairs: " << pairs << ", precision " << precision << ", recall " << recall
            << '\n';
  for (const auto& [kind, tally] : by_kind)
    std::cout << "  " << kind << ": right " << tally.true_positive + tally.true_negative
              << ", wrongly same " << tally.false_positive << ", wrongly different "
              << tally.false_negative << '\n';
  EXPECT_GE(precision, 0.99);
  EXPECT_GE(recall, 0.95);
}

}  // namespace
}  // namespace feeds
