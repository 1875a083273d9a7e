#include "feeds/html/sanitize_policy.hpp"

#include <array>

#include "feeds/html/name_set.hpp"

namespace feeds::detail {
namespace {

constexpr NameSet kept_elements{std::array<std::string_view, 68>{
    "a",       "abbr",    "address", "audio",  "b",     "bdi",      "bdo",        "blockquote",
    "br",      "caption", "cite",    "code",   "col",   "colgroup", "dd",         "del",
    "details", "dfn",     "div",     "dl",     "dt",    "em",       "figcaption", "figure",
    "h1",      "h2",      "h3",      "h4",     "h5",    "h6",       "hr",         "i",
    "iframe",  "img",     "ins",     "kbd",    "li",    "mark",     "ol",         "p",
    "picture", "pre",     "q",       "rp",     "rt",    "ruby",     "s",          "samp",
    "small",   "source",  "span",    "strong", "sub",   "summary",  "sup",        "table",
    "tbody",   "td",      "tfoot",   "th",     "thead", "time",     "tr",         "u",
    "ul",      "var",     "video",   "wbr"}};

// Executable, styling, embedding, form and metadata elements; their content is not readable text
// (or is a way to smuggle markup: xmp, noembed, noframes). track is dropped because a WebVTT load
// is not in the allowed-load set of security.md §1.2 (2).
constexpr NameSet dropped_elements{std::array<std::string_view, 33>{
    "applet",   "base",     "basefont", "bgsound",  "button",   "datalist", "embed",
    "form",     "frame",    "frameset", "head",     "input",    "keygen",   "link",
    "math",     "meta",     "noembed",  "noframes", "noscript", "object",   "optgroup",
    "option",   "param",    "portal",   "script",   "select",   "style",    "svg",
    "template", "textarea", "title",    "track",    "xmp"}};

constexpr NameSet void_elements{std::array<std::string_view, 18>{
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr"}};

struct AllowedAttribute {
  std::string_view element;  // "*" for every kept element
  std::string_view attribute;
  AttributeKind kind;
};

constexpr AllowedAttribute allowed_attributes[] = {
    {"*", "title", AttributeKind::text},
    {"*", "lang", AttributeKind::text},
    {"*", "dir", AttributeKind::direction},
    {"a", "href", AttributeKind::link_url},
    {"img", "src", AttributeKind::image_url},
    {"img", "srcset", AttributeKind::srcset},
    {"img", "sizes", AttributeKind::text},
    {"img", "alt", AttributeKind::text},
    {"img", "width", AttributeKind::positive_int},
    {"img", "height", AttributeKind::positive_int},
    {"img", "longdesc", AttributeKind::url},
    {"source", "src", AttributeKind::url},
    {"source", "srcset", AttributeKind::srcset},
    {"source", "sizes", AttributeKind::text},
    {"source", "type", AttributeKind::text},
    {"source", "media", AttributeKind::text},
    {"source", "width", AttributeKind::positive_int},
    {"source", "height", AttributeKind::positive_int},
    {"video", "src", AttributeKind::url},
    {"video", "poster", AttributeKind::url},
    {"video", "width", AttributeKind::positive_int},
    {"video", "height", AttributeKind::positive_int},
    {"video", "loop", AttributeKind::boolean},
    {"video", "muted", AttributeKind::boolean},
    {"video", "playsinline", AttributeKind::boolean},
    {"audio", "src", AttributeKind::url},
    {"audio", "loop", AttributeKind::boolean},
    {"audio", "muted", AttributeKind::boolean},
    {"iframe", "src", AttributeKind::url},
    {"iframe", "width", AttributeKind::positive_int},
    {"iframe", "height", AttributeKind::positive_int},
    {"iframe", "allowfullscreen", AttributeKind::boolean},
    {"blockquote", "cite", AttributeKind::url},
    {"q", "cite", AttributeKind::url},
    {"del", "cite", AttributeKind::url},
    {"del", "datetime", AttributeKind::text},
    {"ins", "cite", AttributeKind::url},
    {"ins", "datetime", AttributeKind::text},
    {"time", "datetime", AttributeKind::text},
    {"td", "colspan", AttributeKind::positive_int},
    {"td", "rowspan", AttributeKind::positive_int},
    {"th", "colspan", AttributeKind::positive_int},
    {"th", "rowspan", AttributeKind::positive_int},
    {"th", "scope", AttributeKind::table_scope},
    {"th", "abbr", AttributeKind::text},
    {"col", "span", AttributeKind::positive_int},
    {"colgroup", "span", AttributeKind::positive_int},
    {"ol", "start", AttributeKind::integer},
    {"ol", "reversed", AttributeKind::boolean},
    {"ol", "type", AttributeKind::list_type},
    {"li", "value", AttributeKind::integer},
    {"details", "open", AttributeKind::boolean},
};

// The attribute names of the table, for turning every other attribute (class, style, id,
// data-*, on*) away with one lookup instead of a pass over the table.
constexpr auto allowed_attribute_names = [] {
  std::array<std::string_view, std::size(allowed_attributes)> names{};
  for (std::size_t i = 0; i < names.size(); ++i) names[i] = allowed_attributes[i].attribute;
  return NameSet<std::size(allowed_attributes)>(names);
}();

}  // namespace

ElementAction element_action(std::string_view name) {
  if (kept_elements.contains(name)) {
    return ElementAction::keep;
  }
  return dropped_elements.contains(name) ? ElementAction::drop : ElementAction::unwrap;
}

bool is_void_element(std::string_view name) {
  return void_elements.contains(name);
}

std::optional<AttributeKind> allowed_attribute(std::string_view element,
                                               std::string_view attribute) {
  if (!allowed_attribute_names.contains(attribute)) return std::nullopt;
  for (const AllowedAttribute& allowed : allowed_attributes) {
    if (same_name(allowed.attribute, attribute) &&
        (allowed.element == "*" || same_name(allowed.element, element))) {
      return allowed.kind;
    }
  }
  return std::nullopt;
}

}  // namespace feeds::detail
