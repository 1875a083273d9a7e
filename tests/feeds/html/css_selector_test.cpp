#include <gtest/gtest.h>

#include <random>
#include <string>

#include <pugixml.hpp>

#include "feeds/html/css_selector.hpp"
#include "feeds/html/dom.hpp"
#include "feeds/html/site_rules_xpath.hpp"

namespace {

using namespace std::string_literals;

constexpr const char* kClass = "contains(concat(' ', normalize-space(@class), ' '), ";

struct GoldenCase {
  const char* css;
  std::string xpath;
};

TEST(CompileSelector, TranslatesTheCssSubsetToXPath) {
  const std::string lead = std::string(kClass) + "' lead ')";
  const GoldenCase cases[] = {
      {"p", "//p"},
      {"*", "//*"},
      {"DIV", "//div"},
      {"  p  ", "//p"},
      {"#main", "//*[@id = 'main']"},
      {".lead", "//*[" + lead + "]"},
      {"div.lead#b[c]", "//div[" + lead + "][@id = 'b'][@c]"},
      {"article p", "//article//p"},
      {"article\n\tp", "//article//p"},
      {"ul > li", "//ul/li"},
      {"ul>li", "//ul/li"},
      {"ul > li a", "//ul/li//a"},
      {"h1, h2", "//h1 | //h2"},
      {"h1,h2 ,h3", "//h1 | //h2 | //h3"},
      {"[DATA-X]", "//*[@data-x]"},
      {"[data-x=v]", "//*[@data-x = 'v']"},
      {"[data-x = 'a b']", "//*[@data-x = 'a b']"},
      {"[data-x=\"a'b\"]", "//*[@data-x = \"a'b\"]"},
      {"[href^=http]", "//*[starts-with(@href, 'http')]"},
      {"[href*=ads]", "//*[contains(@href, 'ads')]"},
      {"[href$='.pdf']",
       "//*[substring(@href, string-length(@href) - string-length('.pdf') + 1) = '.pdf']"},
      {"[rel~=nofollow]", "//*[contains(concat(' ', normalize-space(@rel), ' '), ' nofollow ')]"},
      {"[lang|=en]", "//*[@lang = 'en' or starts-with(@lang, 'en-')]"},
      {"a[href*='']", "//a[false()]"},
      {"[rel~='a b']", "//*[false()]"},
      {".md\\:flex", "//*[" + std::string(kClass) + "' md:flex ')]"},
      {"#\\31 23", "//*[@id = '123']"},
      {"#caf\\E9", "//*[@id = 'caf\xC3\xA9']"},
      {"//div[@id='x']", "//div[@id='x']"},
      {"  ./p  ", "./p"},
      {"(//p)[1]", "(//p)[1]"},
      {"a[@href]", "a[@href]"},
  };
  for (const GoldenCase& c : cases) {
    const feeds::Result<std::string> xpath = feeds::compile_selector(c.css);
    ASSERT_TRUE(xpath) << c.css << ": " << xpath.error().message;
    EXPECT_EQ(*xpath, c.xpath) << c.css;
  }
}

constexpr const char* kPage = R"(<!DOCTYPE html><html><body>
<div id="main" class="content  wide">
  <h1 id="h">Title</h1>
  <p id="p1" class="lead intro">One <a id="a1" href="https://example.com/x.pdf"
     rel="nofollow noopener">pdf</a></p>
  <p id="p2" class="leader">Two <a id="a2" href="/local" lang="en-GB">local</a></p>
  <ul id="list"><li id="li1" data-x="a'b">x</li><li id="li2"><span id="s1">y</span></li></ul>
</div>
<aside id="side" class="content"><p id="p3" class="lead">Aside</p>
  <span id="s2" title='it&#39;s "q"'>quotes</span></aside>
</body></html>)";

/// The ids of the elements `selector` selects in kPage, in document order.
std::string selected_ids(const char* selector) {
  pugi::xml_document document;
  feeds::parse_html_document(kPage, document);
  const feeds::Result<std::string> xpath = feeds::compile_selector(selector);
  if (!xpath) return "error: "s + xpath.error().message;
  std::string ids;
  for (const pugi::xpath_node& node : feeds::select_xpath_nodes(document, *xpath)) {
    if (!ids.empty()) ids += ' ';
    ids += node.node().attribute("id").value();
  }
  return ids;
}

struct MatchCase {
  const char* selector;
  const char* ids;
};

TEST(CompileSelector, CompiledXPathSelectsWhatBrowsersWould) {
  const MatchCase cases[] = {
      {"p", "p1 p2 p3"},
      {"P", "p1 p2 p3"},
      {".lead", "p1 p3"},  // not "leader": class matches whole tokens
      {"div .lead", "p1"},
      {"div > p", "p1 p2"},
      {"ul > span", ""},
      {"ul span", "s1"},
      {"#main.content.wide", "main"},
      {".content", "main side"},
      {".content > .lead", "p1 p3"},
      {"aside > .lead", "p3"},
      {"a[href$='.pdf']", "a1"},
      {"a[href$='.PDF']", ""},
      {"a[href^='/']", "a2"},
      {"[href*=example]", "a1"},
      {"[rel~=noopener]", "a1"},
      {"[rel~=noop]", ""},
      {"[lang|=en]", "a2"},
      {"[lang|=e]", ""},
      {"li[data-x=\"a'b\"]", "li1"},
      {"[title='it\\'s \"q\"']", "s2"},
      {"h1, .lead", "h p1 p3"},
      {".lead, h1", "h p1 p3"},
      {"aside *", "p3 s2"},
      {"//p[@class='leader']", "p2"},
      {"section p", ""},
  };
  for (const MatchCase& c : cases) {
    EXPECT_EQ(selected_ids(c.selector), c.ids) << c.selector;
  }
}

struct ErrorCase {
  const char* selector;
  const char* message;
};

TEST(CompileSelector, RejectsWhatItCannotTranslateWithThePosition) {
  const ErrorCase cases[] = {
      {"a:hover", "css: position 2: unsupported pseudo-class ':hover'"},
      {"p::before", "css: position 2: unsupported pseudo-class '::before'"},
      {"li:nth-child(2)", "css: position 3: unsupported pseudo-class ':nth-child'"},
      {"h1 + p", "css: position 4: unsupported combinator '+'"},
      {"h1 ~ p", "css: position 4: unsupported combinator '~'"},
      {"svg|rect", "css: position 4: unsupported namespace prefix"},
      {"[xlink|href]", "css: position 7: unsupported namespace prefix"},
      {"[*|href]", "css: position 2: unsupported namespace prefix"},
      {"", "css: position 1: expected a selector"},
      {"   ", "css: position 1: expected a selector"},
      {"p,", "css: position 3: expected a selector"},
      {"p, ,a", "css: position 4: unexpected ','"},
      {"[href", "css: position 1: unterminated attribute selector"},
      {"[href='x]", "css: position 7: unterminated string"},
      {"[href=]", "css: position 7: expected an attribute value"},
      {"[href!=x]",
       "css: position 6: expected ']' or an attribute operator (=, ~=, |=, ^=, $=, *=)"},
      {"a[href=x i]", "css: position 10: unsupported attribute case flag"},
      {"a[href=x y]", "css: position 10: unsupported attribute case flag"},
      {"[href=x", "css: position 1: unterminated attribute selector"},
      {"p)", "css: position 2: unexpected ')'"},
      {"> p", "css: position 1: unexpected '>'"},
      {"#", "css: position 2: expected an id"},
      {".", "css: position 2: expected a class name"},
      {"[1a]", "css: position 2: attribute name cannot be used in XPath"},
      {"\\31 a", "css: position 1: element name cannot be used in XPath"},
      {"a\\", "css: position 2: unfinished escape"},
      {"count(//p[@id])", "xpath: expression does not select nodes"},
      {"string(//p)", "css: position 7: unexpected '('"},
  };
  for (const ErrorCase& c : cases) {
    const feeds::Result<std::string> xpath = feeds::compile_selector(c.selector);
    ASSERT_FALSE(xpath) << c.selector << " gave " << *xpath;
    EXPECT_EQ(xpath.error().code, feeds::ErrorCode::invalid_argument);
    EXPECT_EQ(xpath.error().message, c.message) << c.selector;
  }
}

TEST(CompileSelector, ReportsBadXPathWithPugixmlsPosition) {
  const feeds::Result<std::string> unclosed = feeds::compile_selector("//div[@id='x'");
  ASSERT_FALSE(unclosed);
  EXPECT_EQ(unclosed.error().message.rfind("xpath: position 14: ", 0), 0u)
      << unclosed.error().message;
  const feeds::Result<std::string> unknown = feeds::compile_selector("//p[frobnicate(.)]");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message.rfind("xpath: position ", 0), 0u) << unknown.error().message;
}

TEST(LooksLikeXPath, TellsXPathFromCss) {
  EXPECT_TRUE(feeds::looks_like_xpath("//div"));
  EXPECT_TRUE(feeds::looks_like_xpath(" /html/body"));
  EXPECT_TRUE(feeds::looks_like_xpath("./p"));
  EXPECT_TRUE(feeds::looks_like_xpath("../p"));
  EXPECT_TRUE(feeds::looks_like_xpath("(//p)[2]"));
  EXPECT_TRUE(feeds::looks_like_xpath("div[@class='x']"));
  EXPECT_FALSE(feeds::looks_like_xpath(".entry-content"));
  EXPECT_FALSE(feeds::looks_like_xpath("article > p"));
  EXPECT_FALSE(feeds::looks_like_xpath("a[href]"));
}

TEST(XPathStringLiteral, QuotesAnyTextSoXPathReadsItBack) {
  const char* texts[] = {"", "plain", "it's", "say \"hi\"", "it's \"both\"", "'\"'\"", "''"};
  pugi::xml_document document;
  for (const char* text : texts) {
    const std::string literal = feeds::xpath_string_literal(text);
    const pugi::xpath_query query(("string("s + literal + ")").c_str());
    EXPECT_EQ(query.evaluate_string(document), text) << literal;
  }
  EXPECT_EQ(feeds::xpath_string_literal("it's \"x\""), "concat('it', \"'\", 's \"x\"')");
}

/// Random selector-like input: every result is XPath pugixml compiles, or a css:/xpath: error.
TEST(CompileSelector, NeverThrowsAndEmitsOnlyValidXPath) {
  const std::string alphabet = "ab*#.[]=~|^$'\" >+,:()\\-_/@19\xC3\xA9\t";
  std::mt19937 random(20240611);
  std::uniform_int_distribution<std::size_t> length(0, 16);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  for (int i = 0; i < 5000; ++i) {
    std::string input;
    for (std::size_t n = length(random); n > 0; --n) input += alphabet[pick(random)];
    const feeds::Result<std::string> xpath = feeds::compile_selector(input);
    if (xpath) {
      EXPECT_TRUE(feeds::validate_xpath(*xpath)) << input << " -> " << *xpath;
    } else {
      const std::string& message = xpath.error().message;
      EXPECT_TRUE(message.rfind("css: ", 0) == 0 || message.rfind("xpath: ", 0) == 0)
          << input << ": " << message;
    }
  }
}

}  // namespace
