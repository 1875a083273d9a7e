#pragma once
// The small merged feed of the writer tests: two entries, the newer one from three sources.

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "feeds/write/merged_feed.hpp"

namespace feeds::test {

inline TimePoint utc(int year, unsigned month, unsigned day, int hour, int minute, int second = 0) {
  using namespace std::chrono;
  return sys_days{std::chrono::year{year} / month / day} + hours{hour} + minutes{minute} +
         seconds{second};
}

/// Sanitizer fixed points (checked by WriterSample.ContentIsASanitizerFixedPoint).
inline const std::string rust_content =
    "<p>The <b>2024</b> edition &amp; friends. <a href=\"https://blog.example.org/\" "
    "rel=\"noopener noreferrer nofollow\" referrerpolicy=\"no-referrer\">Blog</a></p>";
inline const std::string news_content = "<p>Numbers went up.</p>";

inline MergedEntry rust_entry() {
  MergedEntry entry;
  entry.id = "https://example.org/posts/rust-2024";
  entry.url = "https://example.org/posts/rust-2024";
  entry.title = "Rust 2024 is out";
  entry.summary = "The edition ships today.";
  entry.content_html = rust_content;
  entry.authors = {Person{"Jane Doe", std::nullopt, "jane@example.org"}};
  entry.published = utc(2024, 3, 2, 10, 0);
  entry.updated = utc(2024, 3, 2, 12, 30);
  entry.tags = {"rust", "release"};
  entry.attachments = {Attachment{"https://example.org/podcast.mp3", "audio/mpeg", 12345}};
  entry.sources = {
      EntrySource{"Example Blog", "https://example.org/feed.xml", "https://example.org/",
                  "https://example.org/posts/rust-2024", utc(2024, 3, 2, 10, 0)},
      EntrySource{"Planet Rust", "https://planet.example.net/atom.xml",
                  "https://planet.example.net/", "https://planet.example.net/r/1",
                  utc(2024, 3, 2, 11, 0)},
      EntrySource{"Link Roundup", "https://links.example.com/rss", std::nullopt, std::nullopt,
                  std::nullopt}};
  entry.full_text = true;
  return entry;
}

inline MergedEntry news_entry() {
  MergedEntry entry;
  entry.id = "news-item-42";
  entry.url = "https://news.example.com/a/42";
  entry.title = "Quarterly & <results>";
  entry.content_html = news_content;
  entry.published = utc(2024, 3, 1, 8, 15);
  entry.sources = {EntrySource{"News", "https://news.example.com/rss.xml",
                               "https://news.example.com/", "https://news.example.com/a/42",
                               utc(2024, 3, 1, 8, 15)}};
  return entry;
}

inline MergedFeed sample_feed() {
  MergedFeed feed;
  feed.title = "My news";
  feed.self_url = "http://127.0.0.1:8080/feed.atom";
  feed.home_url = "http://127.0.0.1:8080/";
  feed.id = "http://127.0.0.1:8080/feed.atom";
  feed.generator = "feedd 0.1.0";
  feed.entries = {rust_entry(), news_entry()};
  return feed;
}

inline std::string read_golden(const std::string& name) {
  std::ifstream file(std::string(FEEDD_SOURCE_DIR) + "/tests/feeds/write/data/" + name,
                     std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace feeds::test
