#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "feeds/html/dom.hpp"

namespace {

std::string xml_of(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

std::string fragment_xml(std::string_view html) {
  pugi::xml_document doc;
  feeds::parse_html_fragment(html, doc);
  return xml_of(doc);
}

std::size_t depth_of_deepest(const pugi::xml_document& doc) {
  std::size_t deepest = 0;
  for (pugi::xml_node node = doc.first_child(); node;) {
    std::size_t depth = 0;
    for (pugi::xml_node up = node; up != doc; up = up.parent()) {
      ++depth;
    }
    deepest = std::max(deepest, depth);
    node = node.first_element_by_path(".").find_child(
        [](pugi::xml_node c) { return c.type() == pugi::node_element; });
  }
  return deepest;
}

TEST(HtmlDom, FragmentBecomesChildrenOfOneBody) {
  EXPECT_EQ(fragment_xml("<p>a<b>b</b></p>c"), "<body><p>a<b>b</b></p>c</body>");
  EXPECT_EQ(fragment_xml(""), "<body/>");
}

TEST(HtmlDom, FragmentFollowsTheHtml5TreeBuilder) {
  EXPECT_EQ(fragment_xml("<p>a<p>b"), "<body><p>a</p><p>b</p></body>");
  EXPECT_EQ(fragment_xml("<table><td>x</table>"),
            "<body><table><tbody><tr><td>x</td></tr></tbody></table></body>");
  EXPECT_EQ(fragment_xml("<b>1<i>2</b>3</i>"), "<body><b>1<i>2</i></b><i>3</i></body>");
}

TEST(HtmlDom, FragmentIsParsedLikeBrowsersParseBodyContent) {
  // HTML breaks out of foreign content (gumbo's own fragment mode gets this wrong).
  EXPECT_EQ(fragment_xml("<svg><p>x"), "<body><svg/><p>x</p></body>");
  // No-quirks mode: <table> closes an open <p>.
  EXPECT_EQ(fragment_xml("<p><table></table>"), "<body><p/><table/></body>");
  // Head-only elements stay where they are instead of moving to a <head>.
  EXPECT_EQ(fragment_xml("  <title>t</title><style>s</style>x"),
            "<body>  <title>t</title><style>s</style>x</body>");
  EXPECT_EQ(fragment_xml("<frameset><frame></frameset>x"), "<body>x</body>");
}

TEST(HtmlDom, NamesAreLowerCaseAndAttributesKept) {
  EXPECT_EQ(fragment_xml("<DIV CLASS=\"x\" Data-Y='1'>t</DIV><My-Tag>u</My-Tag>"),
            "<body><div class=\"x\" data-y=\"1\">t</div><my-tag>u</my-tag></body>");
}

TEST(HtmlDom, TextAndAttributesAreDecodedUtf8AndCommentsSkipped) {
  EXPECT_EQ(fragment_xml("<a title=\"&eacute;&amp;\">caf&eacute; &lt;3<!-- hidden --></a>"),
            "<body><a title=\"\xc3\xa9&amp;\">caf\xc3\xa9 &lt;3</a></body>");
}

TEST(HtmlDom, ForeignAttributesKeepTheirPrefix) {
  EXPECT_EQ(fragment_xml("<svg><a xlink:href=\"javascript:x\">t</a></svg>"),
            "<body><svg><a xlink:href=\"javascript:x\">t</a></svg></body>");
}

TEST(HtmlDom, DocumentHasHtmlHeadAndBody) {
  pugi::xml_document doc;
  feeds::parse_html_document("<!DOCTYPE html><title>T</title><p>x", doc);
  EXPECT_EQ(xml_of(doc), "<html><head><title>T</title></head><body><p>x</p></body></html>");
  EXPECT_EQ(doc.select_node("//title").node().child_value(), std::string("T"));
}

TEST(HtmlDom, ElementsBeyondTheDepthCapAreFlattenedIntoTheCapElement) {
  pugi::xml_document doc;
  feeds::parse_html_fragment("<div><div><div><div>deep<i>x</i></div></div></div></div>", doc,
                             {.max_depth = 3});
  EXPECT_EQ(xml_of(doc), "<body><div><div>deepx</div></div></body>");
}

TEST(HtmlDom, StartTagsBeyondTheUnclosedLimitParseAsText) {
  EXPECT_EQ(fragment_xml("<p>x</p>"), "<body><p>x</p></body>");
  pugi::xml_document doc;
  feeds::parse_html_fragment("<b><i><u>x</u></i></b><p><p><s>y", doc, {.max_unclosed_tags = 2});
  EXPECT_EQ(xml_of(doc), "<body><b><i>&lt;u&gt;x</i></b><p/><p><s>y</s></p></body>");
  feeds::parse_html_fragment("</x><b></x><i></x><u>z", doc, {.max_unclosed_tags = 2});
  EXPECT_EQ(xml_of(doc), "<body><b><i>&lt;u&gt;z</i></b></body>");
}

TEST(HtmlDom, UnclosedFormattingTagsBeyondTheirLimitParseAsText) {
  pugi::xml_document doc;
  feeds::parse_html_fragment("<b id=1><i id=2><div>x</div>", doc,
                             {.max_unclosed_formatting_tags = 1});
  EXPECT_EQ(xml_of(doc), "<body><b id=\"1\">&lt;i id=2&gt;<div>x</div></b></body>");
}

TEST(HtmlDom, HundredThousandNestedDivsDoNotOverflowTheStack) {
  std::string html;
  for (int i = 0; i < 100000; ++i) {
    html += "<div>";
  }
  html += "bottom";
  pugi::xml_document doc;
  feeds::parse_html_fragment(html, doc);
  EXPECT_EQ(depth_of_deepest(doc), 512u);
  EXPECT_NE(xml_of(doc).find("bottom"), std::string::npos);
}

}  // namespace
