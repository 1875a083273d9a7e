#pragma once
/// Subscriptions from an OPML file (the top-level `opml` key): every <outline> with an xmlUrl is
/// a feed; the text of the folder outlines around it become its tags.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/config/config.hpp"

namespace feedd {

/// The feeds of one OPML file and the problems found in it, as "FILE:LINE: message".
struct OpmlLoadResult {
  std::vector<FeedConfig> feeds;
  ConfigProblems problems;
};

/// Reads an OPML 1.0/2.0 file. `display_name` names it in messages; relative file: URLs in it
/// are resolved against the file's folder. Feeds get title from `title` (else `text`), tags from
/// enclosing folder outlines and from the `category` attribute (last segment of each
/// comma-separated "/a/b" path). Never throws.
OpmlLoadResult load_opml(const std::filesystem::path& path, const std::string& display_name);

/// The same for OPML text; `base_folder` anchors relative file: URLs.
OpmlLoadResult load_opml_from_string(std::string_view xml, const std::string& display_name,
                                     const std::filesystem::path& base_folder);

}  // namespace feedd
