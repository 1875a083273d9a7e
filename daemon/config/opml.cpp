#include "daemon/config/opml.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "daemon/config/sections.hpp"

namespace feedd {

using namespace std::string_literals;
namespace {

bool equals_ignoring_case(std::string_view left, std::string_view right) {
  return std::equal(left.begin(), left.end(), right.begin(), right.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

/// Attribute lookup ignoring case: exporters write xmlUrl, xmlurl and XMLURL.
std::string attribute(const pugi::xml_node& node, std::string_view name) {
  for (const pugi::xml_attribute& candidate : node.attributes()) {
    if (equals_ignoring_case(candidate.name(), name)) return candidate.value();
  }
  return {};
}

void add_tag(std::vector<std::string>& tags, std::string tag) {
  if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end()) {
    tags.push_back(std::move(tag));
  }
}

/// OPML 2.0 `category`: comma-separated slash paths ("/News/Tech,/Rust"); the leaf is the tag.
void add_category_tags(std::vector<std::string>& tags, const std::string& category) {
  std::stringstream entries(category);
  std::string entry;
  while (std::getline(entries, entry, ',')) {
    const auto slash = entry.find_last_of('/');
    add_tag(tags, slash == std::string::npos ? entry : entry.substr(slash + 1));
  }
}

class OpmlReader {
 public:
  OpmlReader(std::string_view xml, const std::string& file, std::filesystem::path base_folder,
             OpmlLoadResult& result)
      : xml_(xml), file_(file), base_folder_(std::move(base_folder)), result_(result) {}

  void read_outlines(const pugi::xml_node& parent, const std::vector<std::string>& tags) {
    for (const pugi::xml_node& outline : parent.children("outline")) {
      const std::string url = attribute(outline, "xmlUrl");
      if (url.empty() && attribute(outline, "type") != "rss") {
        std::vector<std::string> folder_tags = tags;
        const std::string name = attribute(outline, "text");
        add_tag(folder_tags, name.empty() ? attribute(outline, "title") : name);
        read_outlines(outline, folder_tags);
        continue;
      }
      read_feed(outline, url, tags);
      read_outlines(outline, tags);
    }
  }

  int line_at(std::ptrdiff_t offset) const {
    const auto end = xml_.begin() + std::clamp<std::ptrdiff_t>(offset, 0, xml_.size());
    return 1 + static_cast<int>(std::count(xml_.begin(), end, '\n'));
  }

  void report(int line, std::string message) {
    add_problem(result_.problems, {file_, line}, std::move(message));
  }

 private:
  void read_feed(const pugi::xml_node& outline, const std::string& url,
                 const std::vector<std::string>& tags) {
    const int line = line_at(outline.offset_debug());
    if (url.empty()) {
      report(line, "outline of type rss has no xmlUrl");
      return;
    }
    std::string error;
    auto checked = check_feed_url(url, base_folder_, error);
    if (!checked) {
      report(line, "xmlUrl: "s + error);
      return;
    }
    FeedConfig feed;
    feed.url = std::move(*checked);
    feed.origin = {file_, line};
    std::string title = attribute(outline, "title");
    if (title.empty()) title = attribute(outline, "text");
    if (!title.empty()) feed.title = std::move(title);
    feed.tags = tags;
    add_category_tags(feed.tags, attribute(outline, "category"));
    result_.feeds.push_back(std::move(feed));
  }

  std::string_view xml_;
  const std::string& file_;
  std::filesystem::path base_folder_;
  OpmlLoadResult& result_;
};

}  // namespace

OpmlLoadResult load_opml_from_string(std::string_view xml, const std::string& display_name,
                                     const std::filesystem::path& base_folder) {
  OpmlLoadResult result;
  OpmlReader reader(xml, display_name, base_folder, result);
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size());
  if (!parsed) {
    reader.report(reader.line_at(parsed.offset),
                  std::string("syntax error: ") + parsed.description());
    return result;
  }
  const pugi::xml_node root = document.document_element();
  if (std::string_view(root.name()) != "opml") {
    reader.report(reader.line_at(root.offset_debug()),
                  "not an OPML file (root element is <"s + std::string(root.name()) + ">)");
    return result;
  }
  const pugi::xml_node body = root.child("body");
  if (!body) {
    reader.report(reader.line_at(root.offset_debug()), "OPML file has no <body>");
    return result;
  }
  reader.read_outlines(body, {});
  return result;
}

OpmlLoadResult load_opml(const std::filesystem::path& path, const std::string& display_name) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  if (in) contents << in.rdbuf();
  if (!in || in.bad()) {
    OpmlLoadResult result;
    add_problem(result.problems, {display_name, 0},
                std::string("cannot read OPML file: ") + std::strerror(errno));
    return result;
  }
  return load_opml_from_string(contents.str(), display_name, path.parent_path());
}

}  // namespace feedd
