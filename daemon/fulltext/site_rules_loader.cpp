#include "daemon/fulltext/site_rules_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <system_error>

#include "feeds/html/site_rules.hpp"

namespace feedd {
namespace {

using namespace std::string_literals;

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

/// A rule file's name without ".txt" when it names a host or is global.txt; nullopt otherwise.
std::optional<std::string> rule_file_key(const std::filesystem::path& path) {
  if (path.extension() != ".txt") return std::nullopt;
  std::string stem = path.stem().string();
  if (stem == "global" || stem.find('.') != std::string::npos) return stem;
  return std::nullopt;
}

/// The file's bytes, or an error message for "FILE: message".
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    error = "cannot open: "s + std::strerror(errno);
    return std::nullopt;
  }
  std::string bytes;
  char buffer[8192];
  while (std::size_t count = std::fread(buffer, 1, sizeof buffer, file.get())) {
    bytes.append(buffer, count);
    if (bytes.size() > kMaxSiteRulesFileSize) {
      error = "larger than "s + std::to_string(kMaxSiteRulesFileSize) + " bytes";
      return std::nullopt;
    }
  }
  if (std::ferror(file.get()) != 0) {
    error = "cannot read: "s + std::strerror(errno);
    return std::nullopt;
  }
  return bytes;
}

/// The rule files of `folder`, sorted by name so messages and overrides are deterministic.
std::vector<std::filesystem::path> list_rule_files(const std::filesystem::path& folder,
                                                   std::vector<std::string>& errors) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  std::filesystem::directory_iterator it(folder, ec);
  for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    const bool is_folder = it->is_directory(type_ec);
    if (!is_folder && rule_file_key(it->path())) files.push_back(it->path());
  }
  if (ec) errors.push_back(folder.string() + ": cannot list site rules: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

void load_rule_file(const std::filesystem::path& path, LoadedSiteRules& loaded) {
  const std::string source = path.string();
  std::string error;
  const std::optional<std::string> text = read_file(path, error);
  if (!text) {
    loaded.errors.push_back(source + ": " + error);
    return;
  }
  feeds::Result<feeds::SiteRules> rules = feeds::parse_site_rules(*text, source);
  if (!rules) {
    loaded.errors.push_back(rules.error().message);
    return;
  }
  loaded.warnings.insert(loaded.warnings.end(), rules->warnings.begin(), rules->warnings.end());
  loaded.rules.add(*rule_file_key(path), std::move(*rules));
}

}  // namespace

LoadedSiteRules load_site_rules(const std::filesystem::path& folder) {
  LoadedSiteRules loaded;
  try {
    for (const std::filesystem::path& path : list_rule_files(folder, loaded.errors)) {
      load_rule_file(path, loaded);
    }
  } catch (const std::exception& error) {
    loaded.errors.push_back(folder.string() + ": " + error.what());
  }
  return loaded;
}

}  // namespace feedd
