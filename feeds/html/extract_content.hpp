#pragma once
/// The choice of the content element among the extractor's signals (internal).

#include <memory>

#include <pugixml.hpp>

#include "feeds/html/article.hpp"
#include "feeds/html/extract.hpp"
#include "feeds/html/extract_metadata.hpp"
#include "feeds/html/extract_readability.hpp"
#include "feeds/result.hpp"

namespace feeds::detail {

/// The chosen content: a <div> outside <html> in `document` (or in the page's document).
struct ContentChoice {
  std::unique_ptr<pugi::xml_document> document;  ///< owner when the content lives in a copy
  pugi::xml_node content;                        ///< null: nothing found
  ExtractMethod method = ExtractMethod::readability;
};

/// Feed selectors, then site rules, then Readability scoring; itemprop="articleBody" or the
/// JSON-LD articleBody replace a scoring result that holds much less text than they do.
/// `page` is the prepared (script-free) page; rule paths move nodes out of it.
Result<ContentChoice> choose_content(pugi::xml_document& page, const ExtractRequest& request,
                                     const JsonLdArticle& json_ld, GrabContext& context);

}  // namespace feeds::detail
