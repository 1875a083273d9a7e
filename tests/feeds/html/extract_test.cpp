#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "feeds/html/extract.hpp"
#include "feeds/html/site_rules.hpp"
#include "feeds/parse/date.hpp"

namespace feeds {
namespace {

using std::string_literals::operator""s;
using std::string_view_literals::operator""sv;

const std::string kData = FEEDD_TEST_DATA_DIR "/extract/";
const std::string kSeedUrl =
    "https://www.mintpressnews.com/russia-quit-international-criminal-court/222086/";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string trim_trailing_whitespace(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t')) {
    text.pop_back();
  }
  return text;
}

Result<Article> extract(std::string_view html, std::string_view url = "https://example.org/a") {
  ExtractRequest request;
  request.bytes = html;
  request.url = url;
  return extract_article(request);
}

/// An article page of `paragraphs` paragraphs of ordinary prose.
std::string article_page(int paragraphs, std::string_view head = "") {
  std::string html = "<!DOCTYPE html><html><head><title>A title of several words here</title>"s;
  html.append(head).append("</head><body><div class=\"entry-content\">");
  for (int i = 0; i < paragraphs; ++i) {
    html += "<p>Paragraph " + std::to_string(i) +
            " tells, at some length, what happened in the town, who said what, and why it "
            "matters to the people who live there and read the paper every morning.</p>";
  }
  return html + "</div></body></html>";
}

TEST(ExtractSeed, TextIsExactlyTheArticleBody) {
  const std::string page = read_file(kData + "seed.html");
  ASSERT_FALSE(page.empty());
  auto article = extract(page, kSeedUrl);
  ASSERT_TRUE(article) << article.error().message;
  const std::string expected =
      read_file(FEEDD_SHARED_DIR "/corpora/seed/expected-body.txt");
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(trim_trailing_whitespace(article->content_text), trim_trailing_whitespace(expected));
}

TEST(ExtractSeed, MetadataNamesTitleBylineDateAndLeadImage) {
  auto article = extract(read_file(kData + "seed.html"), kSeedUrl);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->title, "Why Russia Just Quit The International Criminal Court");
  EXPECT_EQ(article->byline, "Darius Shahtahmasebi");
  ASSERT_TRUE(article->published.has_value());
  EXPECT_EQ(format_rfc3339(*article->published).substr(0, 10), "2016-11-18");
  EXPECT_EQ(article->lead_image_url,
            "https://www.mintpressnews.com/wp-content/uploads/2016/11/Russia-Putin-ICC.jpg");
  EXPECT_EQ(article->site_name, "MintPress News");
  EXPECT_EQ(article->canonical_url, kSeedUrl);
  EXPECT_EQ(article->language, "en-US");
  EXPECT_EQ(article->method, ExtractMethod::readability);
  EXPECT_GT(article->quality, 0.5);
}

TEST(ExtractSeed, ContentHtmlHasNoChromeAndAbsoluteLinks) {
  auto article = extract(read_file(kData + "seed.html"), kSeedUrl);
  ASSERT_TRUE(article) << article.error().message;
  const std::string& html = article->content_html;
  EXPECT_NE(html.find("<blockquote>"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://www.icc-cpi.int/\""), std::string::npos);
  for (const char* junk : {"Follow Us", "Rokfin", "Comments", "What’s Hot", "Privacy Policy",
                           "Creative Commons", "Share this", "<script", "Novo-Ogaryovo"}) {
    EXPECT_EQ(html.find(junk), std::string::npos) << junk;
  }
}

TEST(ExtractNoArticle, HomePageOfTeasersIsNoArticle) {
  auto article = extract(read_file(kData + "home.html"));
  ASSERT_FALSE(article);
  EXPECT_EQ(article.error().code, ErrorCode::malformed);
  EXPECT_NE(article.error().message.find("no article"), std::string::npos);
}

TEST(ExtractNoArticle, LoginWallIsNoArticle) {
  auto article = extract(read_file(kData + "login.html"));
  ASSERT_FALSE(article);
  EXPECT_NE(article.error().message.find("no article"), std::string::npos);
}

TEST(ExtractNoArticle, ShortArticleStillCounts) {
  auto article = extract(article_page(3));
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_NE(article->content_text.find("Paragraph 2 tells"), std::string::npos);
}

TEST(ExtractHostile, EmptyAndBlankPagesAreMalformed) {
  for (std::string_view page : {""sv, " \n\t "sv}) {
    auto article = extract(page);
    ASSERT_FALSE(article);
    EXPECT_EQ(article.error().code, ErrorCode::malformed);
    EXPECT_NE(article.error().message.find("empty"), std::string::npos);
  }
}

TEST(ExtractHostile, BinaryDataIsNotHtml) {
  std::string png = "\x89PNG\r\n\x1a\n"s + std::string(64, '\0') + "IHDR";
  auto article = extract(png);
  ASSERT_FALSE(article);
  EXPECT_NE(article.error().message.find("binary"), std::string::npos);
}

TEST(ExtractHostile, TwentyMegabytesAreRefusedAtOnce) {
  std::string page = "<html><body><p>" + std::string(20 * 1024 * 1024, 'a') + "</p></body></html>";
  auto article = extract(page);
  ASSERT_FALSE(article);
  EXPECT_EQ(article.error().code, ErrorCode::too_large);
}

TEST(ExtractHostile, LargePageUnderTheLimitIsExtracted) {
  std::string page = article_page(4000);  // about 700 KB of paragraphs
  auto article = extract(page);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_NE(article->content_text.find("Paragraph 3999 tells"), std::string::npos);
}

TEST(ExtractHostile, HundredThousandNestedDivsFinishWithAResult) {
  std::string page = "<html><body>";
  for (int i = 0; i < 100000; ++i) page += "<div>";
  page += "deep text";
  for (int i = 0; i < 100000; ++i) page += "</div>";
  page += "</body></html>";
  // Finishing at all is the point (ctest's TIMEOUT bounds it); how fast is bench_extract's
  // question, not a test's.
  auto article = extract(page);
  // Tags beyond the nesting cap are parsed as text (dom.hpp), so what remains is one long text.
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_NE(article->content_text.find("deep text"), std::string::npos);
}

TEST(ExtractHostile, PageWithoutBodyTagStillYieldsItsArticle) {
  std::string page = article_page(6);
  for (std::string tag : {"<body>"s, "</body>"s, "<html>"s, "</html>"s}) {
    page.erase(page.find(tag), tag.size());
  }
  auto article = extract(page);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_NE(article->content_text.find("Paragraph 5 tells"), std::string::npos);
}

TEST(ExtractHostile, HeadOnlyDocumentIsNoArticle) {
  auto article = extract("<html><head><title>Nothing</title></head></html>");
  ASSERT_FALSE(article);
  EXPECT_NE(article.error().message.find("no article"), std::string::npos);
}

TEST(ExtractSelectors, ContentSelectorXPathWins) {
  std::string page = article_page(6);
  page.insert(page.find("<div class=\"entry-content\">"),
              "<div id=\"chosen\"><p>Only this paragraph was chosen by the feed's selector, and it "
              "is long enough to be an article of its own for the quality check, surely it is; "
              "it goes on and on about the subject until the reader is tired of it all. "
              "Another sentence follows here to make it longer still, with more words.</p>"
              "<p>A second chosen paragraph adds more words, so that the chosen part has some "
              "weight, and the score of its quality stays above the floor of the extractor.</p>"
              "<p>A third chosen paragraph, for good measure, repeats that this is the part the "
              "selector named and nothing else from the page belongs in the result.</p></div>");
  ExtractRequest request;
  request.bytes = page;
  request.url = "https://example.org/a";
  request.content_selector = "//div[@id='chosen']";
  auto article = extract_article(request);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->method, ExtractMethod::selector);
  EXPECT_NE(article->content_text.find("Only this paragraph"), std::string::npos);
  EXPECT_EQ(article->content_text.find("Paragraph 1 tells"), std::string::npos);
}

TEST(ExtractSelectors, RemoveSelectorDropsJunkBeforeScoring) {
  std::string page = article_page(6);
  page.insert(page.find("</div></body>"), "<p class=\"promo\">Buy our mug, it is a very fine mug "
                                           "with the logo of the paper on it, now.</p>");
  ExtractRequest request;
  request.bytes = page;
  request.url = "https://example.org/a";
  request.remove_selector = "//p[@class='promo']";
  auto article = extract_article(request);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->content_text.find("mug"), std::string::npos);
  EXPECT_EQ(article->method, ExtractMethod::readability);
}

TEST(ExtractSelectors, CssSelectorsWorkLikeXPath) {
  std::string page = article_page(6);
  page.insert(page.find("</div></body>"), "<p class=\"promo box\">Buy our mug, it is a very fine mug "
                                           "with the logo of the paper on it, now.</p>");
  ExtractRequest request;
  request.bytes = page;
  request.url = "https://example.org/a";
  request.remove_selector = "p.promo, .newsletter";
  auto article = extract_article(request);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->content_text.find("mug"), std::string::npos);
}

TEST(ExtractSiteRules, BodyAndStripRulesDecideTheArticle) {
  std::string page = article_page(6);
  page.insert(page.find("</div></body>"),
              "<div id=\"story\"><p>The site rule names this block as the body of the story, and "
              "it is long enough, with commas, clauses and sentences, to be an article.</p>"
              "<p class=\"share-tools\">Share this on every network you know of, please.</p>"
              "<p>A second paragraph of the story chosen by the rule, again with enough words to "
              "count as prose for the quality floor of the extractor.</p></div>");
  auto rules = parse_site_rules("body: //div[@id='story']\nstrip_id_or_class: share-tools\n", "example.org.txt");
  ASSERT_TRUE(rules) << rules.error().message;
  ExtractRequest request;
  request.bytes = page;
  request.url = "https://example.org/a";
  request.site_rules = &*rules;
  auto article = extract_article(request);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->method, ExtractMethod::site_rule);
  EXPECT_NE(article->content_text.find("The site rule names this block"), std::string::npos);
  EXPECT_EQ(article->content_text.find("Share this"), std::string::npos);
  EXPECT_EQ(article->content_text.find("Paragraph 1 tells"), std::string::npos);
}

TEST(ExtractSelectors, BrokenXPathIsInvalidArgument) {
  const std::string page = article_page(6);
  ExtractRequest request;
  request.bytes = page;
  request.content_selector = "//div[";
  auto article = extract_article(request);
  ASSERT_FALSE(article);
  EXPECT_EQ(article.error().code, ErrorCode::invalid_argument);
}

TEST(ExtractSignals, ItemPropArticleBodyReplacesAClippedScore) {
  // The body is split into short divs that Readability scores poorly; itemprop marks it.
  std::string page = "<html><head><title>Item prop page title words</title></head><body>"
                     "<div class=\"comments\"><p>Great article, thanks, really, I mean it, "
                     "thanks a lot, sincerely, from me.</p></div>"
                     "<div itemprop=\"articleBody\">";
  for (int i = 0; i < 12; ++i) {
    page += "<div><span>Line " + std::to_string(i) +
            " of a body made of spans that go on for a while about the subject.</span></div>";
  }
  page += "</div></body></html>";
  auto article = extract(page);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_NE(article->content_text.find("Line 11 of a body"), std::string::npos);
}

TEST(ExtractSignals, JsonLdArticleBodyWhenThePageHasNone) {
  std::string body;
  for (int i = 0; i < 8; ++i) {
    body += "Sentence group " + std::to_string(i) +
            " of the article body, only in JSON-LD, with enough words to count.\\n";
  }
  const std::string page =
      "<html><head><title>Script rendered article page</title>"
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
      "\"@type\":\"NewsArticle\",\"headline\":\"Script rendered\",\"articleBody\":\"" +
      body + "\"}</script></head><body><div id=\"app\">Loading…</div></body></html>";
  auto article = extract(page);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->method, ExtractMethod::json_ld);
  EXPECT_NE(article->content_text.find("Sentence group 7"), std::string::npos);
  EXPECT_NE(article->content_text.find("count.\n\nSentence group 1"), std::string::npos);
}

TEST(ExtractCleaning, BylineRepeatedInTheBodyIsRemoved) {
  std::string page = article_page(5, "<meta name=\"author\" content=\"Jane Doe\">");
  page.insert(page.find("<p>Paragraph 0"), "<p class=\"credit\">By Jane Doe</p>");
  auto article = extract(page);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->byline, "Jane Doe");
  EXPECT_EQ(article->content_text.find("Jane Doe"), std::string::npos);
}

TEST(ExtractCleaning, CaptionRepeatedAsCreditAndAltAppearsOnce) {
  const std::string caption = "The mayor opens the new bridge over the river on Monday morning";
  std::string page = article_page(5);
  page.insert(page.find("<p>Paragraph 2"),
              "<figure><img src=\"/b.jpg\" alt=\"" + caption + "\"><figcaption>" + caption +
                  " (Photo: City)</figcaption><span>" + caption + "</span></figure>");
  auto article = extract(page);
  ASSERT_TRUE(article) << article.error().message;
  const std::string& text = article->content_text;
  ASSERT_NE(text.find("The mayor opens"), std::string::npos);
  EXPECT_EQ(text.find("The mayor opens", text.find("The mayor opens") + 1), std::string::npos);
  EXPECT_EQ(article->content_html.find("alt=\"The mayor"), std::string::npos);
  EXPECT_NE(article->content_html.find("src=\"https://example.org/b.jpg\""), std::string::npos);
}

TEST(ExtractCleaning, HiddenElementsAndShareBarsAreRemoved) {
  std::string page = article_page(5);
  page.insert(page.find("<p>Paragraph 1"),
              "<p style=\"display: none\">Invisible sentence that nobody sees on the page.</p>"
              "<div class=\"share-buttons\"><a href=\"#\">Share on Facebook</a></div>");
  auto article = extract(page);
  ASSERT_TRUE(article) << article.error().message;
  EXPECT_EQ(article->content_text.find("Invisible"), std::string::npos);
  EXPECT_EQ(article->content_text.find("Share on"), std::string::npos);
}

}  // namespace
}  // namespace feeds
