#pragma once
/// Site rules for many hosts, looked up the way ftr-site-config names its files.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/html/site_rules.hpp"

namespace feeds {

/// The rules of a folder of ftr-site-config files, keyed by file name without ".txt":
/// "example.com" serves example.com and www.example.com, ".example.com" serves every other
/// subdomain of example.com (news.example.com, a.b.example.com), "news.example.com" just that
/// host, and "global" is merged into every lookup (merge_site_rules).
class SiteRuleSet {
 public:
  /// Adds or replaces the rules stored under `name` ("global" sets the global rules).
  void add(std::string_view name, SiteRules rules);

  /// The rules for `host` (any case, optional trailing dot), merged with the global rules: the
  /// file named as the host, then the host without "www.", then the nearest wildcard file of a
  /// parent domain. Only the global rules when no file matches; null when there are none either.
  /// The pointer stays valid until the next add().
  const SiteRules* find(std::string_view host) const;

  /// Number of host files (the global file not counted).
  std::size_t size() const { return hosts_.size(); }

  /// The global rules, when a "global" file was added.
  const std::optional<SiteRules>& global() const { return global_; }

 private:
  /// A host file as read and as served (merged with the global rules).
  struct Entry {
    SiteRules own;
    SiteRules merged;
  };

  std::map<std::string, Entry, std::less<>> hosts_;
  std::optional<SiteRules> global_;
};

}  // namespace feeds
