#pragma once
/// The sanitizer property oracle of security.md §1.2 (1 and 3), checked on our own reparse of
/// the output. Independent of the sanitizer's tables on purpose: a policy bug must show here.

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/html/dom.hpp"
#include "feeds/html/html_serialize.hpp"
#include "feeds/html/sanitize.hpp"

namespace feeds::testing {

inline const std::set<std::string, std::less<>>& allowed_output_elements() {
  static const std::set<std::string, std::less<>> names = {
      "a",       "abbr",    "address", "audio",  "b",     "bdi",      "bdo",        "blockquote",
      "br",      "caption", "cite",    "code",   "col",   "colgroup", "dd",         "del",
      "details", "dfn",     "div",     "dl",     "dt",    "em",       "figcaption", "figure",
      "h1",      "h2",      "h3",      "h4",     "h5",    "h6",       "hr",         "i",
      "iframe",  "img",     "ins",     "kbd",    "li",    "mark",     "ol",         "p",
      "picture", "pre",     "q",       "rp",     "rt",    "ruby",     "s",          "samp",
      "small",   "source",  "span",    "strong", "sub",   "summary",  "sup",        "table",
      "tbody",   "td",      "tfoot",   "th",     "thead", "time",     "tr",         "u",
      "ul",      "var",     "video",   "wbr"};
  return names;
}

inline const std::set<std::string, std::less<>>& allowed_output_attributes() {
  static const std::set<std::string, std::less<>> names = {"abbr",     "allowfullscreen",
                                                           "alt",      "cite",
                                                           "colspan",  "controls",
                                                           "datetime", "dir",
                                                           "height",   "href",
                                                           "lang",     "loading",
                                                           "longdesc", "loop",
                                                           "media",    "muted",
                                                           "open",     "playsinline",
                                                           "poster",   "referrerpolicy",
                                                           "rel",      "reversed",
                                                           "rowspan",  "sandbox",
                                                           "scope",    "sizes",
                                                           "span",     "src",
                                                           "srcset",   "start",
                                                           "title",    "type",
                                                           "value",    "width"};
  return names;
}

inline std::string lower_without_controls(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c <= 0x20 || c == 0x7F || (c == 0xC2 && i + 1 < value.size() && value[i + 1] == '\xA0')) {
      i += c == 0xC2 ? 1 : 0;
      continue;
    }
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return out;
}

/// Why a URL attribute value is unacceptable, empty when it is fine.
inline std::string check_url(std::string_view element, std::string_view attribute,
                             std::string_view value) {
  const std::string url = lower_without_controls(value);
  const std::size_t colon = url.find(':');
  const std::string scheme =
      colon == std::string::npos || url.find_first_of("/?#") < colon ? "" : url.substr(0, colon);
  if (scheme.empty() || scheme == "http" || scheme == "https") {
    return {};
  }
  if (scheme == "mailto" && element == "a" && attribute == "href") {
    return {};
  }
  const bool raster = url.starts_with("data:image/png") || url.starts_with("data:image/jpeg") ||
                      url.starts_with("data:image/jpg") || url.starts_with("data:image/gif") ||
                      url.starts_with("data:image/webp") || url.starts_with("data:image/avif");
  if (scheme == "data" && raster && element == "img" && attribute == "src") {
    return {};
  }
  return std::string(element) + " " + std::string(attribute) + " has scheme " + scheme;
}

inline std::vector<std::string> split_srcset(std::string_view srcset) {
  std::vector<std::string> urls;
  std::size_t start = 0;
  while (start < srcset.size()) {
    std::size_t end = srcset.find(", ", start);
    end = end == std::string_view::npos ? srcset.size() : end;
    const std::string_view candidate = srcset.substr(start, end - start);
    urls.emplace_back(candidate.substr(0, candidate.find(' ')));
    start = end + 2;
  }
  return urls;
}

inline std::string check_attribute(pugi::xml_node element, pugi::xml_attribute attribute) {
  const std::string_view name = attribute.name();
  const std::string where = std::string(element.name()) + " " + std::string(name);
  if (name.starts_with("on") || !allowed_output_attributes().contains(name)) {
    return "attribute not allowed: " + where;
  }
  static const std::set<std::string_view> url_attributes = {"href", "src", "poster", "cite",
                                                            "longdesc"};
  if (url_attributes.contains(name)) {
    return check_url(element.name(), name, attribute.value());
  }
  if (name == "srcset") {
    for (const std::string& url : split_srcset(attribute.value())) {
      if (std::string problem = check_url(element.name(), "srcset", url); !problem.empty()) {
        return problem;
      }
    }
  }
  return {};
}

inline std::string check_element(pugi::xml_node element, const SanitizeOptions& options) {
  const std::string_view name = element.name();
  if (!allowed_output_elements().contains(name)) {
    return "element not allowed: " + std::string(name);
  }
  for (pugi::xml_attribute attribute : element.attributes()) {
    if (std::string problem = check_attribute(element, attribute); !problem.empty()) {
      return problem;
    }
  }
  if (name == "iframe") {
    const std::string src = element.attribute("src").value();
    const bool allowed = std::any_of(
        options.iframe_hosts.begin(), options.iframe_hosts.end(), [&](const std::string& host) {
          return lower_without_controls(src).starts_with("https://" + host + "/") ||
                 lower_without_controls(src).starts_with("http://" + host + "/");
        });
    if (!allowed || element.first_child() || !element.attribute("sandbox")) {
      return "iframe not allowed: " + src;
    }
  }
  return {};
}

/// Every violation of properties 1 and 3 in `output`; empty when it passes.
inline std::vector<std::string> check_sanitized(std::string_view output, std::string_view base,
                                                const SanitizeOptions& options = {}) {
  std::vector<std::string> problems;
  pugi::xml_document doc;
  parse_html_fragment(output, doc);
  // Iterative on purpose: outputs can be deep.
  for (pugi::xml_node node = doc.first_child().first_child(); node;) {
    if (node.type() == pugi::node_element) {
      if (std::string problem = check_element(node, options); !problem.empty()) {
        problems.push_back(problem);
      }
    }
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node && !node.next_sibling()) {
      node = node.parent() == doc.first_child() ? pugi::xml_node() : node.parent();
    }
    node = node ? node.next_sibling() : node;
  }
  if (serialize_html_children(doc.first_child()) != output) {
    problems.push_back("reparse + serialize changes the output");
  }
  if (sanitize_html(output, base, options) != output) {
    problems.push_back("not a fixed point: sanitizing the output changes it");
  }
  return problems;
}

}  // namespace feeds::testing
