#include "daemon/cli/extract_command.hpp"
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

struct BatchLine {
  std::string id, input, url, output;
};

std::optional<BatchLine> split_batch_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, '\t')) fields.push_back(field);
  if (fields.size() != 4) return std::nullopt;
  return BatchLine{fields[0], fields[1], fields[2], fields[3]};
}

int run_batch(const std::string& list_path, const std::string& format) {
  std::ifstream list(list_path);
  if (!list) {
    std::cerr << "feedd extract: " << list_path << ": cannot open batch list\n";
    return 1;
  }
  int failures = 0;
  std::string line;
  for (int line_number = 1; std::getline(list, line); ++line_number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto entry = split_batch_line(line);
    if (!entry) {
      std::cerr << list_path << ":" << line_number
                << ": expected ID<TAB>INPUT_PATH<TAB>URL<TAB>OUTPUT_PATH\n";
      ++failures;
      continue;
    }
    std::string error;
    auto output = extract_to_output(entry->input, entry->url, format, error);
    if (!output) {
      std::cerr << entry->id << ": " << error << "\n";
      continue;  // no article: no output file, one line on stderr (as parse --batch)
    }
    std::ofstream out(entry->output, std::ios::binary | std::ios::trunc);
    out << *output << "\n";
    if (!out) {
      std::cerr << entry->id << ": " << entry->output << ": cannot write output\n";
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace

int run_extract_command(const ExtractCommandOptions& options) {
  if (!options.batch_list.empty()) return run_batch(options.batch_list, options.format);
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
