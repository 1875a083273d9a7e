#include "feeds/html/text.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace feeds {
namespace {

struct EntityRow {
  std::string_view name;  // without '&'; ends with ';' except for the legacy forms
  std::string_view utf8;
};

constexpr EntityRow entity_rows[] = {
#include "feeds/html/entities_table.inc"
};

// The references feeds use most, before a binary search over all 2231 names.
constexpr EntityRow common_rows[] = {{"amp;", "&"},   {"lt;", "<"},   {"gt;", ">"},
                                     {"quot;", "\""}, {"apos;", "'"}, {"nbsp;", "\xc2\xa0"}};

std::optional<std::string_view> find_exact(std::string_view name) {
  for (const auto& row : common_rows)
    if (row.name == name) return row.utf8;
  const auto* end = std::end(entity_rows);
  const auto* row =
      std::lower_bound(std::begin(entity_rows), end, name,
                       [](const EntityRow& r, std::string_view n) { return r.name < n; });
  if (row == end || row->name != name) {
    return std::nullopt;
  }
  return row->utf8;
}

}  // namespace

std::optional<std::string_view> lookup_html_entity(std::string_view name) {
  if (!name.empty() && name.back() == ';') {
    name.remove_suffix(1);
  }
  // The longest HTML5 name is 31 characters; bail out early so huge inputs cost nothing.
  if (name.empty() || name.size() > 40) {
    return std::nullopt;
  }
  std::string with_semicolon(name);
  with_semicolon.push_back(';');
  return find_exact(with_semicolon);
}

std::optional<std::string_view> lookup_legacy_html_entity(std::string_view name) {
  if (name.empty() || name.back() == ';') {
    return std::nullopt;
  }
  return find_exact(name);
}

}  // namespace feeds
