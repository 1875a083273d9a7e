#include <gtest/gtest.h>

#include <string>

#include "feeds/html/dom.hpp"
#include "feeds/html/extract_text.hpp"

namespace feeds {
namespace {

std::string text_of(std::string_view html) {
  pugi::xml_document document;
  parse_html_fragment(html, document);
  return detail::block_text(document.child("body"));
}

TEST(ExtractText, ParagraphsAreSeparatedByABlankLine) {
  EXPECT_EQ(text_of("<p>a</p><p>b</p>"), "a\n\nb");
  EXPECT_EQ(text_of("<h2>Head</h2><p>x</p><blockquote><p>q</p></blockquote><p>y</p>"),
            "Head\n\nx\n\nq\n\ny");
}

TEST(ExtractText, LinesForItemsDivsAndBreaks) {
  EXPECT_EQ(text_of("<ul><li>one</li><li>two</li></ul><p>after</p>"), "one\ntwo\n\nafter");
  EXPECT_EQ(text_of("<div>a</div><div>b</div>"), "a\nb");
  EXPECT_EQ(text_of("<p>first<br>second<br><br>third</p>"), "first\nsecond\n\nthird");
}

TEST(ExtractText, InlineElementsKeepTheirSpaces) {
  EXPECT_EQ(text_of("<p>en un <a href=x>comunicado</a> <span><b>Twitter</b></span> Lite</p>"),
            "en un comunicado Twitter Lite");
  EXPECT_EQ(text_of("<p>re<em>test</em>ing</p>"), "retesting");
}

TEST(ExtractText, AsciiWhitespaceCollapsesButNoBreakSpaceStays) {
  EXPECT_EQ(text_of("<p>  CIA&nbsp; may\n\t face </p>"), "CIA\xC2\xA0 may face");
}

TEST(ExtractText, PreformattedTextIsKept) {
  EXPECT_EQ(text_of("<p>code:</p><pre>int  x;\n  y();</pre>"), "code:\n\nint  x;\n  y();");
}

TEST(ExtractText, InvisibleElementsAreLeftOut) {
  EXPECT_EQ(text_of("<p>a<script>x()</script><style>p{}</style><svg><text>s</text></svg>"
                    "<button>Click</button>b</p>"),
            "ab");
}

TEST(ExtractText, TableCellsAndRows) {
  EXPECT_EQ(text_of("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>"), "1 2\n3");
}

}  // namespace
}  // namespace feeds
