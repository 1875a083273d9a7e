#include <gtest/gtest.h>

#include <string>

#include "feeds/html/text.hpp"

namespace {

struct TextCase {
  const char* html;
  const char* text;
};

TEST(HtmlToText, StripsTagsDecodesEntitiesAndCollapsesWhitespace) {
  const TextCase cases[] = {
      {"", ""},
      {"  plain   title \n", "plain title"},
      {"Caf&eacute; &amp; bar", "Caf\xc3\xa9 & bar"},
      {"&amp;lt;b&amp;gt;", "&lt;b&gt;"},  // decoded once: double-escaped stays escaped once
      {"a &lt; b", "a < b"},
      {"a < b and c > d", "a < b and c > d"},
      {"<b>bold</b>face", "boldface"},
      {"<p>one</p><p>two</p>", "one two"},
      {"line<br>break", "line break"},
      {"<ul><li>a</li><li>b</li></ul>", "a b"},
      {"<table><tr><td>1</td><td>2</td></tr></table>", "1 2"},
      {"x<img src=a.png>y", "x y"},
      {"<h1>Head</h1>text", "Head text"},
      {"<div>a<hr>b</div>", "a b"},
      {"keep<script>alert(1)</script> this", "keep this"},
      {"<style>p{}</style>styled", "styled"},
      {"<noscript>ns</noscript>x<template>t</template>", "x"},
      {"&#x41;&#66;&nbsp;&hellip;", "AB \xe2\x80\xa6"},
      {"<![CDATA[x]]>y<!-- comment -->", "y"},
  };
  for (const TextCase& c : cases) {
    EXPECT_EQ(feeds::html_to_text(c.html), c.text) << "input: " << c.html;
  }
}

TEST(CollapseWhitespace, CollapsesAsciiAndUnicodeSpaces) {
  const TextCase cases[] = {
      {"", ""},
      {" \t\r\n\f ", ""},
      {"a  b", "a b"},
      {"\xc2\xa0"
       "a\xc2\xa0\xc2\xa0"
       "b\xc2\xa0",
       "a b"},
      {"a\xe2\x80\x83"
       "b\xe3\x80\x80"
       "c\xe2\x80\xaf"
       "d\xe1\x9a\x80"
       "e",
       "a b c d e"},
      {"a\xe2\x80\x8b"
       "b",
       "a\xe2\x80\x8b"
       "b"},                     // U+200B ZERO WIDTH SPACE is not a space
      {"\xe2\x80", "\xe2\x80"},  // truncated UTF-8 is kept as it is
  };
  for (const TextCase& c : cases) {
    EXPECT_EQ(feeds::collapse_whitespace(c.html), c.text) << "input: " << c.html;
  }
}

TEST(LooksLikeHtml, DetectsTagsAndCharacterReferences) {
  EXPECT_TRUE(feeds::looks_like_html("<b>x"));
  EXPECT_TRUE(feeds::looks_like_html("</p>"));
  EXPECT_TRUE(feeds::looks_like_html("<!-- c -->"));
  EXPECT_TRUE(feeds::looks_like_html("a &amp; b"));
  EXPECT_TRUE(feeds::looks_like_html("&#233;"));
  EXPECT_FALSE(feeds::looks_like_html("a < b"));
  EXPECT_FALSE(feeds::looks_like_html("AT&T"));
  EXPECT_FALSE(feeds::looks_like_html("a & b;"));
  EXPECT_FALSE(feeds::looks_like_html("<3"));
}

TEST(EscapeHtml, EscapesMarkupCharacters) {
  EXPECT_EQ(feeds::escape_html("a<b>&\"c\""), "a&lt;b&gt;&amp;\"c\"");
  EXPECT_EQ(feeds::escape_html("a<b>&\"c\"", true), "a&lt;b&gt;&amp;&quot;c&quot;");
}

TEST(HtmlToText, DeeplyNestedInputIsHandled) {
  std::string html;
  for (int i = 0; i < 100000; ++i) {
    html += "<span>";
  }
  html += "deep";
  EXPECT_NE(feeds::html_to_text(html).find("deep"), std::string::npos);
}

}  // namespace
