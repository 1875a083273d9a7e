#include "daemon/scheduler/redirect_adoption.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace feedd {
namespace {

RedirectChain moved_permanently() {
  RedirectChain chain;
  chain.feed_url = "https://old.example/feed";
  chain.hops = {{301, "https://mid.example/feed"}, {308, "https://new.example/feed.xml"}};
  chain.ended_in_valid_feed = true;
  chain.every_hop_allowed = true;
  return chain;
}

TEST(RedirectAdoption, AdoptsAPermanentChainEndingInAValidFeed) {
  EXPECT_EQ(url_to_adopt(moved_permanently()), "https://new.example/feed.xml");
  EXPECT_TRUE(should_adopt_redirect(moved_permanently()));
}

TEST(RedirectAdoption, KeepsTheUrlOtherwise) {
  const std::vector<std::pair<const char*, std::function<void(RedirectChain&)>>> cases = {
      {"no redirect", [](auto& c) { c.hops.clear(); }},
      {"a 302 hop", [](auto& c) { c.hops[0].status = 302; }},
      {"a 307 hop", [](auto& c) { c.hops[1].status = 307; }},
      {"final document is not a feed", [](auto& c) { c.ended_in_valid_feed = false; }},
      {"a hop failed the guard", [](auto& c) { c.every_hop_allowed = false; }},
      {"another feed has the URL", [](auto& c) { c.final_url_taken = true; }},
      {"https to http downgrade", [](auto& c) { c.hops[1].location = "http://new.example/f"; }},
      {"non-http target", [](auto& c) { c.hops[1].location = "file:///etc/passwd"; }},
      {"credentials in target",
       [](auto& c) { c.hops[1].location = "https://user:pw@new.example/f"; }},
      {"relative target", [](auto& c) { c.hops[1].location = "/feed.xml"; }},
      {"same URL", [](auto& c) { c.hops[1].location = c.feed_url; }},
  };
  for (const auto& [name, mutate] : cases) {
    auto chain = moved_permanently();
    mutate(chain);
    EXPECT_EQ(url_to_adopt(chain), std::nullopt) << name;
  }
}

TEST(RedirectAdoption, AllowsHttpToHttpsUpgrade) {
  auto chain = moved_permanently();
  chain.feed_url = "http://old.example/feed";
  EXPECT_EQ(url_to_adopt(chain), "https://new.example/feed.xml");
}

}  // namespace
}  // namespace feedd
