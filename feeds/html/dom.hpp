#pragma once
/// HTML5 parsing with gumbo, converted into a pugixml document so XPath works on pages too.

#include <cstddef>
#include <string_view>

#include <pugixml.hpp>

namespace feeds {

struct HtmlParseOptions {
  std::size_t max_depth = 512;  ///< deeper elements are flattened into their ancestor at the cap
  /// Start tags left open beyond this count are parsed as text: gumbo's tree builder is quadratic
  /// in nesting depth (100 000 unclosed <div>s take ~17 s), so hostile input is defused first.
  std::size_t max_unclosed_tags = 2048;
  /// The same for formatting elements (b, i, font, ...), which the tree builder re-opens after
  /// every block: N unclosed ones multiply the tree by N.
  std::size_t max_unclosed_formatting_tags = 32;
};

/// Parses a whole HTML document. The result's document element is <html> with <head> and <body>
/// (gumbo always builds them). Element and attribute names are lower-case; text is UTF-8.
void parse_html_document(std::string_view utf8, pugi::xml_document& out,
                         const HtmlParseOptions& options = {});

/// Parses an HTML fragment as the children of a <body>; `out` gets a single <body> element
/// holding the fragment's nodes.
void parse_html_fragment(std::string_view utf8, pugi::xml_document& out,
                         const HtmlParseOptions& options = {});

}  // namespace feeds
