#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "feeds/html/dom.hpp"
#include "feeds/html/sanitize.hpp"
#include "feeds/html/text.hpp"
#include "sanitize_properties.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path corpora = fs::path(FEEDD_SHARED_DIR) / "corpora" / "xss-vectors";
const fs::path test_data = fs::path(FEEDD_TEST_DATA_DIR) / "html";
constexpr std::string_view base = "https://example.org/feed/";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<fs::path> files_in(const fs::path& folder, std::string_view extension,
                               std::string_view prefix = "") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == extension && name.starts_with(prefix)) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string decode_base64(std::string_view text) {
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const std::size_t value = alphabet.find(c);
    if (value == std::string_view::npos) {
      continue;
    }
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

bool is_xhtml_container(pugi::xml_node node) {
  return std::string_view(node.attribute("xmlns").value()) == "http://www.w3.org/1999/xhtml" ||
         std::string_view(node.attribute("type").value()) == "xhtml";
}

std::string leaf_text(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    text += child.value();
  }
  return std::string_view(node.attribute("mode").value()) == "base64" ? decode_base64(text) : text;
}

/// The HTML fragments a feed file carries: the text of every leaf element (base64 decoded
/// where mode="base64") and the markup inside inline XHTML containers.
std::vector<std::string> html_fragments(const fs::path& path) {
  const std::string bytes = read_file(path);
  pugi::xml_document doc;
  if (!doc.load_buffer(bytes.data(), bytes.size())) {
    return {bytes};  // not well-formed: the whole file is hostile HTML too
  }
  std::vector<std::string> fragments;
  std::vector<pugi::xml_node> pending = {doc.document_element()};
  while (!pending.empty()) {
    const pugi::xml_node node = pending.back();
    pending.pop_back();
    const bool has_elements = static_cast<bool>(
        node.find_child([](pugi::xml_node c) { return c.type() == pugi::node_element; }));
    if (is_xhtml_container(node)) {
      std::ostringstream markup;
      for (pugi::xml_node child : node.children()) {
        child.print(markup, "", pugi::format_raw);
      }
      fragments.push_back(markup.str());
    } else if (has_elements) {
      for (pugi::xml_node child : node.children()) {
        if (child.type() == pugi::node_element) {
          pending.push_back(child);
        }
      }
    } else if (std::string text = leaf_text(node); !text.empty()) {
      fragments.push_back(std::move(text));
    }
  }
  return fragments;
}

/// Text of the parsed fragment without what the sanitizer drops with its content (§1.2 (4)).
std::string expected_text(std::string_view html) {
  static const std::set<std::string_view> dropped = {
      "applet",   "base",     "button",   "datalist", "embed", "form",   "frame",   "frameset",
      "iframe",   "input",    "keygen",   "link",     "math",  "meta",   "noembed", "noframes",
      "noscript", "object",   "optgroup", "option",   "param", "script", "select",  "style",
      "svg",      "template", "textarea", "title",    "track", "xmp"};
  pugi::xml_document doc;
  feeds::parse_html_fragment(html, doc);
  std::string text;
  std::vector<pugi::xml_node> pending = {doc.first_child()};
  while (!pending.empty()) {
    const pugi::xml_node node = pending.back();
    pending.pop_back();
    if (node.type() == pugi::node_pcdata) {
      text += node.value();
    } else if (!dropped.contains(node.name()) && !node.attribute("hidden")) {
      for (pugi::xml_node child = node.last_child(); child; child = child.previous_sibling()) {
        pending.push_back(child);
      }
    }
  }
  return feeds::collapse_whitespace(text);
}

std::string describe(const std::vector<std::string>& problems) {
  std::string text;
  for (const std::string& problem : problems) {
    text += "\n  " + problem;
  }
  return text;
}

TEST(SanitizeVectors, PropertyCheckerCatchesViolations) {
  const char* unsafe[] = {
      "<script>alert(1)</script>",
      "<p onclick=\"x\">t</p>",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<img src=\"data:image/svg+xml,<svg/onload=alert(1)>\">",
      "<img srcset=\"a.png 1x, vbscript:x 2x\">",
      "<iframe src=\"https://evil.example/\" sandbox=\"\"></iframe>",
      "<p style=\"x\">t</p>",
      "<svg></svg>",
      "<a href=\" java\tscript:x\">x</a>",
      "<p>a<p>b</p></p>",
      "<b>x",
  };
  for (const char* html : unsafe) {
    EXPECT_FALSE(feeds::testing::check_sanitized(html, base).empty()) << html;
  }
  EXPECT_TRUE(feeds::testing::check_sanitized("<p>fine <b>text</b></p>", base).empty());
}

TEST(SanitizeVectors, DompurifyPayloadsComeOutSafeAndStable) {
  const std::vector<fs::path> payloads = files_in(corpora / "dompurify" / "payloads", ".html");
  ASSERT_EQ(payloads.size(), 223u);
  for (const fs::path& path : payloads) {
    const std::string input = read_file(path);
    for (const std::string_view b : {base, std::string_view()}) {
      const std::string output = feeds::sanitize_html(input, b);
      const std::vector<std::string> problems = feeds::testing::check_sanitized(output, b);
      EXPECT_TRUE(problems.empty())
          << path.filename() << " base '" << b << "'\noutput: " << output << describe(problems);
    }
  }
}

TEST(SanitizeVectors, FeedparserSanitizeFeedsComeOutSafeAndStable) {
  const std::vector<fs::path> feeds_files = files_in(corpora / "feedparser-sanitize", ".xml");
  ASSERT_EQ(feeds_files.size(), 745u);
  std::size_t fragments = 0;
  for (const fs::path& path : feeds_files) {
    for (const std::string& input : html_fragments(path)) {
      ++fragments;
      const std::string output = feeds::sanitize_html(input, base);
      const std::vector<std::string> problems = feeds::testing::check_sanitized(output, base);
      EXPECT_TRUE(problems.empty()) << path.filename() << "\ninput: " << input
                                    << "\noutput: " << output << describe(problems);
    }
  }
  EXPECT_GE(fragments, 745u);
}

TEST(SanitizeVectors, BenignFeedparserElementsKeepTheirText) {
  const std::vector<fs::path> files =
      files_in(corpora / "feedparser-sanitize", ".xml", "acceptable_");
  ASSERT_EQ(files.size(), 238u);
  for (const fs::path& path : files) {
    for (const std::string& input : html_fragments(path)) {
      for (const std::string& wrapped :
           {input, "before " + input + " after", "<p>in " + input + " p</p>"}) {
        const std::string output = feeds::sanitize_html(wrapped, base);
        EXPECT_EQ(expected_text(output), expected_text(wrapped))
            << path.filename() << "\ninput: " << wrapped;
        EXPECT_TRUE(feeds::testing::check_sanitized(output, base).empty())
            << path.filename() << "\noutput: " << output;
      }
    }
  }
}

TEST(SanitizeVectors, BenignArticleMatchesGoldenOutputAndKeepsText) {
  const std::string input = read_file(test_data / "article.html");
  const std::string output = feeds::sanitize_html(input, "https://example.org/blog/post.html");
  EXPECT_EQ(output, read_file(test_data / "article.sanitized.html"));
  EXPECT_EQ(expected_text(output), expected_text(input));
  EXPECT_TRUE(
      feeds::testing::check_sanitized(output, "https://example.org/blog/post.html").empty());
}

}  // namespace

namespace {

/// Random tag soup from pieces that exercise the tree builder's rearrangements; a fixed seed
/// keeps failures reproducible.
std::string random_soup(std::mt19937& random) {
  static const char* pieces[] = {"<p>",
                                 "</p>",
                                 "<a href=x>",
                                 "</a>",
                                 "<b>",
                                 "</b>",
                                 "<i>",
                                 "</i>",
                                 "<table>",
                                 "</table>",
                                 "<tr>",
                                 "<td>",
                                 "</td>",
                                 "<caption>",
                                 "<li>",
                                 "<ul>",
                                 "</ul>",
                                 "<dl><dt>",
                                 "<dd>",
                                 "<pre>",
                                 "\n",
                                 "<div>",
                                 "</div>",
                                 "<svg>",
                                 "</svg>",
                                 "<math><mi>",
                                 "<style>",
                                 "</style>",
                                 "<script>",
                                 "</script>",
                                 "<select>",
                                 "<option>",
                                 "<form>",
                                 "</form>",
                                 "<button>",
                                 "<marquee>",
                                 "<font>",
                                 "</font>",
                                 "<h1>",
                                 "<h2>",
                                 "</h1>",
                                 "<hr>",
                                 "<img src=a.png>",
                                 "<img src=javascript:x>",
                                 "<noscript>",
                                 "</noscript>",
                                 "<textarea>",
                                 "<xmp>",
                                 "<template>",
                                 "</template>",
                                 "<iframe src=https://www.youtube.com/embed/x>",
                                 "</iframe>",
                                 "<!--",
                                 "-->",
                                 "<![CDATA[",
                                 "]]>",
                                 "text",
                                 " ",
                                 "&amp;",
                                 "&nbsp;",
                                 "&lt;",
                                 "<custom>",
                                 "</custom>",
                                 "<span title=t>",
                                 "<base href=https://other.example/>",
                                 "<frameset>",
                                 "<plaintext>",
                                 "<nobr>",
                                 "<ruby><rt>",
                                 "<details>",
                                 "<summary>",
                                 "<figure>",
                                 "<section>",
                                 "<object>",
                                 "<video><source src=v.mp4>",
                                 "<blockquote>",
                                 "<q>"};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> length(1, 40);
  std::string html;
  for (int n = length(random); n > 0; --n) {
    html += pieces[pick(random)];
  }
  return html;
}

TEST(SanitizeVectors, RandomTagSoupComesOutSafeAndStable) {
  std::mt19937 random(20240611);
  for (int i = 0; i < 3000; ++i) {
    const std::string input = random_soup(random);
    const std::string output = feeds::sanitize_html(input, base);
    const std::vector<std::string> problems = feeds::testing::check_sanitized(output, base);
    ASSERT_TRUE(problems.empty()) << "input: " << input << "\noutput: " << output
                                  << describe(problems);
  }
}

}  // namespace
