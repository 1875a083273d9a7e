// security.md §1.2 property 5: whatever the strings, a written feed is well-formed XML with no
// XML-illegal code point, no CDATA broken by "]]>", and decodes to the input minus what XML
// cannot carry.
#include <gtest/gtest.h>

#include <random>

#include <boost/json.hpp>
#include <pugixml.hpp>

#include "feeds/html/text.hpp"
#include "feeds/write/atom_writer.hpp"
#include "feeds/write/json_feed_writer.hpp"
#include "feeds/write/rss_writer.hpp"
#include "feeds/write/xml_safe.hpp"
#include "merged_feed_sample.hpp"
#include "output_check.hpp"

namespace feeds {
namespace {

using namespace std::string_literals;

const std::string fffd = "\xEF\xBF\xBD";

struct Hostile {
  const char* name;
  std::string input;
  std::string decoded;  ///< what a reader must get back
};

const std::vector<Hostile> hostile_strings = {
    {"nul", "x\0y<b>NUL</b>"s, "xy<b>NUL</b>"},
    {"c0_controls", "ctl\x01\x08\x0B\x0C\x0E\x1F end", "ctl end"},
    {"cdata_end", "cdata ]]> end ]]]]> x", "cdata ]]> end ]]]]> x"},
    {"cdata_end_at_edges", "]]>]]>", "]]>]]>"},
    {"cdata_inside", "<![CDATA[ inner ]]>", "<![CDATA[ inner ]]>"},
    {"closing_content", "</content></entry><entry>", "</content></entry><entry>"},
    {"closing_encoded", "</content:encoded></item>", "</content:encoded></item>"},
    {"script_text", "<script>alert(1)</script>", "<script>alert(1)</script>"},
    {"lone_surrogate", "lone \xED\xA0\x80 surrogate", "lone " + fffd + fffd + fffd + " surrogate"},
    {"nonchars", "\xEF\xBF\xBE\xEF\xBF\xBF nonchars", " nonchars"},
    {"invalid_utf8", "bad \xFF\xC0 bytes", "bad " + fffd + fffd + " bytes"},
    {"entity_text", "&amp; &lt; &#0; &#x1; &", "&amp; &lt; &#0; &#x1; &"},
    {"quotes", "\"double\" 'single'", "\"double\" 'single'"},
    {"crlf", "a\r\nb\rc", "a\nb\nc"},
};

MergedFeed feed_with(const std::string& text) {
  auto feed = test::sample_feed();
  feed.title = text;
  for (auto& entry : feed.entries) {
    entry.id = text;
    entry.title = text;
    entry.summary = text;
    entry.content_html = text;
    entry.authors = {Person{text, std::nullopt, std::nullopt}};
    entry.tags = {text};
    entry.sources[0].feed_title = text;
  }
  return feed;
}

pugi::xml_node load_ok(pugi::xml_document& document, const std::string& output) {
  // parse_ws_pcdata: keep whitespace-only text, as every XML reader does.
  auto result = document.load_buffer(output.data(), output.size(),
                                     pugi::parse_default | pugi::parse_ws_pcdata);
  EXPECT_EQ(result.status, pugi::status_ok) << result.description() << " at " << result.offset;
  EXPECT_EQ(test::find_illegal_code_point(output), std::nullopt);
  return document.document_element();
}

void check_atom(const std::string& input, const std::string& decoded) {
  pugi::xml_document document;
  auto root = load_ok(document, write_atom(feed_with(input)));
  EXPECT_EQ(test::decoded_text(root.child("title")), decoded);
  for (auto entry : root.children("entry")) {
    EXPECT_EQ(test::decoded_text(entry.child("content")), decoded);
    EXPECT_EQ(test::decoded_text(entry.child("title")), decoded);
    EXPECT_EQ(test::decoded_text(entry.child("summary")), decoded);
    EXPECT_EQ(test::decoded_text(entry.child("id")), decoded);
    EXPECT_EQ(test::decoded_text(entry.child("author").child("name")), decoded);
    EXPECT_EQ(entry.child("category").attribute("term").value(), decoded);
    EXPECT_EQ(test::decoded_text(entry.child("source").child("title")), decoded);
  }
}

void check_rss(const std::string& input, const std::string& decoded) {
  pugi::xml_document document;
  auto output = write_rss(feed_with(input));
  auto channel = load_ok(document, output).child("channel");
  for (auto item : channel.children("item")) {
    auto footer = item.next_sibling("item") ? rss_sources_footer(test::rust_entry()) : "";
    EXPECT_EQ(test::decoded_text(item.child("content:encoded")), decoded + footer);
    EXPECT_EQ(test::decoded_text(item.child("description")), escape_html(decoded));
    EXPECT_EQ(test::decoded_text(item.child("title")),
              looks_like_html(decoded) ? escape_html(decoded) : decoded);
    EXPECT_EQ(test::decoded_text(item.child("guid")), decoded);
    EXPECT_EQ(test::decoded_text(item.child("dc:creator")), decoded);
    EXPECT_EQ(test::decoded_text(item.child("category")), decoded);
    EXPECT_EQ(test::decoded_text(item.child("source")), decoded);
    for (auto child : item.child("content:encoded").children())
      EXPECT_EQ(std::string_view(child.value()).find("]]>"), std::string_view::npos);
  }
}

void check_json(const std::string& input, const std::string& decoded) {
  auto output = write_json_feed(feed_with(input));
  EXPECT_EQ(test::find_illegal_code_point(output), std::nullopt);
  boost::system::error_code error;
  auto root = boost::json::parse(output, error);
  ASSERT_FALSE(error) << error.message();
  for (const auto& item : root.at("items").as_array()) {
    EXPECT_EQ(item.at("content_html"), decoded.c_str());
    EXPECT_EQ(item.at("title"), decoded.c_str());
    EXPECT_EQ(item.at("id"), decoded.c_str());
    EXPECT_EQ(item.at("_feedd").at("sources").at(0).at("feed_title"), decoded.c_str());
  }
}

class OutputSafety : public testing::TestWithParam<Hostile> {};

TEST_P(OutputSafety, AtomIsWellFormedAndDecodesToTheCleanedInput) {
  check_atom(GetParam().input, GetParam().decoded);
}

TEST_P(OutputSafety, RssIsWellFormedAndDecodesToTheCleanedInput) {
  check_rss(GetParam().input, GetParam().decoded);
}

TEST_P(OutputSafety, JsonFeedIsValidAndDecodesToTheCleanedInput) {
  check_json(GetParam().input, GetParam().decoded);
}

INSTANTIATE_TEST_SUITE_P(Hostile, OutputSafety, testing::ValuesIn(hostile_strings),
                         [](const testing::TestParamInfo<Hostile>& info) {
                           return std::string(info.param.name);
                         });

TEST(OutputSafety, RssSplitsCdataAroundEveryTerminator) {
  auto feed = test::sample_feed();
  feed.entries[1].content_html = "a]]>b]]]]>c";
  auto output = write_rss(feed);
  EXPECT_NE(output.find("<![CDATA[a]]]]><![CDATA[>b]]]]]]><![CDATA[>c]]>"), std::string::npos)
      << output;
}

// Random strings over the troublesome fragments (fixed seed): every output stays well-formed
// and decodes to xml_safe of the input.
TEST(OutputSafety, RandomStringsStayWellFormed) {
  const std::vector<std::string> fragments = {"a",
                                              " ",
                                              "<",
                                              ">",
                                              "&",
                                              "]",
                                              "]]>",
                                              "\"",
                                              "'",
                                              "\0"s,
                                              "\x01",
                                              "\x0B",
                                              "\x1F",
                                              "\r",
                                              "\n",
                                              "\t",
                                              "\xED",
                                              "\xA0",
                                              "\x80",
                                              "\xBF",
                                              "\xFF",
                                              "\xC3\xA9",
                                              "\xEF\xBF\xBE",
                                              "\xEF\xBF\xBF",
                                              "\xF0\x9F\x98\x80",
                                              "<![CDATA[",
                                              "</content>",
                                              "<script>",
                                              "&#0;",
                                              "&amp;"};
  std::mt19937 random(20240302);
  for (int round = 0; round < 300; ++round) {
    std::string input;
    auto length = random() % 24;
    for (unsigned i = 0; i < length; ++i) input += fragments[random() % fragments.size()];
    SCOPED_TRACE(testing::PrintToString(input));
    auto decoded = xml_safe(input);
    ASSERT_EQ(test::find_illegal_code_point(decoded), std::nullopt);
    check_atom(input, decoded);
    check_rss(input, decoded);
    check_json(input, decoded);
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace feeds
