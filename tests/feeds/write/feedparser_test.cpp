// Python feedparser as an outside judge of the written Atom and RSS: bozo == 0 and every entry
// read. Skipped while python3-feedparser is missing (the publishing issue makes it required).
// FEEDD_PYTHON names another interpreter (default /usr/bin/python3); PYTHONPATH is passed on.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "feeds/write/atom_writer.hpp"
#include "feeds/write/rss_writer.hpp"
#include "merged_feed_sample.hpp"

namespace feeds {
namespace {

using namespace std::string_literals;

std::string python() {
  const char* configured = std::getenv("FEEDD_PYTHON");
  return configured && *configured ? configured : "/usr/bin/python3";
}

bool has_feedparser() {
  auto command = python() + " -c 'import feedparser' >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

/// Runs feedparser on `document`; returns "bozo=B entries=N" or what went wrong.
std::string feedparser_verdict(const std::string& document, const std::string& name) {
  auto path = std::filesystem::temp_directory_path() /
              ("feedd-write-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << document;
  auto command = python() +
                 " -c 'import sys, feedparser; d = feedparser.parse(sys.argv[1]); "
                 "print(\"bozo=%d entries=%d %s\" % (d.bozo, len(d.entries), "
                 "d.get(\"bozo_exception\", \"\")))' " +
                 path.string() + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string output;
  char buffer[512];
  while (pipe && std::fgets(buffer, sizeof buffer, pipe.get())) output += buffer;
  std::filesystem::remove(path);
  while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
  return output;
}

MergedFeed hostile_feed() {
  auto feed = test::sample_feed();
  feed.entries[0].content_html = "x\0y ]]> </content> <script>alert(1)</script> \xED\xA0\x80 \x01"s;
  feed.entries[0].title = "\x0B title ]]> \xEF\xBF\xBE";
  feed.entries[1].content_html = "]]>]]]]>";
  return feed;
}

class Feedparser : public testing::Test {
 protected:
  void SetUp() override {
    if (!has_feedparser())
      GTEST_SKIP() << python() << " has no feedparser module (apt install python3-feedparser)";
  }
};

TEST_F(Feedparser, ReadsTheAtomWithoutBozo) {
  EXPECT_EQ(feedparser_verdict(write_atom(test::sample_feed()), "sample.atom"), "bozo=0 entries=2");
  EXPECT_EQ(feedparser_verdict(write_atom(hostile_feed()), "hostile.atom"), "bozo=0 entries=2");
}

TEST_F(Feedparser, ReadsTheRssWithoutBozo) {
  EXPECT_EQ(feedparser_verdict(write_rss(test::sample_feed()), "sample.rss"), "bozo=0 entries=2");
  EXPECT_EQ(feedparser_verdict(write_rss(hostile_feed()), "hostile.rss"), "bozo=0 entries=2");
}

}  // namespace
}  // namespace feeds
