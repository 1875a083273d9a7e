#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <pugixml.hpp>

#include "feeds/html/css_selector.hpp"
#include "feeds/html/dom.hpp"
#include "feeds/html/html_serialize.hpp"
#include "feeds/html/site_rules.hpp"
#include "feeds/html/site_rules_set.hpp"

namespace {

using namespace std::string_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

feeds::SiteRules parse_ok(std::string_view text) {
  feeds::Result<feeds::SiteRules> rules = feeds::parse_site_rules(text, "site.txt");
  EXPECT_TRUE(rules) << rules.error().message;
  return rules ? std::move(*rules) : feeds::SiteRules{};
}

std::string parse_error(std::string_view text) {
  feeds::Result<feeds::SiteRules> rules = feeds::parse_site_rules(text, "site.txt");
  EXPECT_FALSE(rules) << text;
  return rules ? ""s : rules.error().message;
}

// ---- parsing ------------------------------------------------------------------------------

TEST(ParseSiteRules, ReadsEveryDirective) {
  const feeds::SiteRules rules = parse_ok(
      "\xEF\xBB\xBF# A site file\n"
      "title: //h1\n"
      "  # an indented comment\n"
      "title: //meta[@property=\"og:title\"]/@content\r\n"
      "body: //article\n"
      "author: substring-after(//p[@class='by'], 'By ')\n"
      "date: //time/@datetime\n"
      "strip: //aside\n"
      "strip_id_or_class: share\n"
      "strip_image_src: /pixel.gif\n"
      "single_page_link: //a[@class='print']\n"
      "next_page_link: //a[@rel='next']\n"
      "native_ad_clue: //div[@class='sponsored']\n"
      "\n"
      "prune: no\n"
      "autodetect_on_failure: NO\n"
      "tidy: yes\n"
      "parser: html5php\n"
      "find_string: <p>&nbsp;</p>\n"
      "replace_string:\n"
      "replace_string(<a href=\"x:y\">): <b>\n"
      "http_header(User-Agent): Mozilla/5.0 (X11; Linux: x86_64)\n"
      "http_header(cookie): consent=yes\n"
      "test_url: https://example.com/a\n"
      "test_contains: first\n"
      "test_contains: second\n"
      "test_url: https://example.com/b\n"
      "TITLE:   //h2   \n");
  EXPECT_THAT(rules.title, ElementsAre("//h1", "//meta[@property=\"og:title\"]/@content", "//h2"));
  EXPECT_THAT(rules.body, ElementsAre("//article"));
  EXPECT_THAT(rules.author, ElementsAre("substring-after(//p[@class='by'], 'By ')"));
  EXPECT_THAT(rules.date, ElementsAre("//time/@datetime"));
  EXPECT_THAT(rules.strip, ElementsAre("//aside"));
  EXPECT_THAT(rules.strip_id_or_class, ElementsAre("share"));
  EXPECT_THAT(rules.strip_image_src, ElementsAre("/pixel.gif"));
  EXPECT_THAT(rules.single_page_link, ElementsAre("//a[@class='print']"));
  EXPECT_THAT(rules.next_page_link, ElementsAre("//a[@rel='next']"));
  EXPECT_THAT(rules.native_ad_clues, ElementsAre("//div[@class='sponsored']"));
  EXPECT_FALSE(rules.prune);
  EXPECT_FALSE(rules.autodetect_on_failure);
  EXPECT_EQ(rules.tidy, true);
  EXPECT_EQ(rules.parser, "html5php");
  ASSERT_EQ(rules.replacements.size(), 2u);
  EXPECT_EQ(rules.replacements[0].find, "<p>&nbsp;</p>");
  EXPECT_EQ(rules.replacements[0].replace, "");
  EXPECT_EQ(rules.replacements[1].find, "<a href=\"x:y\">");
  EXPECT_EQ(rules.replacements[1].replace, "<b>");
  ASSERT_EQ(rules.http_headers.size(), 2u);
  EXPECT_EQ(rules.http_headers[0].first, "User-Agent");
  EXPECT_EQ(rules.http_headers[0].second, "Mozilla/5.0 (X11; Linux: x86_64)");
  EXPECT_EQ(rules.http_headers[1].second, "consent=yes");
  ASSERT_EQ(rules.tests.size(), 2u);
  EXPECT_EQ(rules.tests[0].url, "https://example.com/a");
  EXPECT_THAT(rules.tests[0].contains, ElementsAre("first", "second"));
  EXPECT_THAT(rules.tests[1].contains, IsEmpty());
  EXPECT_THAT(rules.warnings, IsEmpty());
}

TEST(ParseSiteRules, DefaultsMatchFtr) {
  const feeds::SiteRules rules = parse_ok("# nothing but a comment\n\n");
  EXPECT_TRUE(rules.prune);
  EXPECT_TRUE(rules.autodetect_on_failure);
  EXPECT_FALSE(rules.tidy.has_value());
  EXPECT_TRUE(rules.body.empty());
}

TEST(ParseSiteRules, PairsFindAndReplaceLinesInOrder) {
  const feeds::SiteRules rules = parse_ok(
      "find_string: a\n"
      "find_string: b\n"
      "title: //h1\n"
      "replace_string: A\n"
      "replace_string(c): C\n"
      "replace_string: B\n");
  ASSERT_EQ(rules.replacements.size(), 3u);
  EXPECT_EQ(rules.replacements[0].find + rules.replacements[0].replace, "aA");
  EXPECT_EQ(rules.replacements[1].find + rules.replacements[1].replace, "cC");
  EXPECT_EQ(rules.replacements[2].find + rules.replacements[2].replace, "bB");
}

TEST(ParseSiteRules, WarnsAboutWhatItIgnoresWithSourceAndLine) {
  const feeds::SiteRules rules = parse_ok(
      "body: //article\n"
      "frobnicate: yes\n"
      "login_uri: https://example.com/login\n"
      "body: //div[\n"
      "body: string(//p)\n"
      "test_contains: orphan\n"
      "title(x): //h1\n"
      "strip_id_or_class:\n"
      "http_header(Bad Name): x\n");
  EXPECT_THAT(rules.body, ElementsAre("//article"));
  ASSERT_EQ(rules.warnings.size(), 8u);
  EXPECT_EQ(rules.warnings[0], "site.txt:2: unknown directive 'frobnicate'; ignored");
  EXPECT_EQ(rules.warnings[1], "site.txt:3: directive 'login_uri' is not supported; ignored");
  EXPECT_THAT(rules.warnings[2], ::testing::StartsWith("site.txt:4: body: xpath: position "));
  EXPECT_THAT(rules.warnings[2], HasSubstr("; rule dropped"));
  EXPECT_EQ(rules.warnings[3],
            "site.txt:5: body: xpath: expression does not select nodes; rule dropped");
  EXPECT_EQ(rules.warnings[4], "site.txt:6: test_contains before any test_url; ignored");
  EXPECT_EQ(rules.warnings[5], "site.txt:7: directive 'title' takes no argument; line ignored");
  EXPECT_EQ(rules.warnings[6], "site.txt:8: strip_id_or_class without a value; ignored");
  EXPECT_EQ(rules.warnings[7],
            "site.txt:9: http_header(Bad Name): invalid header name or value; ignored");
}

TEST(ParseSiteRules, StringValuedExpressionsAreFineWhereTextIsWanted) {
  const feeds::SiteRules rules = parse_ok("title: string(//h1)\ndate: concat(//y, '-', //m)\n");
  EXPECT_THAT(rules.title, ElementsAre("string(//h1)"));
  EXPECT_THAT(rules.date, ElementsAre("concat(//y, '-', //m)"));
  EXPECT_THAT(rules.warnings, IsEmpty());
}

TEST(ParseSiteRules, RejectsMalformedFilesNamingSourceAndLine) {
  EXPECT_EQ(parse_error("title: //h1\njust some words\n"),
            "site.txt:2: expected 'directive: value'");
  EXPECT_EQ(parse_error(": //h1\n"), "site.txt:1: expected 'directive: value'");
  EXPECT_EQ(parse_error("\n\nprune: maybe\n"),
            "site.txt:3: prune: expected yes or no, got 'maybe'");
  EXPECT_EQ(parse_error("replace_string: x\n"),
            "site.txt:1: replace_string without a preceding find_string");
  EXPECT_EQ(parse_error("find_string: a\nfind_string: b\nreplace_string: x\n"),
            "site.txt:2: find_string without a replace_string");
  EXPECT_EQ(parse_error("find_string:\n"), "site.txt:1: empty find_string");
  EXPECT_EQ(parse_error("replace_string(): x\n"), "site.txt:1: empty replace_string() argument");
  EXPECT_EQ(parse_error("replace_string(abc: d\n"),
            "site.txt:1: expected '): ' after the argument of replace_string");
  EXPECT_EQ(parse_error("http_header: x\n"), "site.txt:1: expected http_header(NAME): VALUE");
  EXPECT_EQ(parse_error("title: a\0b\n"s), "site.txt:1: NUL byte in line");
}

/// Random line soup from directive names and punctuation: never an exception, and every error
/// names the source and a line of the input.
TEST(ParseSiteRules, NeverThrowsOnArbitraryText) {
  const std::vector<std::string> pieces = {
      "title",       "body",     "strip", "prune",    "find_string", "replace_string",
      "http_header", "test_url", ": ",    ":",        "(",           ")",
      "):",          "//p",      "[@a='", "yes",      "no",          "#",
      " ",           "\n",       "\r\n",  "\xC3\xA9", "x",           "("};
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 40);
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    for (int n = length(random); n > 0; --n) text += pieces[pick(random)];
    const feeds::Result<feeds::SiteRules> rules = feeds::parse_site_rules(text, "soup.txt");
    if (!rules) {
      EXPECT_TRUE(rules.error().message.starts_with("soup.txt:")) << rules.error().message;
    } else {
      for (const std::string& warning : rules->warnings) {
        EXPECT_TRUE(warning.starts_with("soup.txt:")) << warning;
      }
    }
  }
}

// ---- applying -----------------------------------------------------------------------------

struct Page {
  pugi::xml_document document;
  explicit Page(std::string_view html) { feeds::parse_html_document(html, document); }

  std::string ids(const char* xpath = "//*[@id]") const {
    std::string out;
    for (const pugi::xpath_node& node : document.select_nodes(xpath)) {
      if (!out.empty()) out += ' ';
      out += node.node().attribute("id").value();
    }
    return out;
  }
};

TEST(ApplyReplacements, ReplacesEveryOccurrenceOfEachPairInOrder) {
  feeds::SiteRules rules;
  // A replacement's output is not searched again by the same pair, so "a" → "aa" terminates.
  rules.replacements = {{"a", "aa"}, {"aaaa", "x"}, {"", "never"}};
  EXPECT_EQ(feeds::apply_replacements("aa b", rules), "x b");
  EXPECT_EQ(feeds::apply_replacements("", rules), "");
  rules.replacements = {{"<amp-img", "<img"}, {"</amp-img>", ""}};
  EXPECT_EQ(feeds::apply_replacements("<amp-img src=1></amp-img><amp-img src=2></amp-img>", rules),
            "<img src=1><img src=2>");
}

TEST(ApplySiteRulesBefore, StripsByXPathIdOrClassSubstringAndImageSource) {
  Page page(R"(<body>
    <div id="keep" style="color:red">
      <div id="ad1" class="ad"><div id="ad2" class="ad">nested</div></div>
      <p id="share" class="x">by id</p>
      <p id="p1" class="post share-tools">in the class list</p>
      <span id="p2" class="mw-editsection-bracket">substring of a class, as ftr matches</span>
      <p id="p3" class="edit section">no single class holds it</p>
      <p id="toolbox-editsection">substring of an id</p>
      <img id="i1" src="https://ads.example/pixel.gif?x=1"><img id="i2" src="/photo.jpg">
      <span id="s1" src="/pixel.gif">not an img</span>
    </div></body>)");
  feeds::SiteRules rules;
  rules.strip = {"//div[@class='ad']", "//@style"};
  rules.strip_id_or_class = {"share", "editsection"};
  rules.strip_image_src = {"pixel.gif"};
  std::vector<std::string> warnings;
  feeds::apply_site_rules_before(page.document, rules, &warnings);
  EXPECT_EQ(page.ids(), "keep p3 i2 s1");
  EXPECT_FALSE(page.document.select_node("//*[@style]"));
  EXPECT_THAT(warnings, IsEmpty());
}

TEST(ApplySiteRulesBefore, ABrokenExpressionIsAWarningAndTheRestStillApplies) {
  Page page("<body><p id=a>1</p><p id=b class=x>2</p></body>");
  feeds::SiteRules rules;
  rules.strip = {"//p[", "//p[@id='a']"};
  rules.strip_id_or_class = {"x"};
  std::vector<std::string> warnings;
  feeds::apply_site_rules_before(page.document, rules, &warnings);
  EXPECT_EQ(page.ids(), "");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0], ::testing::StartsWith("xpath '//p[': "));
}

TEST(SelectBody, TakesTheFirstExpressionThatMatches) {
  Page page("<body><main id=m><article id=a>text</article></main></body>");
  feeds::SiteRules rules;
  rules.body = {"//div[@class='none']", "//main/@id", "//article", "//main"};
  const pugi::xml_node body = feeds::select_body(page.document, rules);
  ASSERT_TRUE(body);
  EXPECT_STREQ(body.attribute("id").value(), "a");
  rules.body = {"//section"};
  EXPECT_FALSE(feeds::select_body(page.document, rules));
}

TEST(SelectBody, WrapsSeveralMatchesInADivInDocumentOrder) {
  Page page(R"(<body><div id=top>
      <p id=lede>lede</p><aside id=ad>ad</aside>
      <div id=story><p id=inner>story</p></div></div><footer id=f></footer></body>)");
  feeds::SiteRules rules;
  rules.body = {"//div[@id='story'] | //p | //p[@id='lede']"};
  const pugi::xml_node body = feeds::select_body(page.document, rules);
  ASSERT_TRUE(body);
  EXPECT_STREQ(body.name(), "div");
  EXPECT_EQ(feeds::serialize_html_children(body),
            "<p id=\"lede\">lede</p><div id=\"story\"><p id=\"inner\">story</p></div>");
  // The wrapper sits where the first match was; the rest of the page is untouched.
  EXPECT_STREQ(body.parent().attribute("id").value(), "top");
  EXPECT_STREQ(body.next_sibling().attribute("id").value(), "ad");
  EXPECT_EQ(page.ids(), "top lede story inner ad f");
}

TEST(SelectText, TriesExpressionsInOrderAndReadsNodesOrStrings) {
  Page page(R"(<html><head><meta property="og:title" content="  OG   title ">
      <meta name="date" content="2024-05-01"></head><body>
      <h1 id=h>  Head <script>var x;</script><b>line</b>
      </h1><p class=by>By Ann Lee</p><p class=empty> </p></body></html>)");
  using Paths = std::vector<std::string>;
  EXPECT_EQ(feeds::select_text(page.document, Paths{"//h2", "//h1"}), "Head line");
  EXPECT_EQ(feeds::select_text(page.document, Paths{"//meta[@property='og:title']/@content"}),
            "OG title");
  EXPECT_EQ(feeds::select_text(page.document, Paths{"substring-after(//p[@class='by'], 'By ')"}),
            "Ann Lee");
  EXPECT_EQ(feeds::select_text(page.document, Paths{"string(//meta[@name='date']/@content)"}),
            "2024-05-01");
  EXPECT_EQ(feeds::select_text(page.document, Paths{"//p[@class='empty'] | //p[@class='by']"}),
            "By Ann Lee");
  EXPECT_EQ(feeds::select_text(page.document, Paths{"//h1/text()"}), "Head");
  EXPECT_EQ(feeds::select_text(page.document, Paths{"//p[@class='empty']", "//h3"}), std::nullopt);
  std::vector<std::string> warnings;
  EXPECT_EQ(feeds::select_text(page.document, Paths{"//h1[", "//h1"}, &warnings), "Head line");
  EXPECT_EQ(warnings.size(), 1u);
}

TEST(SelectPageLinks, ResolveHrefsAttributesAndStringsAgainstTheBase) {
  Page page(R"html(<body><div class=pager><a href="javascript:next()" rel=next>js</a>
      <a href="page/2?x=1" rel=next id=n>2</a></div>
      <a class=print href="//cdn.example.org/print/42">print</a>
      <span id=nexturl>  /articles/42?page=3 </span></body>)html");
  const std::string base = "https://www.example.com/articles/42";
  feeds::SiteRules rules;
  rules.next_page_link = {"//a[@rel='nope']", "//a[@rel='next']"};
  rules.single_page_link = {"//a[@class='print']/@href"};
  EXPECT_EQ(feeds::select_next_page_link(page.document, rules, base),
            "https://www.example.com/articles/page/2?x=1");
  EXPECT_EQ(feeds::select_single_page_link(page.document, rules, base),
            "https://cdn.example.org/print/42");
  rules.next_page_link = {"//span[@id='nexturl']"};
  EXPECT_EQ(feeds::select_next_page_link(page.document, rules, base),
            "https://www.example.com/articles/42?page=3");
  rules.next_page_link = {"concat('/p/', count(//a))"};
  EXPECT_EQ(feeds::select_next_page_link(page.document, rules, base),
            "https://www.example.com/p/3");
  rules.next_page_link = {"//a[@id='missing']", "//a[@rel='next'][1]/@rel"};
  EXPECT_EQ(feeds::select_next_page_link(page.document, rules, base),
            "https://www.example.com/articles/next");
  rules.next_page_link = {"//a[starts-with(@href, 'javascript')]"};
  EXPECT_EQ(feeds::select_next_page_link(page.document, rules, base), std::nullopt);
  rules.next_page_link = {};
  EXPECT_EQ(feeds::select_next_page_link(page.document, rules, base), std::nullopt);
}

TEST(SelectBy, AppliesFeedSelectorsCompiledFromCss) {
  Page page(R"(<body><article><div class="entry-content" id=c><p id=p>text</p>
      <div class="share" id=s>share</div><div class=related id=r>more</div></div>
      </article></body>)");
  const feeds::Result<std::string> remove = feeds::compile_selector(".share, .related");
  const feeds::Result<std::string> content = feeds::compile_selector("article .entry-content");
  ASSERT_TRUE(remove && content);
  feeds::remove_by(page.document, *remove);
  const pugi::xml_node selected = feeds::select_by(page.document, *content);
  ASSERT_TRUE(selected);
  EXPECT_STREQ(selected.attribute("id").value(), "c");
  EXPECT_EQ(page.ids(), "c p");
  EXPECT_FALSE(feeds::select_by(page.document, *feeds::compile_selector("section")));
  std::vector<std::string> warnings;
  EXPECT_FALSE(feeds::select_by(page.document, "//p[", &warnings));
  EXPECT_EQ(warnings.size(), 1u);
}

// ---- rule sets ----------------------------------------------------------------------------

feeds::SiteRules rules_titled(std::string title) {
  feeds::SiteRules rules;
  rules.title.push_back(std::move(title));
  return rules;
}

std::string found_title(const feeds::SiteRuleSet& set, std::string_view host) {
  const feeds::SiteRules* rules = set.find(host);
  return rules == nullptr ? "none" : rules->title.empty() ? "" : rules->title.front();
}

TEST(SiteRuleSet, LooksUpHostsTheFtrWay) {
  feeds::SiteRuleSet set;
  set.add("example.com", rules_titled("bare"));
  set.add(".example.com", rules_titled("wildcard"));
  set.add("news.example.com", rules_titled("news"));
  set.add(".b.example.com", rules_titled("wildcard b"));
  set.add("www.other.org", rules_titled("www other"));
  set.add("Upper.Example.NET", rules_titled("upper"));
  EXPECT_EQ(set.size(), 6u);
  EXPECT_EQ(found_title(set, "example.com"), "bare");
  EXPECT_EQ(found_title(set, "www.example.com"), "bare");  // ".example.com" never serves www
  EXPECT_EQ(found_title(set, "news.example.com"), "news");
  EXPECT_EQ(found_title(set, "sport.example.com"), "wildcard");
  EXPECT_EQ(found_title(set, "www.sport.example.com"), "wildcard");
  EXPECT_EQ(found_title(set, "a.b.example.com"), "wildcard b");
  EXPECT_EQ(found_title(set, "x.a.c.example.com"), "wildcard");
  EXPECT_EQ(found_title(set, "NEWS.Example.COM."), "news");
  EXPECT_EQ(found_title(set, "upper.example.net"), "upper");
  EXPECT_EQ(found_title(set, "www.other.org"), "www other");
  EXPECT_EQ(found_title(set, "other.org"), "none");
  EXPECT_EQ(found_title(set, "example.org"), "none");
  EXPECT_EQ(found_title(set, ""), "none");
}

TEST(SiteRuleSet, MergesGlobalRulesAfterTheSitesOwn) {
  feeds::SiteRuleSet set;
  feeds::SiteRules site = rules_titled("//h1");
  site.http_headers = {{"User-Agent", "site"}};
  site.prune = false;
  set.add("example.com", site);
  feeds::SiteRules strict = rules_titled("//h2");
  strict.autodetect_on_failure = false;
  set.add("strict.example.com", strict);
  EXPECT_EQ(set.find("example.com")->title.size(), 1u);

  feeds::SiteRules global = rules_titled("//meta/@content");
  global.strip_image_src = {"doubleclick.net"};
  global.replacements = {{"<amp-img", "<img"}};
  global.http_headers = {{"user-agent", "global"}, {"Accept-Language", "en"}};
  set.add("global", global);
  const feeds::SiteRules* merged = set.find("www.example.com");
  ASSERT_NE(merged, nullptr);
  EXPECT_THAT(merged->title, ElementsAre("//h1", "//meta/@content"));
  EXPECT_THAT(merged->strip_image_src, ElementsAre("doubleclick.net"));
  EXPECT_EQ(merged->replacements.size(), 1u);
  ASSERT_EQ(merged->http_headers.size(), 2u);
  EXPECT_EQ(merged->http_headers[0].second, "site");
  EXPECT_EQ(merged->http_headers[1].first, "Accept-Language");
  EXPECT_FALSE(merged->prune);
  // autodetect_on_failure: no keeps a site file from being merged (ftr "site config merging").
  EXPECT_THAT(set.find("strict.example.com")->title, ElementsAre("//h2"));
  EXPECT_THAT(set.find("unknown.org")->title, ElementsAre("//meta/@content"));
  EXPECT_EQ(set.size(), 2u);
}

// ---- golden: realistic rule files and pages ---------------------------------------------

std::string read_data(const std::string& relative) {
  std::ifstream in(std::string(FEEDD_TEST_DATA_DIR) + "/site-rules/" + relative, std::ios::binary);
  EXPECT_TRUE(in) << relative;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

feeds::SiteRuleSet load_fixture_rules() {
  feeds::SiteRuleSet set;
  for (const char* name : {"global", "harbour-gazette.test", ".longreads.test"}) {
    const std::string file = name + ".txt"s;
    feeds::Result<feeds::SiteRules> rules = feeds::parse_site_rules(read_data(file), file);
    EXPECT_TRUE(rules) << rules.error().message;
    if (!rules) continue;
    EXPECT_THAT(rules->warnings, IsEmpty());
    set.add(name, std::move(*rules));
  }
  return set;
}

/// What an extractor would take from the page with these rules, in the order ftr uses: text and
/// links first (strip rules may remove the byline), then strip, then the body.
std::string extract_with_rules(const feeds::SiteRules& rules, const std::string& html,
                               const std::string& url) {
  pugi::xml_document document;
  feeds::parse_html_document(feeds::apply_replacements(html, rules), document);
  std::vector<std::string> warnings;
  std::string out;
  out += "title: " + feeds::select_text(document, rules.title, &warnings).value_or("-") + "\n";
  out += "author: " + feeds::select_text(document, rules.author, &warnings).value_or("-") + "\n";
  out += "date: " + feeds::select_text(document, rules.date, &warnings).value_or("-") + "\n";
  out +=
      "next: " + feeds::select_next_page_link(document, rules, url, &warnings).value_or("-") + "\n";
  out +=
      "single: " + feeds::select_single_page_link(document, rules, url, &warnings).value_or("-") +
      "\n";
  feeds::apply_site_rules_before(document, rules, &warnings);
  const pugi::xml_node body = feeds::select_body(document, rules, &warnings);
  out += "body:\n" + (body ? feeds::serialize_html_children(body) : "-"s) + "\n";
  EXPECT_THAT(warnings, IsEmpty());
  return out;
}

struct GoldenPage {
  const char* host;
  const char* page;
  const char* url;
};

TEST(SiteRulesGolden, RealisticRuleFilesExtractTheExpectedParts) {
  const feeds::SiteRuleSet set = load_fixture_rules();
  const GoldenPage pages[] = {
      {"www.harbour-gazette.test", "pages/harbour-gazette",
       "https://www.harbour-gazette.test/2024/05/new-pier-opens"},
      {"magazine.longreads.test", "pages/longreads",
       "https://magazine.longreads.test/features/the-lighthouse-keepers"},
      {"blog.unknown.test", "pages/unknown", "https://blog.unknown.test/post/7"},
  };
  for (const GoldenPage& page : pages) {
    const feeds::SiteRules* rules = set.find(page.host);
    ASSERT_NE(rules, nullptr) << page.host;
    const std::string actual =
        extract_with_rules(*rules, read_data(page.page + ".html"s), page.url);
    if (std::getenv("FEEDD_UPDATE_GOLDEN") != nullptr) {
      std::ofstream(std::string(FEEDD_TEST_DATA_DIR) + "/site-rules/" + page.page + ".expected.txt",
                    std::ios::binary)
          << actual;
    }
    EXPECT_EQ(actual, read_data(page.page + ".expected.txt"s)) << page.host << "\n" << actual;
  }
}

}  // namespace
