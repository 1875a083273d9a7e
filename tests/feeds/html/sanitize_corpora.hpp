#pragma once
/// The sanitizer test corpora: DOMPurify payloads, feedparser's sanitizer feeds (split into the
/// HTML fragments they carry) and a random tag-soup generator. Shared by the property tests
/// and the fast-path differential tests.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace feeds::testing {

namespace fs = std::filesystem;

inline const fs::path xss_corpora = fs::path(FEEDD_SHARED_DIR) / "corpora" / "xss-vectors";

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::vector<fs::path> files_in(const fs::path& folder, std::string_view extension,
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

inline std::string decode_base64(std::string_view text) {
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

inline bool is_xhtml_container(pugi::xml_node node) {
  return std::string_view(node.attribute("xmlns").value()) == "http://www.w3.org/1999/xhtml" ||
         std::string_view(node.attribute("type").value()) == "xhtml";
}

inline std::string leaf_text(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    text += child.value();
  }
  return std::string_view(node.attribute("mode").value()) == "base64" ? decode_base64(text) : text;
}

/// The HTML fragments a feed file carries: the text of every leaf element (base64 decoded
/// where mode="base64") and the markup inside inline XHTML containers.
inline std::vector<std::string> html_fragments(const fs::path& path) {
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

/// Random tag soup from pieces that exercise the tree builder's rearrangements; a fixed seed
/// keeps failures reproducible.
inline std::string random_soup(std::mt19937& random) {
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
                                 "<more>",
                                 "</more>",
                                 "<image src=a.png>",
                                 "<isindex>",
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

}  // namespace feeds::testing
