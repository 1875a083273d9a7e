// XSS end to end (security.md §1.2 properties 1-2): each of DOMPurify's 223 payloads is an
// item's title and content in fixture feeds → `feedd run` polls and stores them → the merged
// Atom's entries, parsed back, are rendered one by one in headless Chromium without CSP (no
// canary call, no dialog, no script, no request but the entry's own images), and the dashboard
// and every feed page of the real server are rendered too: nothing runs, no console error, no
// request leaves the daemon's origin. One browser for all pages.
#include <gtest/gtest.h>

#include <ctime>
#include <map>

#include "daemon/app/web_test_support.hpp"
#include "feeds/html/sanitize.hpp"
#include "feeds/parse/feed_parser.hpp"

namespace feedd::testing {
namespace {

using test::FixtureResponse;
using test::FixtureServer;

constexpr int feed_count = 8;

struct Vector {
  std::string id;
  std::string payload;
};

std::vector<Vector> dompurify_vectors() {
  const auto text = detail::read_whole_file(std::string(FEEDD_SHARED_DIR) + "/corpora/xss-vectors/dompurify/vectors.json");
  std::vector<Vector> vectors;
  const auto document = boost::json::parse(text);
  for (const auto& entry : document.as_array()) {
    const auto& object = entry.as_object();
    vectors.push_back({std::to_string(object.at("id").to_number<int>()), std::string(object.at("payload").as_string())});
  }
  return vectors;
}

/// Without the code points XML 1.0 forbids even as references: a well-formed feed cannot carry them.
std::string xml_legal(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') continue;
    if (text.compare(i, 3, "\xEF\xBF\xBE") == 0 || text.compare(i, 3, "\xEF\xBF\xBF") == 0) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

std::string xml_escaped(const std::string& text) {
  std::string out;
  for (char c : xml_legal(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

/// A CDATA section holding `text`; a "]]>" inside is split across two sections.
std::string cdata(const std::string& text) {
  std::string body = xml_legal(text);
  for (std::size_t at = body.find("]]>"); at != std::string::npos; at = body.find("]]>", at + 15))
    body.replace(at, 3, "]]]]><![CDATA[>");
  return "<![CDATA[" + body + "]]>";
}

/// RFC 822 date `minutes_ago` minutes before now (recent: retention keeps them).
std::string rfc822_minutes_ago(int minutes_ago) {
  const std::time_t when = std::time(nullptr) - 60L * minutes_ago;
  std::tm parts{};
  gmtime_r(&when, &parts);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &parts);
  return text;
}

std::string hostile_feed(const std::vector<Vector>& vectors, int feed, const FixtureServer& server) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>XSS feed " +
                    std::to_string(feed) + "</title><link>" + server.url("/") + "</link>";
  for (std::size_t i = feed; i < vectors.size(); i += feed_count) {
    const auto& vector = vectors[i];
    xml += "<item><title>" + xml_escaped(vector.payload) + "</title><link>" + server.url("/story/" + vector.id) +
           "</link><guid isPermaLink=\"false\">xss-" + vector.id + "</guid><description>" + cdata(vector.payload) +
           "</description><pubDate>" + rfc822_minutes_ago(static_cast<int>(i) + 5) + "</pubDate></item>";
  }
  return xml + "</channel></rss>";
}

TEST(XssEndToEnd, NoPayloadRunsOrLoadsAnythingInTheMergedFeedOrTheDashboard) {
  if (!is_executable(chromium_path()))
    GTEST_SKIP() << "no Chromium at " << chromium_path() << " (scripts/install-deps.sh installs it)";
  const auto vectors = dompurify_vectors();
  ASSERT_EQ(vectors.size(), 223u);
  FixtureServer server;
  std::vector<std::string> feed_urls;
  for (int feed = 0; feed < feed_count; ++feed) {
    feed_urls.push_back(server.url("/xss/" + std::to_string(feed) + ".xml"));
    server.on("/xss/" + std::to_string(feed) + ".xml",
              FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}},
                              .body = hostile_feed(vectors, feed, server)});
  }
  TempFolder folder;
  ServingFeedd daemon(folder, serving_config(folder, "[fulltext]\nenabled = false\n"
                                                     "[[output]]\nname = \"all\"\nlimit = 1000\n" +
                                                         feed_tables(feed_urls)));
  ASSERT_TRUE(daemon.wait_listening()) << daemon.log();
  EXPECT_TRUE(daemon.wait_for_items(static_cast<int>(vectors.size()))) << daemon.log();

  auto atom = daemon.get("/feed.atom");
  ASSERT_EQ(atom.status, 200) << atom.head;
  auto merged = feeds::parse_feed({.bytes = atom.body, .base_url = daemon.url("/feed.atom"), .content_type = "", .limits = {}});
  ASSERT_TRUE(merged.has_value());
  EXPECT_TRUE(merged->warnings.empty()) << merged->warnings.front();
  EXPECT_EQ(merged->items.size(), vectors.size());

  boost::json::array jobs;
  for (std::size_t i = 0; i < merged->items.size(); ++i) {
    const auto& item = merged->items[i];
    jobs.push_back(browser_job("entry " + item.id.value_or(std::to_string(i)), "html", item.content_html.value_or("")));
  }
  jobs.push_back(browser_job("dashboard", "url", daemon.url("/")));
  for (const auto& id : query_column(daemon.database(), "SELECT id FROM feeds ORDER BY id"))
    jobs.push_back(browser_job("feed page " + id, "url", daemon.url("/feeds/" + id)));
  const std::string origin = "127.0.0.1:" + std::to_string(daemon.port());
  std::vector<std::string> arguments{"--jobs", folder.write("jobs.json", boost::json::serialize(jobs)),
                                     "--allow-host", origin, "--timeout", "5", "--deadline", "100"};
  for (const auto& host : feeds::SanitizeOptions{}.iframe_hosts) {
    arguments.push_back("--allow-iframe-host");
    arguments.push_back(host);
  }
  auto verdict = check_in_browser(arguments, 110);
  EXPECT_EQ(verdict.exit_code, 0) << verdict.failures() << (verdict.report.empty() ? verdict.raw : "");
  const auto* pages = verdict.report.if_contains("pages");
  EXPECT_EQ(pages ? pages->as_array().size() : 0u, jobs.size()) << verdict.raw;
}

}  // namespace
}  // namespace feedd::testing
