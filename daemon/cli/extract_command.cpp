#include "daemon/cli/extract_command.hpp"
#include "daemon/cli/batch_list.hpp"
#include "daemon/cli/command_input.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

#include "feeds/html/extract.hpp"
#include "feeds/parse/date.hpp"

namespace feedd {
namespace {


std::string to_json(const feeds::Article& article) {
  boost::json::object object;
  object["title"] = article.title;
  object["byline"] = article.byline;
  object["published"] = article.published ? boost::json::value(feeds::format_rfc3339(*article.published))
                                           : boost::json::value(nullptr);
  object["lead_image"] = article.lead_image_url;
  object["site_name"] = article.site_name;
  object["canonical_url"] = article.canonical_url;
  object["language"] = article.language;
  object["excerpt"] = article.excerpt;
  object["method"] = feeds::to_string(article.method);
  object["quality"] = article.quality;
  object["next_page_link"] = article.next_page_link;
  object["content_html"] = article.content_html;
  object["content_text"] = article.content_text;
  return boost::json::serialize(object);
}

std::string render(const feeds::Article& article, const std::string& format) {
  if (format == "html") return article.content_html;
  if (format == "json") return to_json(article);
  return article.content_text;
}

/// Extracts one file; on success returns the output, on failure sets `error` ("PATH: message").
std::optional<std::string> extract_to_output(const std::string& path, std::string_view url,
                                             const std::string& format, std::string& error) {
  auto input = load_command_input(path, "text/html, application/xhtml+xml;q=0.9, */*;q=0.5", error);
  if (!input) return std::nullopt;
  feeds::ExtractRequest request;
  request.bytes = input->bytes;
  request.url = url.empty() ? std::string_view(input->url) : url;
  request.content_type = input->content_type;
  feeds::ExtractOptions options;
  options.produce_html = format != "text";
  auto article = feeds::extract_article(request, options);
  if (!article) {
    error = path + ": " + article.error().message;
    return std::nullopt;
  }
  return render(*article, format);
}

}  // namespace

int run_extract_command(const ExtractCommandOptions& options) {
  if (!options.batch_list.empty())
    return run_batch_list(options.batch_list, "extract", [&options](const std::string& input, const std::string& url, std::string& error) {
      return extract_to_output(input, url, options.format, error);
    });
  std::string error;
  auto output = extract_to_output(options.input, options.url, options.format, error);
  if (!output) {
    std::cerr << "feedd extract: " << error << "\n";
    return 1;
  }
  std::cout << *output << "\n";
  return 0;
}

}  // namespace feedd
