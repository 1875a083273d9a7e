#include "feeds/html/fast_sanitize.hpp"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/html/sanitize.hpp"
#include "feeds/html/text.hpp"
#include "feeds/html/text_rules.hpp"
#include "plain_html_corpus.hpp"
#include "sanitize_corpora.hpp"

namespace {

using feeds::detail::fast_html_to_text;
using feeds::detail::fast_sanitize_html;
using feeds::detail::html_to_text_with_gumbo;
using feeds::detail::sanitize_html_with_gumbo;
namespace fs = std::filesystem;

constexpr std::string_view base = "https://example.org/blog/post.html";

/// Inputs seen and inputs the fast sanitizer accepted.
struct Coverage {
  std::size_t inputs = 0;
  std::size_t accepted = 0;
};

/// Where the fast paths accept `html`, their results must be the gumbo paths' byte for byte,
/// and the sanitized HTML a fixed point. Returns whether the fast sanitizer accepted it.
bool expect_same_as_gumbo(std::string_view html, std::string_view base_url = base,
                          Coverage* coverage = nullptr) {
  const std::optional<feeds::SanitizedHtml> fast = fast_sanitize_html(html, base_url, {});
  if (fast) {
    const std::string full = sanitize_html_with_gumbo(html, base_url);
    EXPECT_EQ(fast->html, full) << "input: " << html;
    EXPECT_EQ(fast->text, html_to_text_with_gumbo(full)) << "input: " << html;
    EXPECT_EQ(sanitize_html_with_gumbo(fast->html, base_url), fast->html) << "input: " << html;
    if (fast->text_is_input_text) {
      EXPECT_EQ(fast->text, html_to_text_with_gumbo(html)) << "input: " << html;
    }
  }
  if (const std::optional<std::string> text = fast_html_to_text(html)) {
    EXPECT_EQ(*text, html_to_text_with_gumbo(html)) << "input: " << html;
  }
  if (coverage != nullptr) {
    ++coverage->inputs;
    coverage->accepted += fast ? 1 : 0;
  }
  return fast.has_value();
}

/// The input and, as a second input, what the gumbo path makes of it: sanitized output is the
/// plain HTML the fast path sees most.
void expect_same_as_gumbo_with_output(std::string_view html, Coverage& coverage,
                                      std::string_view base_url = base) {
  expect_same_as_gumbo(html, base_url, &coverage);
  expect_same_as_gumbo(sanitize_html_with_gumbo(html, base_url), base_url, &coverage);
}

TEST(FastSanitize, MatchesGumboOnDompurifyPayloads) {
  Coverage coverage;
  for (const fs::path& path :
       feeds::testing::files_in(feeds::testing::xss_corpora / "dompurify" / "payloads", ".html")) {
    const std::string input = feeds::testing::read_file(path);
    expect_same_as_gumbo_with_output(input, coverage);
    expect_same_as_gumbo_with_output(input, coverage, "");
  }
  EXPECT_EQ(coverage.inputs, 4 * 223u);
  EXPECT_GT(coverage.accepted, 100u);  // mostly the sanitized outputs
}

TEST(FastSanitize, MatchesGumboOnFeedparserSanitizeFragments) {
  Coverage coverage;
  for (const fs::path& path : feeds::testing::files_in(
           feeds::testing::xss_corpora / "feedparser-sanitize", ".xml")) {
    for (const std::string& input : feeds::testing::html_fragments(path)) {
      expect_same_as_gumbo_with_output(input, coverage);
    }
  }
  EXPECT_GT(coverage.accepted, 700u);
}

TEST(FastSanitize, MatchesGumboOnFeedparserTestFeeds) {
  const fs::path root = fs::path(FEEDD_SHARED_DIR) / "corpora" / "feedparser-tests";
  Coverage coverage;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string extension = entry.path().extension().string();
    if (entry.is_regular_file() && (extension == ".xml" || extension == ".rdf")) {
      for (const std::string& input : feeds::testing::html_fragments(entry.path())) {
        expect_same_as_gumbo_with_output(input, coverage);
      }
    }
  }
  EXPECT_GT(coverage.accepted, 1000u);
}

TEST(FastSanitize, MatchesGumboOnRandomTagSoup) {
  std::mt19937 random(20240611);
  Coverage coverage;
  for (int i = 0; i < 3000; ++i) {
    expect_same_as_gumbo_with_output(feeds::testing::random_soup(random), coverage);
  }
  EXPECT_GT(coverage.accepted, 1000u);
}

TEST(FastSanitize, MatchesGumboOnRandomPlainHtml) {
  std::mt19937 random(7);
  Coverage coverage;
  for (int i = 0; i < 6000; ++i) {
    expect_same_as_gumbo_with_output(feeds::testing::random_plain_html(random), coverage);
  }
  EXPECT_GT(coverage.accepted, 4000u);
}

TEST(FastSanitize, AcceptsAndMatchesGumboOnGeneratedBlogBodies) {
  std::mt19937 random(42);
  for (int i = 0; i < 300; ++i) {
    const std::string body = feeds::testing::blog_body(random, "blog00042.example.io");
    EXPECT_TRUE(expect_same_as_gumbo(body)) << body;
  }
}

TEST(FastSanitize, AcceptsAndMatchesGumboOnTheGoldenArticle) {
  const std::string article = feeds::testing::read_file(fs::path(FEEDD_TEST_DATA_DIR) / "html" /
                                                        "article.html");
  // The article has a table, so only its sanitized form is plain.
  EXPECT_FALSE(expect_same_as_gumbo(article));
  const std::string sanitized = sanitize_html_with_gumbo(article, base);
  EXPECT_FALSE(expect_same_as_gumbo(sanitized));
  const std::string without_table =
      sanitized.substr(0, sanitized.find("<table>")) +
      sanitized.substr(sanitized.find("</table>") + std::string_view("</table>").size());
  EXPECT_TRUE(expect_same_as_gumbo(without_table)) << without_table;
}

struct EntityRow {
  std::string_view name;
  std::string_view utf8;
};

constexpr EntityRow entity_rows[] = {
#include "feeds/html/entities_table.inc"
};

TEST(FastSanitize, DecodesEveryNamedReferenceAsGumboDoes) {
  std::size_t checked = 0;
  for (const EntityRow& row : entity_rows) {
    if (!row.name.ends_with(';')) {
      continue;  // legacy forms without ';' are refused
    }
    std::string reference = "&";
    reference.append(row.name);
    std::string in_text = "a";
    in_text.append(reference).append("b");
    std::string in_attribute = "<abbr title=\"";
    in_attribute.append(reference).append("\">t</abbr>");
    EXPECT_TRUE(expect_same_as_gumbo(in_text)) << reference;
    EXPECT_TRUE(expect_same_as_gumbo(in_attribute)) << reference;
    ++checked;
  }
  EXPECT_EQ(checked, 2125u);
}

TEST(FastSanitize, DecodesNumericReferencesAsGumboDoes) {
  std::vector<unsigned> code_points = {0x20,    0x26,    0x3C,    0x7E,    0x7F,     0x80,
                                       0x9F,    0xA0,    0xFF,    0xD7FF,  0xD800,   0xDFFF,
                                       0xE000,  0xFDCF,  0xFDD0,  0xFDEF,  0xFDF0,   0xFFFD,
                                       0xFFFE,  0xFFFF,  0x10000, 0x1F600, 0x10FFFD, 0x10FFFF,
                                       0x110000};
  for (unsigned c = 0; c < 0x3000; c += 7) {
    code_points.push_back(c);
  }
  for (const unsigned c : code_points) {
    std::ostringstream hex;
    hex << "&#x" << std::hex << c << ";";
    for (const std::string& reference : {"&#" + std::to_string(c) + ";", hex.str()}) {
      expect_same_as_gumbo("a" + reference + "b");
      expect_same_as_gumbo("<a href=\"/p?" + reference + "\">t</a>");
    }
  }
}

TEST(FastSanitize, MatchesGumboOnEdgeCases) {
  const char* inputs[] = {
      "<b><b><b><b>x</b></b></b></b>y",
      "<b><b><b><b><b>x</b></b></b></b></b>y",
      "<video><source src=v.mp4>t</video>",
      "<pre>\n\nx</pre>",
      "<pre><script></script>\n\nx</pre>",
      "<pre><b></b>\nx</pre>",
      "<pre><custom-el>\nx</custom-el></pre>",
      "<pre></pre>\nx",
      "a & b &<b>c</b> &",
      "a<wbr>b",
      "<ruby>a<rt>b</rt><rp>(</rp></ruby>",
      "<p>unclosed <b>at the end",
      "<div hidden><p>x</p></div>y",
      "<span hidden>x</span>y",
      "<img src=x width=1 height=1>",
      "<img src=x width=1px height=1px>",
      "<img src=x width=0 height=5>",
      "<a href=\"javascript:x\">t</a>",
      "<a>no href</a>",
      "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
      "<iframe src=\"https://evil.example/\"></iframe>after",
      "<iframe src=\"https://www.youtube.com/embed/x\">fallback</iframe>",
      "<p>a<iframe src=\"https://www.youtube.com/embed/x\"></iframe>b</p>",
      "<script>alert(1)</script>x",
      "<style>p{}</style>x",
      "<o:p></o:p><my-el title=t>x</my-el>",
      "&NotEqualTilde; &#128512; &#x1F600; &#160; &amp;amp;",
      "  leading and trailing  ",
      "<details open><summary>S</summary>b</details>",
      "<ol start=3 reversed type=a><li value=2>x</li></ol>",
      "<dl><dt>a</dt><dd>b</dd></dl>",
      "<blockquote cite=\"/q\"><p>x</p></blockquote><q cite=x>y</q>",
      "<img srcset=\"a.png 1x, b.png 2x\" sizes=\"100vw\">",
      "<img srcset=\"a.png 1x, javascript:x 2x\">",
      "<a href=\"?q=1&amp;b=2\">x</a><a href=\"#frag\">y</a><a href=\"mailto:a@b\">z</a>",
      "<img src=\"data:image/png;base64,AAA\"><img src=\"data:image/svg+xml,x\">",
      "<p dir=RTL lang=ar>x</p><p dir=sideways>y</p>",
      "<a href=x title='a \"q\"'>t</a><abbr title=\"&lt;b&gt;\">x</abbr>",
      "<center>c</center><font color=red>r</font>",
      "<IMG SRC=\"A.PNG\"><P>x</P><A HREF=x>y</A>",
      "x<br/>y<br />z<hr/>",
      "<a href=\"https://example.org/a b|c%zz\">x</a>",
      "<a href=\"  https://example.org/\t \">x</a>",
      "<a href=\"http://[::1]/x\">v6</a><a href=\"http://a/../../b\">dots</a>",
      "<a href=\"//cdn.example/x\">protocol relative</a>",
      "<img src=\"\xE6\x97\xA5.png\">",
      "<video src=v.mp4 poster=p.jpg width=640 loop muted playsinline>v</video>",
      "<audio src=a.mp3 controls>a</audio>",
      "<time datetime=\"2024-01-01\">d</time><del datetime=x cite=y>d</del>",
      "<p>\xC2\xA0nbsp\xC2\xA0</p>",
      "<h1>a</h1><h2><a href=x>b</a></h2>",
      "<ul>\n  <li>a</li>\n  <li>b<ul><li>c</li></ul></li>\n</ul>",
      "<a href=x><div>block in a</div></a>",
      "<b><div>block in b</div></b>after",
      "<address>a</address><aside>b</aside><footer>c</footer><header>d</header>"
      "<hgroup><h1>e</h1></hgroup><main>f</main><nav>g</nav><article>h</article>",
      "<p><big>a</big><tt>b</tt><strike>c</strike><bdi>d</bdi><bdo dir=rtl>e</bdo><dfn>f</dfn>"
      "<samp>g</samp><var>h</var><u>i</u><s>j</s><font>k</font></p>",
      "<ul><li>a<ul><li>b</li></ul>",
      "<figure><picture><source srcset=\"a.avif\"><img src=a.png width=2 height=2></picture>"
      "<figcaption>c</figcaption></figure>",
  };
  for (const char* input : inputs) {
    expect_same_as_gumbo(input);
    expect_same_as_gumbo(input, "");
  }
}

TEST(FastSanitize, RefusesWhatTheTreeBuilderRearranges) {
  std::string deep;
  for (int i = 0; i < 33; ++i) deep += "<span>";
  deep += "x";
  const std::vector<std::string> inputs = {
      "<p><div>x</div></p>",
      "<p>a<ul><li>b</li></ul></p>",
      "<p><span><div>x</div></span></p>",
      "<p><hr></p>",
      "<p><h2>x</h2></p>",
      "<p><pre>x</pre></p>",
      "<li>x</li>",
      "<ul><span><li>x</li></span></ul>",
      "<div><li>x</li></div>",
      "<ul><li><div><li>x</li></div></li></ul>",
      "<dt>x</dt>",
      "<dd>x</dd>",
      "<rt>x</rt>",
      "<a href=x><a href=y>z</a></a>",
      "<a href=x><span><a href=y>z</a></span></a>",
      "<b><i>x</b></i>",
      "<b>x</i>",
      "</p>",
      "<p>a<p>b",
      "<h1><h2>x</h2></h1>",
      "<h1><span><h2>x</h2></span></h1>",
      "<table><tr><td>x</td></tr></table>",
      "<td>x</td>",
      "<caption>x</caption>",
      "<!-- comment -->",
      "<!DOCTYPE html>",
      "<![CDATA[x]]>",
      "<?xml version=\"1.0\"?>",
      "a &amp b",
      "a &ampx; b",
      "a &nosuchentity; b",
      "&#;",
      "&#x;",
      "&#0;",
      "&#128;",
      "&#xD800;",
      "&#x110000;",
      "&#9;",
      "&#10;",
      "&#99999999;",
      std::string("a\0b", 3),
      "a\r\nb",
      "a\x01z",
      "a\x0c z",
      "a\x7f z",
      "\xC2\x80",
      "\xEF\xBF\xBE",
      "\xEF\xB7\x90",
      "\xFF",
      "\xC0\xAF",
      "\xED\xA0\x80",
      "a\xE6\x97",
      "<svg><circle/></svg>",
      "<math><mi>x</mi></math>",
      "<a href=x href=y>z</a>",
      "<img src=a SRC=b>",
      "<div/>",
      "<span/>x",
      "<base href=\"https://other.example/\">",
      "<basefont>",
      "<script><!--</script>",
      "<script>a<b</script>",
      "<style>x",
      "<iframe src=\"https://www.youtube.com/embed/x\"><b>x</b></iframe>",
      "<textarea>x</textarea>",
      "<title>x</title>",
      "<noscript>x</noscript>",
      "<xmp>x</xmp>",
      "<plaintext>x",
      "<form>x</form>",
      "<button>x</button>",
      "<select><option>x</option></select>",
      "<nobr>x</nobr>",
      "<marquee>x</marquee>",
      "<object>x</object>",
      "<template>x</template>",
      "<br></br>",
      "</br>",
      "<img></img>",
      "a < b",
      "a <3",
      "a </ b",
      "<a href=\"x\"title=\"y\">z</a>",
      "<a href=>x</a>",
      "<a href=\"<b>\">x</a>",
      "<a href=x\"y>z</a>",
      "<p =\"x\">y</p>",
      "<p @click=\"x\">y</p>",
      "<p foo",
      "</p foo>",
      deep,
      "<frameset>",
      "<body>x",
      "<html>",
      "<head>",
      "<image src=x>",
      "<listing>x</listing>",
      "<menu><li>x</li></menu>",
      "<meta charset=utf-8>",
      "<link rel=stylesheet href=x>",
      "<area>",
      "<input>",
      "<label>x</label>",
  };
  for (const std::string& input : inputs) {
    EXPECT_FALSE(fast_sanitize_html(input, base, {})) << "input: " << input;
    EXPECT_FALSE(fast_html_to_text(input)) << "input: " << input;
    // The public functions still agree with the gumbo path on them.
    EXPECT_EQ(feeds::sanitize_html(input, base), sanitize_html_with_gumbo(input, base));
  }
  // Sanitized, this would keep a newline right after <pre>, which a reparse eats.
  EXPECT_FALSE(fast_sanitize_html("<pre>\n\n\nx</pre>", base, {}));
}

TEST(FastSanitize, AcceptsOrdinaryBlogHtml) {
  const char* inputs[] = {
      "<p>Hello <a href=\"https://example.org/x\">world</a>!</p>",
      "<p><img src=\"/a.png\" alt=\"A\" width=\"640\" height=\"480\"></p>",
      "<p><em>em</em> <strong>strong</strong> <code>code</code> <i>i</i> <b>b</b></p>",
      "<ul><li>one</li><li>two</li></ul>\n<ol start=\"2\"><li>one</li></ol>",
      "<h2>Title</h2>\n<p>Body</p>",
      "<blockquote><p>Quote</p></blockquote>",
      "<pre><code class=\"language-cpp\">int x = 1 &lt; 2;\n</code></pre>",
      "<pre>\nkeep\n  indent</pre>",
      "line<br>break<br/>again<br />",
      "<figure><img src=\"a.jpg\"/><figcaption>Cap</figcaption></figure>",
      "Tom &amp; Jerry&nbsp;&#8217;s &#x2014; &quot;q&quot; &lt;tag&gt; &apos;",
      "<p>Caf&eacute; na&iuml;ve &copy; 2024</p>",
      "<div><p>a</p><p>b</p></div>",
      "<p>A <a href=\"https://t.example/?a=1&amp;b=2\" title=\"T\">link</a>.</p>",
      "<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/abc\" "
      "frameborder=\"0\" allowfullscreen></iframe>",
      "<p>x</p><script async src=\"https://platform.twitter.com/widgets.js\" "
      "charset=\"utf-8\"></script>",
      "<p>a<span style=\"color:red\">b</span></p>",
      "<dl><dt>T</dt><dd>D</dd></dl>",
      "<h3 id=\"s\">S</h3><hr><p>x</p>",
      "<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>",
      "plain text & more",
      "<video controls src=\"v.mp4\" poster=\"p.jpg\"><source src=\"v.webm\" "
      "type=\"video/webm\"></video>",
      "<picture><source srcset=\"a.webp\" type=\"image/webp\"><img src=\"a.jpg\"></picture>",
      "<p><sup>1</sup> <sub>2</sub> <small>s</small> <mark>m</mark> <del>d</del> "
      "<ins>i</ins> <abbr title=\"t\">a</abbr> <cite>c</cite> <kbd>k</kbd> <q>q</q></p>",
      "<p class=\"lead\" id=\"intro\">Lead</p>",
      "<p><o:p></o:p>Word</p>",
      "<p>Emoji \xF0\x9F\x98\x80 and \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E</p>",
      "<section><h2>S</h2><p>x</p></section><article><p>y</p></article>",
      "<p><a href=\"https://example.org/\"><img src=\"i.png\" alt=\"\"></a></p>",
      "<div class=\"wp-block\"><p>a<br>\nb</p></div>",
  };
  for (const char* input : inputs) {
    EXPECT_TRUE(expect_same_as_gumbo(input)) << "input: " << input;
  }
}

TEST(FastSanitize, OutputIsAcceptedAgainUnchanged) {
  std::mt19937 random(3);
  for (int i = 0; i < 200; ++i) {
    const std::string body = feeds::testing::blog_body(random, "b.example");
    const std::optional<feeds::SanitizedHtml> once = fast_sanitize_html(body, base, {});
    ASSERT_TRUE(once);
    const std::optional<feeds::SanitizedHtml> twice = fast_sanitize_html(once->html, base, {});
    ASSERT_TRUE(twice);
    EXPECT_EQ(twice->html, once->html);
    EXPECT_EQ(twice->text, once->text);
  }
}

TEST(FastHtmlToText, HandlesTitlesAndSummaries) {
  EXPECT_EQ(feeds::html_to_text("Tom &amp; Jerry&#8217;s <b>big</b>&nbsp;day"),
            "Tom & Jerry\xE2\x80\x99s big day");
  EXPECT_EQ(fast_html_to_text("a<p>b</p>c<br>d"), "a b c d");
  EXPECT_EQ(fast_html_to_text("a<script>x()</script>b<style>p{}</style>c"), "abc");
  EXPECT_EQ(fast_html_to_text("<iframe src=x></iframe>after"), "after");
  // iframe fallback content is text to html_to_text; gumbo decides it.
  EXPECT_FALSE(fast_html_to_text("<iframe>fallback</iframe>"));
  // A name gumbo does not know is an ordinary element, inline for text.
  EXPECT_EQ(fast_html_to_text("Title & <more>"), "Title &");
  EXPECT_EQ(fast_html_to_text("a <more>b</more> <o:p>c</o:p>"), "a b c");
  EXPECT_EQ(html_to_text_with_gumbo("Title & <more>"), "Title &");
  // Names gumbo knows but the fast path does not are left to gumbo.
  EXPECT_FALSE(fast_html_to_text("a <image src=x.png> b"));
  EXPECT_FALSE(fast_html_to_text("a <svg><title>t</title></svg>"));
}

TEST(SanitizeHtmlWithText, GivesSanitizeHtmlAndItsText) {
  const char* inputs[] = {"<p>plain <b>html</b></p>", "<table><tr><td>gumbo</td></tr></table>",
                          "<p>a<p>b", "Tom &amp; Jerry", ""};
  for (const char* input : inputs) {
    const feeds::SanitizedHtml result = feeds::sanitize_html_with_text(input, base);
    EXPECT_EQ(result.html, feeds::sanitize_html(input, base)) << input;
    EXPECT_EQ(result.text, feeds::html_to_text(result.html)) << input;
  }
}

TEST(SanitizeHtmlWithText, SaysWhenItsTextIsAlsoTheInputsText) {
  const auto kept = feeds::sanitize_html_with_text("<p>Kept <a href=\"/x\" onclick=\"y()\">all</a></p><p>b", base);
  EXPECT_TRUE(kept.text_is_input_text);
  EXPECT_EQ(kept.text, feeds::html_to_text("<p>Kept <a href=\"/x\" onclick=\"y()\">all</a></p><p>b"));
  // Unwrapped (a break the input's text has), raw text dropped (a script; an iframe whose
  // content is text to html_to_text), and what only gumbo's path takes.
  for (const char* changed : {"<p>a</p><section>b</section>", "<p>a</p><script>x()</script>",
                              "<p>a</p><iframe src=x>b</iframe>", "<table><tr><td>gumbo</td></tr></table>"}) {
    EXPECT_FALSE(feeds::sanitize_html_with_text(changed, base).text_is_input_text) << changed;
  }
}

}  // namespace
