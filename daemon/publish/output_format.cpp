#include "daemon/publish/output_format.hpp"

#include "feeds/write/atom_writer.hpp"
#include "feeds/write/json_feed_writer.hpp"
#include "feeds/write/rss_writer.hpp"

namespace feedd {

std::string_view to_string(OutputFormat format) noexcept {
  switch (format) {
    case OutputFormat::atom: return "atom";
    case OutputFormat::rss: return "rss";
    case OutputFormat::json: return "json";
  }
  return "atom";
}

std::optional<OutputFormat> output_format_from_string(std::string_view name) noexcept {
  for (auto format : {OutputFormat::atom, OutputFormat::rss, OutputFormat::json}) {
    if (name == to_string(format)) return format;
  }
  return std::nullopt;
}

std::string_view content_type_of(OutputFormat format) noexcept {
  switch (format) {
    case OutputFormat::atom: return "application/atom+xml; charset=utf-8";
    case OutputFormat::rss: return "application/rss+xml; charset=utf-8";
    case OutputFormat::json: return "application/feed+json; charset=utf-8";
  }
  return "application/octet-stream";
}

std::string write_merged_feed(const feeds::MergedFeed& feed, OutputFormat format) {
  switch (format) {
    case OutputFormat::atom: return feeds::write_atom(feed);
    case OutputFormat::rss: return feeds::write_rss(feed);
    case OutputFormat::json: return feeds::write_json_feed(feed);
  }
  return feeds::write_atom(feed);
}

}  // namespace feedd
