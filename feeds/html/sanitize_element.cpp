#include "feeds/html/sanitize_element.hpp"
#include "feeds/ascii.hpp"

#include <algorithm>
#include <optional>

#include "feeds/html/sanitize_urls.hpp"

namespace feeds::detail {
namespace {

bool is_digits(std::string_view text) {
  return !text.empty() && text.size() <= 9 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> one_of(std::string_view value,
                                  std::initializer_list<std::string_view> choices) {
  const std::string lower = ascii_lower(value);
  const bool found = std::find(choices.begin(), choices.end(), lower) != choices.end();
  return found ? std::optional<std::string>(lower) : std::nullopt;
}

std::optional<std::string> sanitize_value(AttributeKind kind, std::string_view value,
                                          std::string_view base) {
  switch (kind) {
    case AttributeKind::text: return std::string(value);
    case AttributeKind::url: return sanitize_url(value, base, UrlPolicy::web);
    case AttributeKind::link_url: return sanitize_url(value, base, UrlPolicy::link);
    case AttributeKind::image_url: return sanitize_url(value, base, UrlPolicy::image);
    case AttributeKind::srcset: return sanitize_srcset(value, base);
    case AttributeKind::positive_int:
      return is_digits(value) && value.find_first_not_of('0') != std::string_view::npos
                 ? std::optional<std::string>(value)
                 : std::nullopt;
    case AttributeKind::integer:
      return is_digits(value.starts_with('-') ? value.substr(1) : value)
                 ? std::optional<std::string>(value)
                 : std::nullopt;
    case AttributeKind::boolean: return std::string();
    case AttributeKind::direction: return one_of(value, {"ltr", "rtl", "auto"});
    case AttributeKind::list_type:
      return value == "1" || value == "a" || value == "A" || value == "i" || value == "I"
                 ? std::optional<std::string>(value)
                 : std::nullopt;
    case AttributeKind::table_scope: return one_of(value, {"row", "col", "rowgroup", "colgroup"});
  }
  return std::nullopt;
}

/// Leading decimal digits as a number ("1px" → 1); nullopt without any.
std::optional<unsigned> leading_number(std::string_view text) {
  unsigned number = 0;
  std::size_t i = 0;
  for (; i < text.size() && i < 6 && text[i] >= '0' && text[i] <= '9'; ++i) {
    number = number * 10 + static_cast<unsigned>(text[i] - '0');
  }
  return i == 0 ? std::nullopt : std::optional<unsigned>(number);
}

/// The value of the first attribute called `name`; empty when there is none.
std::string_view first_value(std::span<const RawAttribute> attributes, std::string_view name) {
  const auto found = std::find_if(attributes.begin(), attributes.end(),
                                  [&](const RawAttribute& a) { return a.name == name; });
  return found == attributes.end() ? std::string_view() : found->value;
}

bool has_raw_attribute(std::span<const RawAttribute> attributes, std::string_view name) {
  return std::any_of(attributes.begin(), attributes.end(),
                     [&](const RawAttribute& a) { return a.name == name; });
}

/// A 1×1 (or 0×0) image is a tracking pixel, not content (Miniflux drops them too).
bool is_tracking_pixel(std::span<const RawAttribute> attributes) {
  const std::optional<unsigned> width = leading_number(first_value(attributes, "width"));
  const std::optional<unsigned> height = leading_number(first_value(attributes, "height"));
  return width && height && *width <= 1 && *height <= 1;
}

bool has_attribute(const SanitizedElement& element, std::string_view name) {
  return std::any_of(element.attributes.begin(), element.attributes.end(),
                     [&](const auto& attribute) { return attribute.first == name; });
}

/// Keeps the element only when what makes it useful survived; adds the fixed attributes.
void apply_element_rules(std::string_view name, SanitizedElement& element,
                         const SanitizeOptions& options) {
  // Each value built in place: a list of pairs to insert cost two more allocations per element.
  const auto add = [&](std::string_view attribute, std::string_view value) {
    element.attributes.emplace_back(attribute, value);
  };
  if (name == "a") {
    element.action = has_attribute(element, "href") ? ElementAction::keep : ElementAction::unwrap;
    add("rel", "noopener noreferrer nofollow");
    add("referrerpolicy", "no-referrer");
  } else if (name == "img" || name == "source") {
    const bool has_source = has_attribute(element, "src") || has_attribute(element, "srcset");
    element.action = has_source ? ElementAction::keep : ElementAction::drop;
    if (name == "img") {
      add("loading", "lazy");
      add("referrerpolicy", "no-referrer");
    }
  } else if (name == "video" || name == "audio") {
    add("controls", "");
  } else if (name == "iframe") {
    const auto src = std::find_if(element.attributes.begin(), element.attributes.end(),
                                  [](const auto& a) { return a.first == "src"; });
    const bool allowed =
        src != element.attributes.end() && has_allowed_host(src->second, options.iframe_hosts);
    element.action = allowed ? ElementAction::keep : ElementAction::drop;
    add("sandbox", "allow-scripts allow-same-origin allow-popups");
    add("loading", "lazy");
  }
}

}  // namespace

SanitizedElement sanitize_element(std::string_view name, std::span<const RawAttribute> attributes,
                                  std::string_view base, const SanitizeOptions& options) {
  SanitizedElement element;
  element.action = element_action(name);
  const bool hidden = has_raw_attribute(attributes, "hidden");
  if (hidden || element.action != ElementAction::keep) {
    element.action = hidden ? ElementAction::drop : element.action;
    return element;
  }
  if (name == "img" && is_tracking_pixel(attributes)) {
    element.action = ElementAction::drop;
    return element;
  }
  // One allocation instead of a doubling series; apply_element_rules adds up to two more.
  if (!attributes.empty()) element.attributes.reserve(attributes.size() + 2);
  for (const RawAttribute& attribute : attributes) {
    const std::optional<AttributeKind> kind = allowed_attribute(name, attribute.name);
    std::optional<std::string> value =
        kind ? sanitize_value(*kind, attribute.value, base) : std::nullopt;
    if (value && !has_attribute(element, attribute.name)) {
      element.attributes.emplace_back(attribute.name, std::move(*value));
    }
  }
  apply_element_rules(name, element, options);
  return element;
}

SanitizedElement sanitize_element(pugi::xml_node node, std::string_view base,
                                  const SanitizeOptions& options) {
  std::vector<RawAttribute> attributes;
  for (pugi::xml_attribute attribute : node.attributes()) {
    attributes.push_back({attribute.name(), attribute.value()});
  }
  return sanitize_element(node.name(), attributes, base, options);
}

}  // namespace feeds::detail
