#include <gtest/gtest.h>

#include <string>

#include "feeds/html/sanitize.hpp"
#include "sanitize_cases.hpp"

namespace {

using feeds::testing::base;
using feeds::testing::SanitizeCase;

TEST(SanitizeHtml, KeepsAllowedStructureAndText) {
  const SanitizeCase cases[] = {
      {"", ""},
      {"plain text", "plain text"},
      {"<p>Hello <b>bold</b> <em>em</em></p>", "<p>Hello <b>bold</b> <em>em</em></p>"},
      {"<h2>T</h2><blockquote>q</blockquote><pre><code>x = 1;</code></pre>",
       "<h2>T</h2><blockquote>q</blockquote><pre><code>x = 1;</code></pre>"},
      {"<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"},
      {"<table><tr><td colspan=2>x</td></tr></table>",
       "<table><tbody><tr><td colspan=\"2\">x</td></tr></tbody></table>"},
      {"a<br>b<hr>c<wbr>d", "a<br>b<hr>c<wbr>d"},
      {"<details open><summary>S</summary>body</details>",
       "<details open=\"\"><summary>S</summary>body</details>"},
      {"<ol start=\"3\" reversed type=\"a\"><li value=\"-1\">x</li></ol>",
       "<ol start=\"3\" reversed=\"\" type=\"a\"><li value=\"-1\">x</li></ol>"},
      {"<abbr title=\"HyperText\">HTML</abbr> <time datetime=\"2024-01-01\">day</time>",
       "<abbr title=\"HyperText\">HTML</abbr> <time datetime=\"2024-01-01\">day</time>"},
      {"<p dir=RTL lang=ar>x</p><p dir=sideways>y</p>", "<p dir=\"rtl\" lang=\"ar\">x</p><p>y</p>"},
  };
  EXPECT_SANITIZED(cases);
}

TEST(SanitizeHtml, EscapesTextAndAttributesOnOutput) {
  const SanitizeCase cases[] = {
      {"a &lt;script&gt; &amp; b", "a &lt;script&gt; &amp; b"},
      {"1 < 2 > 0", "1 &lt; 2 &gt; 0"},
      {"x&nbsp;y", "x&nbsp;y"},
      {"<abbr title='say \"hi\" &amp; <b>'>t</abbr>",
       "<abbr title=\"say &quot;hi&quot; &amp; &lt;b&gt;\">t</abbr>"},
      // gumbo turns controls and noncharacters into U+FFFD; never into XML-illegal output.
      {"a\x01"
       "b\x0b"
       "c\xef\xbf\xbe"
       "d",
       "a\xef\xbf\xbd"
       "b\xef\xbf\xbd"
       "c\xef\xbf\xbd"
       "d"},
  };
  EXPECT_SANITIZED(cases);
}

TEST(SanitizeHtml, DropsDangerousElementsWithTheirContent) {
  const SanitizeCase cases[] = {
      {"a<script>alert(1)</script>b", "ab"},
      {"a<style>p{color:red}</style>b", "ab"},
      {"a<noscript>n</noscript>b", "ab"},
      {"a<template><p>t</p></template>b", "ab"},
      {"a<object data=x><param name=a value=b>fallback</object>b", "ab"},
      {"a<embed src=x.swf>b", "ab"},
      {"a<svg><script>alert(1)</script><text>t</text></svg>b", "ab"},
      {"a<math><mi>x</mi></math>b", "ab"},
      {"a<title>t</title>b", "ab"},
      {"a<textarea>t</textarea>b", "ab"},
      {"a<xmp><b>t</b></xmp>b", "ab"},
      {"a<noembed>t</noembed><noframes>f</noframes>b", "ab"},
      {"a<form action=/x><input name=q>f<button>go</button></form>b", "ab"},
      {"a<select><option>o</option></select>b", "ab"},
      {"a<iframe src=\"https://evil.example/\">f</iframe>b", "ab"},
      {"a<link rel=stylesheet href=x.css><meta http-equiv=refresh content=0>b", "ab"},
      {"a<applet code=x>t</applet>b", "ab"},
      {"a<p hidden>secret</p>b", "ab"},
  };
  EXPECT_SANITIZED(cases);
}

TEST(SanitizeHtml, UnwrapsUnknownElementsKeepingTheirChildren) {
  const SanitizeCase cases[] = {
      {"<font color=red>red <b>b</b></font>", "red <b>b</b>"},
      {"<custom-tag onclick=x>c</custom-tag>", "c"},
      {"<section><article><p>x</p></article></section>", "<p>x</p>"},
      {"<center>c</center><marquee>m</marquee>", "cm"},
      {"<a name=anchor>no href</a>", "no href"},
      {"<label>l</label><fieldset><legend>g</legend>f</fieldset>", "lgf"},
  };
  EXPECT_SANITIZED(cases);
}

TEST(SanitizeHtml, KeepsBareSpansAsFeedparserDoes) {
  const SanitizeCase cases[] = {
      {"<span>bare</span><span title=\"t\">titled</span>",
       "<span>bare</span><span title=\"t\">titled</span>"},
      {"<span abbr=\"\"></span>", "<span></span>"},
      {"<p><span class=x style=y>a</span></p>", "<p><span>a</span></p>"},
  };
  EXPECT_SANITIZED(cases);
}

TEST(SanitizeHtml, DropsDisallowedAttributes) {
  const SanitizeCase cases[] = {
      {"<p style=\"color:red\" class=c id=i onclick=\"x()\" data-x=1>t</p>", "<p>t</p>"},
      {"<div onmouseover=alert(1) ONLOAD=x>t</div>", "<div>t</div>"},
      {"<img src=a.png srcdoc=x formaction=y>",
       "<img src=\"https://example.org/blog/a.png\" loading=\"lazy\" "
       "referrerpolicy=\"no-referrer\">"},
      {"<img src=a.png width=100 height=0 alt=\"A\">",
       "<img src=\"https://example.org/blog/a.png\" width=\"100\" alt=\"A\" loading=\"lazy\" "
       "referrerpolicy=\"no-referrer\">"},
      {"<img src=a.png width=50% height=-3>",
       "<img src=\"https://example.org/blog/a.png\" loading=\"lazy\" "
       "referrerpolicy=\"no-referrer\">"},
      {"<td rowspan=x>", ""},
  };
  EXPECT_SANITIZED(cases);
}

TEST(SanitizeHtml, DropsTrackingPixels) {
  const SanitizeCase cases[] = {
      {"a<img src=\"https://t.example/p.gif\" width=1 height=1>b", "ab"},
      {"a<img src=\"https://t.example/p.gif\" width=\"0\" height=\"0\">b", "ab"},
      {"a<img src=\"https://t.example/p.gif\" width=\"1px\" height=\"1px\">b", "ab"},
      {"a<img src=\"https://t.example/p.gif\" width=1 height=2>b",
       "a<img src=\"https://t.example/p.gif\" width=\"1\" height=\"2\"" IMG_ATTRS ">b"},
  };
  EXPECT_SANITIZED(cases);
}

TEST(SanitizeHtml, OutputSurvivesReparsingWhereTheTreeBuilderRearranges) {
  const SanitizeCase cases[] = {
      {"<ul><li>a<section><li>b</section></ul>", "<ul><li>a</li><li>b</li></ul>"},
      {"<p>a<marquee><div>b</div></marquee>c</p>", "<p>a</p><div>b</div>c<p></p>"},
      {"<pre>\n\nx</pre>", "<pre>x</pre>"},
      {"<pre><custom>\nx</custom></pre>", "<pre>x</pre>"},
      {"<pre><span>\nx</span></pre>", "<pre><span>\nx</span></pre>"},
  };
  EXPECT_SANITIZED(cases);
}

TEST(SanitizeHtml, IsAFixedPoint) {
  const char* inputs[] = {
      "<p>a<p>b",
      "<a href=x>1<a href=y>2</a></a>",
      "<table><tr><td>a<table><td>b</table></table>",
      "<b><p>x</b>y</p>",
      "<ul><li>a<custom><li>b",
      "<pre>\nkeep</pre>",
      "<table>text<tr><td>x",
      "<a href=x><div><a href=y>z</a></div></a>",
      "<h1><h2>x</h2></h1>",
      "<dl><dt>a<dd>b<dt>c",
  };
  for (const char* input : inputs) {
    const std::string once = feeds::sanitize_html(input, base);
    EXPECT_EQ(feeds::sanitize_html(once, base), once) << "input: " << input;
  }
}

TEST(SanitizeHtml, HundredThousandNestedElementsDoNotOverflowTheStack) {
  std::string html;
  for (int i = 0; i < 100000; ++i) {
    html += "<div><custom>";
  }
  html += "deep";
  const std::string out = feeds::sanitize_html(html, base);
  EXPECT_NE(out.find("deep"), std::string::npos);
  EXPECT_EQ(feeds::sanitize_html(out, base), out);
}

}  // namespace
