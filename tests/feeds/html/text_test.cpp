#include <gtest/gtest.h>

#include <cstring>
#include <iterator>
#include <random>
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

// Long texts (past the sixteen bytes looked at together) with each character that ends a run
// anywhere: the escaping is the character-by-character definition's.
TEST(EscapeHtml, EscapesEveryCharacterWhereverItIs) {
  const auto by_definition = [](std::string_view text, bool attribute) {
    std::string out;
    for (const char c : text) {
      if (c == '&')
        out += "&amp;";
      else if (c == '<')
        out += "&lt;";
      else if (c == '>')
        out += "&gt;";
      else if (c == '"' && attribute)
        out += "&quot;";
      else
        out += c;
    }
    return out;
  };
  const char* const specials[] = {"&",    "<",    ">",    "\"",       "\t",
                                  "\x01", "\x1f", "\x7f", "\xc2\xa0", "'"};
  std::mt19937 random(3);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int n = static_cast<int>(random() % 60); n > 0; --n)
      text += random() % 4 == 0 ? specials[random() % std::size(specials)] : "word ";
    for (const bool attribute : {false, true})
      ASSERT_EQ(feeds::escape_html(text, attribute), by_definition(text, attribute)) << text;
  }
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

// An oracle for collapse_whitespace, written from the definition: runs of the whitespace
// characters below become one space, none at the ends; every other byte is kept.
std::string collapse_by_definition(const std::string& text) {
  static const char* const spaces[] = {" ",
                                       "\t",
                                       "\n",
                                       "\v",
                                       "\f",
                                       "\r",
                                       "\xc2\x85",
                                       "\xc2\xa0",
                                       "\xe1\x9a\x80",
                                       "\xe2\x80\x80",
                                       "\xe2\x80\x81",
                                       "\xe2\x80\x82",
                                       "\xe2\x80\x83",
                                       "\xe2\x80\x84",
                                       "\xe2\x80\x85",
                                       "\xe2\x80\x86",
                                       "\xe2\x80\x87",
                                       "\xe2\x80\x88",
                                       "\xe2\x80\x89",
                                       "\xe2\x80\x8a",
                                       "\xe2\x80\xa8",
                                       "\xe2\x80\xa9",
                                       "\xe2\x80\xaf",
                                       "\xe2\x81\x9f",
                                       "\xe3\x80\x80"};
  std::string out;
  bool pending = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 0;
    for (const char* space : spaces)
      if (text.compare(i, std::strlen(space), space) == 0) length = std::strlen(space);
    if (length > 0) {
      pending = !out.empty();
      i += length;
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += text[i++];
  }
  return out;
}

// The fast path for text already collapsed and the character-by-character one must agree,
// whatever mix of spaces, look-alike bytes and broken UTF-8 a text has, and however an
// element cuts it into pieces.
TEST(CollapseWhitespace, AgreesWithTheDefinitionOnMixedText) {
  // HTML keeps the first kinds as they are, not the last five (a C1 control, broken UTF-8).
  const char* const tokens[] = {"a",
                                "word",
                                "\xc3\xa9",
                                " ",
                                "  ",
                                "\t",
                                "\n",
                                "\xc2\xa0",
                                "\xc2\xab",
                                "\xe2\x80\x99",
                                "\xe2\x80\x83",
                                "\xe2\x80\x8b",
                                "\xe2\x80\xa8",
                                "\xe3\x80\x80",
                                "\xe1\x9a\x80",
                                "\xe2\x81\x9f",
                                "\xe2\x80\x80",
                                "\xe2\x80\x8a",
                                "\xe2\x80\xa9",
                                "\xe2\x80\xaf",
                                "\xc2\x85",
                                "\xe2\x80",
                                "\xe2",
                                "\x01",
                                "\xe2\x80\x41"};
  constexpr std::size_t valid_tokens = std::size(tokens) - 5;
  std::mt19937 random(7);
  // Mostly short pieces, and some of up to 120 tokens: past the sixteen bytes tested at once.
  const auto text_of = [&](std::size_t kinds) {
    std::string text;
    const int tokens_in_text = static_cast<int>(random() % 4 == 0 ? random() % 120 : random() % 8);
    for (int n = tokens_in_text; n > 0; --n) text += tokens[random() % kinds];
    return text;
  };
  // Long collapsed text (words and single spaces) with one token put anywhere in it: each
  // kind of space, control and broken byte at every position of the sixteen-byte blocks.
  for (int round = 0; round < 20000; ++round) {
    std::string text = "w";
    for (int n = static_cast<int>(random() % 30); n > 0; --n) text += random() % 2 ? " word" : " a";
    text.insert(random() % (text.size() + 1), tokens[random() % std::size(tokens)]);
    ASSERT_EQ(feeds::collapse_whitespace(text), collapse_by_definition(text)) << "input: " << text;
  }
  // Long text full of characters that share a lead byte with a multi-byte space (’ — € « and
  // a zero-width space, 0xE2; あ, 0xE3; ᚁ, 0xE1), with one token put anywhere: each space must
  // be told from its look-alikes in every lane of a block, and in the bytes after the blocks.
  const char* const look_alikes[] = {"\xe2\x80\x99", "\xe2\x80\x94", "\xe2\x82\xac",
                                     "\xc2\xab",     "\xe2\x80\x8b", "\xe3\x81\x82",
                                     "\xe1\x9a\x81", "\xe2\x81\xa0", "\xc3\xa9"};
  for (int round = 0; round < 20000; ++round) {
    std::string text = "w";
    for (int n = static_cast<int>(random() % 30); n > 0; --n) {
      text += random() % 2 ? " word" : " ";
      text += look_alikes[random() % std::size(look_alikes)];
    }
    text.insert(random() % (text.size() + 1), tokens[random() % std::size(tokens)]);
    ASSERT_EQ(feeds::collapse_whitespace(text), collapse_by_definition(text)) << "input: " << text;
  }
  for (int round = 0; round < 20000; ++round) {
    const auto any = text_of(std::size(tokens));
    ASSERT_EQ(feeds::collapse_whitespace(any), collapse_by_definition(any)) << "input: " << any;
    const auto first = text_of(valid_tokens);
    const auto second = text_of(valid_tokens);
    ASSERT_EQ(feeds::html_to_text("<b>" + first + "</b>" + second),
              collapse_by_definition(first + second))
        << "pieces: " << first << " | " << second;
  }
}
