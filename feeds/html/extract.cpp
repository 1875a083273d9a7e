// extract_article: decode → parse → metadata → prepare → choose content → tidy → judge → text.
#include "feeds/html/extract.hpp"

#include <optional>

#include "feeds/html/dom.hpp"
#include "feeds/html/extract_content.hpp"
#include "feeds/html/extract_dom.hpp"
#include "feeds/html/extract_metadata.hpp"
#include "feeds/html/extract_prescan.hpp"
#include "feeds/html/extract_quality.hpp"
#include "feeds/html/extract_text.hpp"
#include "feeds/html/html_serialize.hpp"
#include "feeds/html/page_charset.hpp"
#include "feeds/html/sanitize.hpp"
#include "feeds/parse/date.hpp"

namespace feeds {
namespace {

bool is_blank(std::string_view bytes) {
  return bytes.find_first_not_of(" \t\r\n\f") == std::string_view::npos;
}

std::optional<Error> check_input(std::string_view bytes, const ExtractOptions& options) {
  if (is_blank(bytes)) {
    return Error{ErrorCode::malformed, "extract: empty page"};
  }
  if (bytes.size() > options.max_page_bytes) {
    return Error{ErrorCode::too_large, "extract: page of " + std::to_string(bytes.size()) +
                                           " bytes exceeds the limit of " +
                                           std::to_string(options.max_page_bytes)};
  }
  if (looks_like_binary(bytes)) {
    return Error{ErrorCode::malformed, "extract: not an HTML page (binary data)"};
  }
  return std::nullopt;
}

std::string first_paragraph_text(pugi::xml_node content) {
  for (pugi::xml_node paragraph : detail::elements_named(content, {"p"})) {
    std::string text = detail::collapse_js_space_runs(detail::text_content(paragraph));
    if (!text.empty()) return text;
  }
  return {};
}

Article article_from(const detail::PageMetadata& metadata, const detail::GrabContext& context) {
  Article article;
  article.title = detail::collapse_js_space_runs(metadata.title);
  article.byline = detail::collapse_js_space_runs(metadata.byline.empty() ? context.byline
                                                                           : metadata.byline);
  article.published = parse_date(metadata.published);
  article.lead_image_url = metadata.lead_image;
  article.site_name = detail::collapse_js_space_runs(metadata.site_name);
  article.canonical_url = metadata.canonical_url;
  article.language = metadata.language;
  article.excerpt = detail::collapse_js_space_runs(metadata.excerpt);
  article.next_page_link = metadata.next_page;
  return article;
}

Error no_article(std::string_view why) {
  return Error{ErrorCode::malformed, "extract: no article: " + std::string(why)};
}

}  // namespace

Result<Article> extract_article(const ExtractRequest& request, const ExtractOptions& options) {
  if (std::optional<Error> problem = check_input(request.bytes, options)) return *problem;
  const DecodedPage page = decode_html_page(request.bytes, request.content_type);
  pugi::xml_document document;
  parse_html_document(detail::drop_script_bodies(page.utf8), document);
  const pugi::xml_node html = document.child("html");
  const detail::JsonLdArticle json_ld = detail::read_json_ld(html, detail::article_title(html));
  const detail::PageMetadata metadata = detail::read_metadata(html, json_ld, request.url);
  detail::prepare_page(html);
  detail::GrabContext context{metadata.title, !metadata.byline.empty(), {}};
  auto choice = detail::choose_content(document, request, json_ld, context);
  if (!choice) return choice.error();
  if (!choice->content) return no_article("the page has no text");
  Article article = article_from(metadata, context);
  detail::remove_repeated_byline(choice->content, article.byline);
  detail::remove_repeated_captions(choice->content);
  const detail::ContentStats stats = detail::measure_content(choice->content);
  article.quality = detail::quality_score(stats, metadata.declares_article);
  if (article.quality < options.min_quality) {
    return no_article("best candidate scores " + std::to_string(article.quality).substr(0, 4) +
                      " (" + std::to_string(stats.text_length) + " characters)");
  }
  article.method = choice->method;
  article.content_text = detail::block_text(choice->content);
  if (article.excerpt.empty()) article.excerpt = first_paragraph_text(choice->content);
  if (options.produce_html) {
    article.content_html = sanitize_html(serialize_html_children(choice->content), request.url);
  }
  return article;
}

}  // namespace feeds
