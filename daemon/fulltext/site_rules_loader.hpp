#pragma once
/// Reads a folder of ftr-site-config files ([fulltext] site_rules) into a feeds::SiteRuleSet.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "feeds/html/site_rules_set.hpp"

namespace feedd {

/// The rules of a folder, and what went wrong reading it.
struct LoadedSiteRules {
  feeds::SiteRuleSet rules;
  /// "FILE:LINE: message" or "FILE: message" for every file left out (and "FOLDER: message"
  /// when the folder itself cannot be listed).
  std::vector<std::string> errors;
  /// "FILE:LINE: message" notes from files that were loaded (unknown directives, dropped
  /// expressions).
  std::vector<std::string> warnings;
};

/// Files larger than this are left out: the biggest real site file is a few KB.
inline constexpr std::size_t kMaxSiteRulesFileSize = 1 << 20;

/// Loads every `NAME.txt` in `folder` (not its subfolders) whose NAME is "global" or contains a
/// dot (a host, ".example.com" for its subdomains), in name order; other files (README.md,
/// LICENSE.txt) are skipped. A file that cannot be read or parsed is left out with an error;
/// the others still load. Never throws.
LoadedSiteRules load_site_rules(const std::filesystem::path& folder);

}  // namespace feedd
