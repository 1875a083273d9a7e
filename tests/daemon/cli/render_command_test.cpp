// feedd render end to end: feedd poll stores file:// feeds, feedd render prints each format,
// which our own parser and python feedparser read back cleanly.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "daemon/cli/run_feedd.hpp"
#include "feeds/parse/feed_parser.hpp"

namespace feedd::testing {
namespace {

const char* const rss_feed = R"(<?xml version="1.0"?><rss version="2.0"><channel>
<title>Rust &amp; Friends</title><link>https://rust.example/</link>
<item><title>Rust 1.80 released</title><link>https://rust.example/1</link><guid>r1</guid>
<description>&lt;p&gt;A &lt;b&gt;new&lt;/b&gt; release &lt;img src="https://rust.example/i.png"&gt;&lt;/p&gt;</description>
<pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><category>lang</category></item>
<item><title>Sponsored: a course</title><link>https://rust.example/2</link><guid>r2</guid>
<description>Buy it</description><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate></item>
</channel></rss>)";

const char* const atom_feed = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Town News</title><id>urn:town</id>
<updated>2024-01-03T00:00:00Z</updated><link href="https://town.example/"/>
<entry><title>Bridge &lt;closed&gt;</title><id>tag:town.example,2024:1</id>
<link href="https://town.example/bridge"/><updated>2024-01-03T00:00:00Z</updated>
<author><name>Ann</name></author><content type="html">&lt;p&gt;Until &amp;amp; after May&lt;/p&gt;</content></entry>
</feed>)";

std::string python() {
  const char* configured = std::getenv("FEEDD_PYTHON");
  return configured && *configured ? configured : "/usr/bin/python3";
}

/// "bozo=B entries=N" as python feedparser sees the file, or what went wrong.
std::string feedparser_verdict(const std::string& path) {
  auto command = python() +
                 " -c 'import sys, feedparser; d = feedparser.parse(sys.argv[1]); "
                 "print(\"bozo=%d entries=%d %s\" % (d.bozo, len(d.entries), "
                 "d.get(\"bozo_exception\", \"\")))' " +
                 path + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string output;
  char buffer[512];
  while (pipe && std::fgets(buffer, sizeof buffer, pipe.get())) output += buffer;
  while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
  return output;
}

class RenderCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto rss = folder_.write("rust.xml", rss_feed);
    const auto atom = folder_.write("town.atom", atom_feed);
    config_ = folder_.write("feedd.toml", "[daemon]\ndatabase = \"feedd.db\"\n"
                                          "[[feed]]\nurl = \"file://" + rss +
                                              "\"\ntags = [\"rust\"]\nfull_text = \"never\"\n"
                                              "[[feed]]\nurl = \"file://" + atom +
                                              "\"\ntags = [\"town\"]\nfull_text = \"never\"\n"
                                              "[[output]]\nname = \"rust\"\ntags = [\"rust\"]\n"
                                              "exclude = \"(?i)sponsored\"\n");
    const auto poll = run_feedd({"poll", "-c", config_});
    ASSERT_EQ(poll.exit_code, 0) << poll.out << poll.err;
  }

  RunResult render(const std::vector<std::string>& extra) {
    std::vector<std::string> arguments{"render", "-c", config_};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return run_feedd(arguments);
  }

  TempFolder folder_;
  std::string config_;
};

TEST_F(RenderCommand, EveryFormatParsesBackWithoutWarnings) {
  for (const std::string format : {"atom", "rss", "json"}) {
    const auto result = render({"--format", format});
    ASSERT_EQ(result.exit_code, 0) << format << ": " << result.err;
    auto parsed = feeds::parse_feed({result.out, "http://127.0.0.1:8080/feed." + format, ""});
    ASSERT_TRUE(parsed) << format << ": " << parsed.error().message;
    EXPECT_FALSE(parsed->bozo) << format;
    EXPECT_TRUE(parsed->warnings.empty()) << format << ": " << parsed->warnings.front();
    ASSERT_EQ(parsed->items.size(), 3u) << format;
    EXPECT_EQ(parsed->items[0].title, "Bridge <closed>") << format << ": newest first";
    EXPECT_EQ(parsed->items[0].url, "https://town.example/bridge") << format;
    EXPECT_EQ(parsed->items[2].url, "https://rust.example/1") << format;
  }
}

TEST_F(RenderCommand, DefaultIsTheAtomOfAllWithItsSelfLinkAndSources) {
  const auto result = render({});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("<link rel=\"self\" href=\"http://127.0.0.1:8080/feed.atom\""),
            std::string::npos);
  EXPECT_NE(result.out.find("<source>"), std::string::npos);
  EXPECT_NE(result.out.find("<title>Town News</title>"), std::string::npos);
}

TEST_F(RenderCommand, NamedOutputAppliesItsTagsAndFilters) {
  const auto result = render({"--output", "rust", "--format", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("/outputs/rust.json"), std::string::npos);
  EXPECT_NE(result.out.find("Rust 1.80 released"), std::string::npos);
  EXPECT_EQ(result.out.find("Sponsored"), std::string::npos);
  EXPECT_EQ(result.out.find("Bridge"), std::string::npos);
}

TEST_F(RenderCommand, FeedparserReadsTheAtomAndRssWithoutBozo) {
  if (std::system((python() + " -c 'import feedparser' >/dev/null 2>&1").c_str()) != 0) {
    GTEST_SKIP() << python() << " has no feedparser module";
  }
  for (const std::string format : {"atom", "rss"}) {
    const auto result = render({"--format", format});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(feedparser_verdict(folder_.write("out." + format, result.out)), "bozo=0 entries=3")
        << format;
  }
}

TEST_F(RenderCommand, UnknownOutputMissingDatabaseAndBadFormatFail) {
  const auto unknown = render({"--output", "nope"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("nope"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("rust, all"), std::string::npos) << unknown.err;
  EXPECT_EQ(render({"--format", "xml"}).exit_code, 2);
  const auto other = folder_.write("other.toml", "[daemon]\ndatabase = \"missing.db\"\n");
  const auto missing = run_feedd({"render", "-c", other});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("missing.db"), std::string::npos) << missing.err;
  EXPECT_TRUE(missing.out.empty());
}

}  // namespace
}  // namespace feedd::testing
