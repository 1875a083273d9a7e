#pragma once
/// Generators of ordinary HTML for the fast-path tests: blog bodies like the pollbench corpus
/// (tools/pollbench/gen_feeds.py html_body) and random plain HTML near the edges of what the
/// fast path accepts. Fixed seeds keep failures reproducible.

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace feeds::testing {

inline std::string_view pick(std::mt19937& random, const std::vector<std::string_view>& choices) {
  return choices[std::uniform_int_distribution<std::size_t>(0, choices.size() - 1)(random)];
}

inline bool chance(std::mt19937& random, double probability) {
  return std::uniform_real_distribution<double>(0, 1)(random) < probability;
}

inline int between(std::mt19937& random, int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(random);
}

inline std::string sentences(std::mt19937& random) {
  static const std::vector<std::string_view> words = {
      "feed", "parser", "the", "network", "version", "caf\xC3\xA9", "na\xC3\xAFve",
      "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "\xF0\x9F\x98\x80", "&amp;", "&#8217;", "&nbsp;",
      "&eacute;", "&lt;tag&gt;", "&quot;q&quot;", "&#x2014;", "support", "were", "ion"};
  std::string text;
  for (int n = between(random, 3, 25); n > 0; --n) {
    text.append(text.empty() ? "" : " ").append(pick(random, words));
  }
  return text.append(chance(random, 0.5) ? "." : "?");
}

/// At most `size` bytes of `text`, cut between characters and before a cut reference (the
/// generator slices characters, and its captions have no references).
inline std::string caption_of(std::string text, std::size_t size) {
  while (size < text.size() && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) {
    --size;
  }
  text.resize(std::min(size, text.size()));
  const std::size_t ampersand = text.rfind('&');
  if (ampersand != std::string::npos && text.find(';', ampersand) == std::string::npos) {
    text.resize(ampersand);
  }
  return text;
}

/// A blog body as gen_feeds.py writes them: paragraphs with links and strong words, figures,
/// code blocks with entities, blockquotes and lists.
inline std::string blog_body(std::mt19937& random, const std::string& host) {
  std::string out;
  while (out.size() < 1500) {
    const double kind = std::uniform_real_distribution<double>(0, 1)(random);
    std::string block;
    if (kind < 0.70) {
      std::string paragraph = sentences(random);
      if (chance(random, 0.4)) {
        paragraph.replace(paragraph.find(' '), 1,
                          " <a href=\"https://" + host + "/tag/feed\">feed</a> ");
      }
      if (chance(random, 0.2)) {
        paragraph = "<strong>network</strong> " + paragraph;
      }
      block = "<p>" + paragraph + "</p>";
    } else if (kind < 0.80) {
      block = "<figure><img src=\"https://" + host + "/img/" + std::to_string(random()) +
              ".jpg\" alt=\"parser\" width=\"640\" height=\"360\"/><figcaption>" +
              caption_of(sentences(random), 80) + "</figcaption></figure>";
    } else if (kind < 0.90) {
      std::string code;
      for (int n = between(random, 2, 8); n > 0; --n) {
        code += "  if (x &lt; " + std::to_string(between(random, 0, 99)) +
                " &amp;&amp; feed) return parse(&quot;net&quot;);\n";
      }
      block = "<pre><code class=\"language-cpp\">" + code + "</code></pre>";
    } else if (kind < 0.95) {
      block = "<blockquote><p>" + sentences(random) + "</p></blockquote>";
    } else {
      block = "<ul>";
      for (int n = between(random, 2, 6); n > 0; --n) {
        block += "<li>" + sentences(random) + "</li>";
      }
      block += "</ul>";
    }
    out.append(out.empty() ? "" : "\n").append(block);
  }
  return out;
}

/// Random HTML made mostly of what the fast path accepts, with some of what it must refuse:
/// nesting errors, odd attributes, URLs of every kind, references, newlines after <pre>.
inline std::string random_plain_html(std::mt19937& random) {
  static const std::vector<std::string_view> elements = {
      "p",   "a",       "b",      "i",    "em",   "strong", "span",       "div",  "ul",
      "ol",  "li",      "dl",     "dt",   "dd",   "h2",     "h3",         "pre",  "code",
      "q",   "figure",  "figcaption", "blockquote", "section", "font", "custom-el", "o:p", "more", "xyz",
      "sub", "details", "summary", "video", "audio", "picture", "ruby", "rt", "center", "s"};
  static const std::vector<std::string_view> voids = {"br", "img", "hr", "wbr", "source"};
  static const std::vector<std::string_view> attributes = {
      " href=\"https://example.org/a?b=1&amp;c=2\"", " href=\"/relative/path\"", " href=x",
      " href=\"javascript:alert(1)\"", " href=\"mailto:a@example.org\"", " href=\"#frag\"",
      " src=\"a.png\"", " src=\"https://cdn.example/i.jpg\"", " src='data:image/png;base64,AA'",
      " srcset=\"a.png 1x, b.png 2x\"", " width=1 height=1", " width=\"640\"", " height=0",
      " title=\"&lt;b&gt; &quot;t&quot;\"", " title='it&#39;s'", " hidden", " class=c",
      " style=\"color:red\"", " lang=en", " dir=RTL", " onclick=\"x()\"", " cite=\"/q\"",
      " start=3", " reversed", " open", " src=\"https://www.youtube.com/embed/v\"", " alt=\"\""};
  static const std::vector<std::string_view> texts = {
      "text", " ", "\n", "a &amp; b", "&nbsp;", "x & y", "&#8217;", "caf\xC3\xA9", "1 &lt; 2",
      "\n\n", "&eacute;&copy;", "  spaced  ", "&#x1F600;"};
  std::vector<std::string> open;
  std::string html;
  for (int step = between(random, 1, 40); step > 0; --step) {
    const int choice = between(random, 0, 9);
    if (choice <= 2) {
      const std::string name(pick(random, elements));
      html += "<" + name;
      for (int n = between(random, 0, 2); n > 0; --n) html += pick(random, attributes);
      html += ">";
      if (name == "pre" && chance(random, 0.5)) html += chance(random, 0.5) ? "\n" : "\n\n";
      open.push_back(name);
    } else if (choice <= 4 && !open.empty()) {
      // Mostly the current element; sometimes another one (misnesting).
      const std::size_t index = chance(random, 0.9) ? open.size() - 1 : random() % open.size();
      html += "</" + open[index] + ">";
      open.erase(open.begin() + static_cast<std::ptrdiff_t>(index));
    } else if (choice == 5) {
      html += "<" + std::string(pick(random, voids)) + std::string(pick(random, attributes)) +
              (chance(random, 0.3) ? "/>" : ">");
    } else if (choice == 6 && chance(random, 0.2)) {
      html += chance(random, 0.5) ? "<script>x()</script>"
                                  : "<iframe src=\"https://www.youtube.com/embed/v\"></iframe>";
    } else {
      html += pick(random, texts);
    }
  }
  while (!open.empty() && chance(random, 0.8)) {
    html += "</" + open.back() + ">";
    open.pop_back();
  }
  return html;
}

}  // namespace feeds::testing
