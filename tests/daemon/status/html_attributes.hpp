#pragma once
/// The values of every src/href-like attribute inside the tags of a rendered page, for
/// "no external resources" checks. Escaped text (no '<') never counts as a tag.

#include <regex>
#include <string>
#include <vector>

namespace feedd::status_test {

struct Attribute {
  std::string name;
  std::string value;
};

/// Every opening tag, e.g. `<a href="/feeds/1">`.
inline std::vector<std::string> tags(const std::string& html) {
  static const std::regex pattern(R"re(<[A-Za-z][^>]*>)re");
  std::vector<std::string> found;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), pattern);
       it != std::sregex_iterator(); ++it) {
    found.push_back(it->str());
  }
  return found;
}

inline std::vector<Attribute> link_attributes(const std::string& html) {
  static const std::regex pattern(
      R"re(\s(src|href|action|srcset|xlink:href|formaction|poster|data)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))re",
      std::regex::icase);
  std::vector<Attribute> found;
  for (const auto& tag : tags(html)) {
    for (auto it = std::sregex_iterator(tag.begin(), tag.end(), pattern);
         it != std::sregex_iterator(); ++it) {
      const auto& match = *it;
      std::string value = match[3].matched   ? match[3].str()
                          : match[4].matched ? match[4].str()
                                             : match[5].str();
      found.push_back({match[1].str(), value});
    }
  }
  return found;
}

}  // namespace feedd::status_test
