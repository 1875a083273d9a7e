#pragma once
/// Per-site extraction rules in the FiveFilters ftr-site-config format
/// (https://github.com/fivefilters/ftr-site-config): one text file per host of
/// `directive: value` lines, XPath 1.0 expressions for what to take and what to drop.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "feeds/result.hpp"

namespace feeds {

/// A plain-text find and replace on the page's HTML before it is parsed.
struct Replacement {
  std::string find;
  std::string replace;
};

/// A `test_url` and the `test_contains` lines that follow it.
struct SiteTest {
  std::string url;
  std::vector<std::string> contains;
};

/// The rules of one site file. XPath lists are tried in file order; every XPath in them
/// compiled when the file was read (a bad one is dropped with a warning).
struct SiteRules {
  std::vector<std::string> title;              ///< XPath, node or string
  std::vector<std::string> body;               ///< XPath selecting the article element(s)
  std::vector<std::string> author;             ///< XPath, node or string
  std::vector<std::string> date;               ///< XPath, node or string
  std::vector<std::string> strip;              ///< XPath of nodes to remove before extraction
  std::vector<std::string> strip_id_or_class;  ///< remove elements whose id/class contains this
  std::vector<std::string> strip_image_src;    ///< remove <img> whose src contains this
  std::vector<std::string> single_page_link;   ///< XPath of the link to a one-page version
  std::vector<std::string> next_page_link;     ///< XPath of the link to the next page
  std::vector<std::string> native_ad_clues;    ///< XPath whose match marks a page as an advert
  std::vector<Replacement> replacements;       ///< find_string/replace_string, in file order
  std::vector<std::pair<std::string, std::string>> http_headers;  ///< name, value
  std::vector<SiteTest> tests;        ///< test_url with its test_contains
  std::string parser;                 ///< the `parser` directive, as written
  bool prune = true;                  ///< let the extractor drop non-content inside the body
  bool autodetect_on_failure = true;  ///< fall back to automatic extraction when rules miss
  std::optional<bool> tidy;           ///< ftr's HTML Tidy switch; we never tidy (kept as read)
  /// "SOURCE:LINE: ..." notes on unknown or unsupported directives and dropped expressions.
  std::vector<std::string> warnings;
};

/// Parses one site file. Blank lines and lines starting with '#' are skipped; directive names
/// are case-insensitive; `replace_string(FIND): REPLACE` and `http_header(NAME): VALUE` take an
/// argument. Errors (invalid_argument, "SOURCE:LINE: ...") are lines without a directive, a
/// yes/no directive with another value, and unpaired find_string/replace_string lines; unknown
/// directives and expressions that do not compile are warnings. Never throws.
Result<SiteRules> parse_site_rules(std::string_view text, std::string_view source_name);

/// `site` with `global` appended (ftr "site config merging"): the site's expressions come first,
/// its yes/no settings and parser win, and a header the site sets is not overridden. A site
/// with `autodetect_on_failure: no` takes nothing from `global`.
SiteRules merge_site_rules(SiteRules site, const SiteRules& global);

/// The HTML after every find_string/replace_string pair, applied in order, each to all
/// non-overlapping occurrences.
std::string apply_replacements(std::string html, const SiteRules& rules);

/// Removes what the rules strip before extraction: nodes selected by `strip`, elements whose id
/// or class attribute contains a `strip_id_or_class` value (a substring, as ftr matches it), and
/// <img> elements whose src contains a `strip_image_src` value. Expressions that fail add to `warnings`.
/// Take the title, author, date and page links first: strip rules often remove the byline.
void apply_site_rules_before(pugi::xml_document& document, const SiteRules& rules,
                             std::vector<std::string>* warnings = nullptr);

/// The article element: the result of the first `body` expression that selects elements. When
/// it selects several, they are moved, in document order, into a new <div> put where the first
/// one was; that div is returned. A null node when no expression matches.
pugi::xml_node select_body(pugi::xml_document& document, const SiteRules& rules,
                           std::vector<std::string>* warnings = nullptr);

/// The first non-empty text of `xpaths`, tried in order (for the title, author and date rules):
/// a string result as is, a node's text (an attribute's value, an element's text content),
/// whitespace collapsed.
std::optional<std::string> select_text(const pugi::xml_document& document,
                                       const std::vector<std::string>& xpaths,
                                       std::vector<std::string>* warnings = nullptr);

/// The absolute URL of the next page from `next_page_link` (an element's href, an attribute or a
/// string), resolved against `base_url`; nullopt when nothing matches or the URL is unsafe.
std::optional<std::string> select_next_page_link(const pugi::xml_document& document,
                                                 const SiteRules& rules, std::string_view base_url,
                                                 std::vector<std::string>* warnings = nullptr);

/// The same for `single_page_link`: the URL of the whole article on one page.
std::optional<std::string> select_single_page_link(const pugi::xml_document& document,
                                                   const SiteRules& rules,
                                                   std::string_view base_url,
                                                   std::vector<std::string>* warnings = nullptr);

/// A feed's content_selector (already through compile_selector): the selected element, or a new
/// <div> holding all selected elements as select_body does; null when nothing matches.
pugi::xml_node select_by(pugi::xml_document& document, std::string_view xpath,
                         std::vector<std::string>* warnings = nullptr);

/// A feed's remove_selector (already through compile_selector): removes every selected node.
void remove_by(pugi::xml_document& document, std::string_view xpath,
               std::vector<std::string>* warnings = nullptr);

}  // namespace feeds
