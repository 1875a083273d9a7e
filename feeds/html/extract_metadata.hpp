#pragma once
/// Article metadata from the page's head (internal): JSON-LD, OpenGraph, Twitter, Dublin Core,
/// Parse.ly and plain <meta> tags, <link rel=canonical>, <title>.

#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace feeds::detail {

/// What the first schema.org Article object among the page's JSON-LD scripts says.
struct JsonLdArticle {
  bool found = false;
  std::string title, byline, excerpt, site_name, published, image, body, language;
};

/// Reads the JSON-LD scripts (before scripts are removed). `page_title` (article_title()) picks
/// between "name" and "headline" when they differ.
JsonLdArticle read_json_ld(pugi::xml_node html, std::string_view page_title);

/// Everything but the content; strings are empty when the page does not say.
struct PageMetadata {
  std::string title, byline, excerpt, site_name, published, lead_image, canonical_url, language,
      next_page;
  bool declares_article = false;  ///< og:type "article" or a JSON-LD Article
};

/// The title as Readability derives it from <title>: without a trailing " | Site" part, or the
/// only <h1> when the title is implausibly short or long.
std::string article_title(pugi::xml_node html);

/// JSON-LD first, then the meta tags, in Readability's order of preference; dates and images
/// fall back to more places (itemprop, <time>, twitter:image). URLs are resolved against
/// `page_url`.
PageMetadata read_metadata(pugi::xml_node html, const JsonLdArticle& json_ld,
                           std::string_view page_url);

/// Decodes &quot; &amp; &lt; &gt; &apos; and numeric references (meta values escaped twice).
std::string unescape_basic_entities(std::string_view text);

}  // namespace feeds::detail
