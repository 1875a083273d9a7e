#include "feeds/html/site_rules_set.hpp"

#include <algorithm>
#include <vector>

namespace feeds {
namespace {

template <class T>
void append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

bool has_header(const SiteRules& rules, const std::string& name) {
  return std::any_of(rules.http_headers.begin(), rules.http_headers.end(), [&](const auto& header) {
    return std::equal(header.first.begin(), header.first.end(), name.begin(), name.end(),
                      [](char a, char b) { return lower_ascii(a) == lower_ascii(b); });
  });
}

std::string normalize_host(std::string_view host) {
  std::string out(host);
  std::transform(out.begin(), out.end(), out.begin(), lower_ascii);
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

/// File names to try for `host`, best first (see SiteRuleSet::find).
std::vector<std::string> candidate_names(const std::string& host) {
  std::vector<std::string> names{host};
  std::string_view bare = host;
  if (bare.starts_with("www.")) {
    bare.remove_prefix(4);
    names.emplace_back(bare);
  }
  // ftr: ".example.com" serves the subdomains of example.com but neither example.com nor
  // www.example.com; a wildcard for a top-level domain alone (".com") is never tried.
  std::string_view parent = bare;
  for (std::size_t dot = parent.find('.'); dot != std::string_view::npos; dot = parent.find('.')) {
    parent.remove_prefix(dot + 1);
    if (parent.find('.') == std::string_view::npos) break;
    names.push_back(std::string(".").append(parent));
  }
  return names;
}

}  // namespace

SiteRules merge_site_rules(SiteRules site, const SiteRules& global) {
  if (!site.autodetect_on_failure) return site;
  append(site.title, global.title);
  append(site.body, global.body);
  append(site.author, global.author);
  append(site.date, global.date);
  append(site.strip, global.strip);
  append(site.strip_id_or_class, global.strip_id_or_class);
  append(site.strip_image_src, global.strip_image_src);
  append(site.single_page_link, global.single_page_link);
  append(site.next_page_link, global.next_page_link);
  append(site.native_ad_clues, global.native_ad_clues);
  append(site.replacements, global.replacements);
  for (const auto& header : global.http_headers) {
    if (!has_header(site, header.first)) site.http_headers.push_back(header);
  }
  if (site.parser.empty()) site.parser = global.parser;
  if (!site.tidy) site.tidy = global.tidy;
  return site;
}

void SiteRuleSet::add(std::string_view name, SiteRules rules) {
  const std::string key = normalize_host(name);
  if (key == "global") {
    global_ = std::move(rules);
    for (auto& [host, entry] : hosts_) entry.merged = merge_site_rules(entry.own, *global_);
    return;
  }
  Entry entry{std::move(rules), {}};
  entry.merged = global_ ? merge_site_rules(entry.own, *global_) : entry.own;
  hosts_.insert_or_assign(key, std::move(entry));
}

const SiteRules* SiteRuleSet::find(std::string_view host) const {
  const std::string normalized = normalize_host(host);
  if (!normalized.empty()) {
    for (const std::string& name : candidate_names(normalized)) {
      if (auto found = hosts_.find(name); found != hosts_.end()) return &found->second.merged;
    }
  }
  return global_ ? &*global_ : nullptr;
}

}  // namespace feeds
