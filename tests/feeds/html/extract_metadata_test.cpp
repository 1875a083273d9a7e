#include <gtest/gtest.h>

#include <string>

#include "feeds/html/extract.hpp"
#include "feeds/html/page_charset.hpp"
#include "feeds/parse/date.hpp"

namespace feeds {
namespace {

std::string page_with_head(const std::string& head, const std::string& body_extra = "") {
  std::string html = "<!DOCTYPE html><html lang=\"de\"><head>" + head + "</head><body>" +
                     body_extra + "<article>";
  for (int i = 0; i < 6; ++i) {
    html += "<p>Ein Absatz mit genug Text, damit die Seite als Artikel gilt, und mit Kommas, "
            "die zählen, weil Readability sie zählt und wir auch.</p>";
  }
  return html + "</article></body></html>";
}

Article extract_ok(const std::string& html, std::string_view url = "https://news.test/a/b") {
  ExtractRequest request;
  request.bytes = html;
  request.url = url;
  auto article = extract_article(request);
  EXPECT_TRUE(article) << (article ? "" : article.error().message);
  return article ? *article : Article{};
}

TEST(ExtractMetadata, JsonLdComesBeforeMetaTags) {
  const Article article = extract_ok(page_with_head(
      "<title>Page | Site</title><meta property=\"og:title\" content=\"OG title\">"
      "<meta name=\"author\" content=\"Meta Author\">"
      "<script type=\"application/ld+json\">{\"@context\":\"http://schema.org\",\"@type\":"
      "\"NewsArticle\",\"headline\":\"LD headline\",\"author\":[{\"@type\":\"Person\",\"name\":"
      "\"Ann One\"},{\"@type\":\"Person\",\"name\":\"Bob Two\"}],\"datePublished\":"
      "\"2021-03-04T05:06:07+02:00\",\"image\":[\"/img/lead.jpg\"],\"publisher\":{\"name\":"
      "\"LD Site\"}}</script>"));
  EXPECT_EQ(article.title, "LD headline");
  EXPECT_EQ(article.byline, "Ann One, Bob Two");
  ASSERT_TRUE(article.published);
  EXPECT_EQ(format_rfc3339(*article.published), "2021-03-04T03:06:07Z");
  EXPECT_EQ(article.lead_image_url, "https://news.test/img/lead.jpg");
  EXPECT_EQ(article.site_name, "LD Site");
}

TEST(ExtractMetadata, OpenGraphAndArticleTagsWithoutJsonLd) {
  const Article article = extract_ok(page_with_head(
      "<title>Ignored | Site</title>"
      "<meta property=\"og:title twitter:title\" content=\"Shared &amp;amp; title\">"
      "<meta property=\"article:published_time\" content=\"2019-12-31T23:00:00Z\">"
      "<meta property=\"article:author\" content=\"https://facebook.com/someone\">"
      "<meta name=\"DC.creator\" content=\"Dee Sea\">"
      "<meta property=\"og:image\" content=\"//cdn.news.test/p.png\">"
      "<meta property=\"og:site_name\" content=\"The Site\">"
      "<meta name=\"description\" content=\"What it is about.\">"
      "<link rel=\"canonical\" href=\"/a/b?canonical=1\">"
      "<link rel=\"next\" href=\"/a/b/2\">"));
  EXPECT_EQ(article.title, "Shared & title");
  EXPECT_EQ(article.byline, "Dee Sea");
  ASSERT_TRUE(article.published);
  EXPECT_EQ(format_rfc3339(*article.published), "2019-12-31T23:00:00Z");
  EXPECT_EQ(article.lead_image_url, "https://cdn.news.test/p.png");
  EXPECT_EQ(article.site_name, "The Site");
  EXPECT_EQ(article.excerpt, "What it is about.");
  EXPECT_EQ(article.canonical_url, "https://news.test/a/b?canonical=1");
  EXPECT_EQ(article.next_page_link, "https://news.test/a/b/2");
  EXPECT_EQ(article.language, "de");
}

TEST(ExtractMetadata, TitleLosesTheSiteNameAfterASeparator) {
  struct Case {
    const char* title;
    const char* expected;
  };
  for (const Case& c : {Case{"The long article title here | Example Site", "The long article title here"},
                        Case{"Example Site » Section » The long article title", "Example Site » Section » The long article title"},
                        Case{"Short - Site", "Short - Site"},
                        Case{"Site: A title with enough words in it", "A title with enough words in it"}}) {
    const Article article = extract_ok(page_with_head(std::string("<title>") + c.title + "</title>"));
    EXPECT_EQ(article.title, c.expected) << c.title;
  }
}

TEST(ExtractMetadata, BylineFoundInThePageIsUsedAndRemoved) {
  const Article article = extract_ok(
      page_with_head("<title>A page about nothing at all</title>",
                     "<div class=\"byline\">By <span itemprop=\"name\">Kim Writer</span></div>"));
  EXPECT_EQ(article.byline, "Kim Writer");
  EXPECT_EQ(article.content_text.find("Kim Writer"), std::string::npos);
}

TEST(ExtractMetadata, PublishedFromTimeElementWhenNoMetaSaysIt) {
  const Article article = extract_ok(page_with_head(
      "<title>A page about nothing at all</title>",
      "<time pubdate datetime=\"2020-02-29\">29 Feb</time>"));
  ASSERT_TRUE(article.published);
  EXPECT_EQ(format_rfc3339(*article.published), "2020-02-29T00:00:00Z");
}

TEST(ExtractMetadata, ExcerptFallsBackToTheFirstParagraph) {
  const Article article = extract_ok(page_with_head("<title>A page about nothing at all</title>"));
  EXPECT_EQ(article.excerpt.substr(0, 16), "Ein Absatz mit g");
}

TEST(PageCharset, ByteOrderMarkWins) {
  const DecodedPage page = decode_html_page("\xEF\xBB\xBF<p>caf\xC3\xA9</p>", "text/html; charset=iso-8859-1");
  EXPECT_EQ(page.charset, "utf-8");
  EXPECT_EQ(page.utf8, "<p>caf\xC3\xA9</p>");
}

TEST(PageCharset, HttpCharsetBeforeMeta) {
  const DecodedPage page = decode_html_page("<meta charset=utf-8><p>\xE9t\xE9</p>", "text/html; charset=ISO-8859-1");
  EXPECT_EQ(page.utf8, "<meta charset=utf-8><p>\xC3\xA9t\xC3\xA9</p>");
}

TEST(PageCharset, MetaCharsetAndHttpEquiv) {
  EXPECT_EQ(decode_html_page("<meta charset=\"windows-1251\"><p>\xCF\xF0\xE8</p>", "").utf8,
            "<meta charset=\"windows-1251\"><p>\xD0\x9F\xD1\x80\xD0\xB8</p>");
  EXPECT_EQ(find_meta_charset("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=KOI8-R\">"),
            "koi8-r");
}

TEST(PageCharset, UndeclaredBytesAreUtf8WhenValidElseWindows1252) {
  EXPECT_EQ(decode_html_page("<p>caf\xC3\xA9</p>", "").charset, "utf-8");
  const DecodedPage legacy = decode_html_page("<p>caf\xE9 \x93quoted\x94</p>", "");
  EXPECT_EQ(legacy.charset, "windows-1252");
  EXPECT_EQ(legacy.utf8, "<p>caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D</p>");
}

TEST(PageCharset, Utf16DeclaredInMetaMeansUtf8) {
  EXPECT_EQ(decode_html_page("<meta charset=utf-16><p>caf\xC3\xA9</p>", "").charset, "utf-8");
}

TEST(PageCharset, BinaryDetection) {
  EXPECT_TRUE(looks_like_binary(std::string("GIF89a\0\0\0", 9)));
  EXPECT_FALSE(looks_like_binary("<!doctype html><p>text</p>"));
  EXPECT_FALSE(looks_like_binary(std::string("\xFF\xFE<\0p\0>\0", 8)));
}

}  // namespace
}  // namespace feeds
