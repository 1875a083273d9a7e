#include "feeds/html/sanitize.hpp"

#include <optional>

#include "feeds/html/dom.hpp"
#include "feeds/html/fast_sanitize.hpp"
#include "feeds/html/html_serialize.hpp"
#include "feeds/html/sanitize_element.hpp"
#include "feeds/html/sanitize_urls.hpp"
#include "feeds/html/sanitize_writer.hpp"
#include "feeds/html/text.hpp"
#include "feeds/html/tree_walk.hpp"
#include "feeds/url/resolve.hpp"

namespace feeds {
namespace {

/// One pass: walk the parsed fragment and serialize what the allowlists keep.
class SanitizeWalk {
 public:
  SanitizeWalk(std::string_view base, const SanitizeOptions& options)
      : base_(base), options_(options) {}

  bool enter(pugi::xml_node node) {
    if (node.type() == pugi::node_pcdata) {
      writer_.text(node.value());
      return false;
    }
    if (node.type() != pugi::node_element) {
      return false;
    }
    const detail::SanitizedElement element = detail::sanitize_element(node, base_, options_);
    if (element.action == detail::ElementAction::drop) {
      return false;
    }
    if (element.action == detail::ElementAction::unwrap) {
      end_tags_.push_back(nullptr);
      return true;
    }
    writer_.start_tag(node.name(), element);
    // iframe children are fallback markup that is never rendered; never emit them.
    if (detail::is_void_element(node.name()) || std::string_view(node.name()) == "iframe") {
      if (!detail::is_void_element(node.name())) {
        writer_.end_tag(node.name());
      }
      return false;
    }
    end_tags_.push_back(node.name());
    return true;
  }

  void leave(pugi::xml_node) {
    if (const char* name = end_tags_.back()) {
      writer_.end_tag(name);
    }
    end_tags_.pop_back();
  }

  std::string take_output() { return writer_.take_output(); }

 private:
  std::string_view base_;
  const SanitizeOptions& options_;
  detail::SanitizedWriter writer_;
  std::vector<const char*> end_tags_;  // nullptr for an unwrapped element
};

bool contains_base_tag(std::string_view html) {
  for (std::size_t i = html.find('<'); i != std::string_view::npos && i + 5 <= html.size();
       i = html.find('<', i + 1)) {
    const std::string_view tag = html.substr(i + 1, 4);
    if ((tag[0] | 0x20) == 'b' && (tag[1] | 0x20) == 'a' && (tag[2] | 0x20) == 's' &&
        (tag[3] | 0x20) == 'e') {
      return true;
    }
  }
  return false;
}

/// The base for the whole fragment: the first <base href> in it (resolved against `base`), as
/// a browser would use it for every URL in the document.
std::string fragment_base(const pugi::xml_node body, std::string_view base) {
  std::optional<std::string> found;
  const auto enter = [&](pugi::xml_node node) {
    if (!found && std::string_view(node.name()) == "base" && node.attribute("href")) {
      found = resolve_url(base, node.attribute("href").value());
    }
    return !found && node.type() == pugi::node_element;
  };
  detail::walk_tree(body, enter, [](pugi::xml_node) {});
  return found && detail::is_web_url(*found) ? *found : std::string(base);
}

std::string sanitize_once(std::string_view html, std::string_view base,
                          const SanitizeOptions& options) {
  pugi::xml_document doc;
  parse_html_fragment(html, doc);
  const pugi::xml_node body = doc.first_child();
  const std::string effective_base =
      contains_base_tag(html) ? fragment_base(body, base) : std::string(base);
  SanitizeWalk walk(effective_base, options);
  detail::walk_tree(
      body, [&](pugi::xml_node node) { return walk.enter(node); },
      [&](pugi::xml_node node) { walk.leave(node); });
  return walk.take_output();
}

}  // namespace

namespace detail {

std::string sanitize_html_with_gumbo(std::string_view html, std::string_view base,
                                     const SanitizeOptions& options) {
  std::string current = sanitize_once(html, base, options);
  // The tree builder rearranges some nestings that unwrapping can create (<li> in <li>, block
  // content in <p>); re-sanitizing until nothing changes makes the output a fixed point.
  for (int round = 0; round < 4; ++round) {
    std::string next = sanitize_once(current, base, options);
    if (next == current) {
      return current;
    }
    current = std::move(next);
  }
  std::string text;
  detail::append_escaped_text(text, html_to_text(current));
  return text;
}

}  // namespace detail

const SanitizeOptions& default_sanitize_options() {
  static const SanitizeOptions options;
  return options;
}

std::string sanitize_html(std::string_view html, std::string_view base_url,
                          const SanitizeOptions& options) {
  if (std::optional<SanitizedHtml> fast = detail::fast_sanitize_html(html, base_url, options)) {
    return std::move(fast->html);
  }
  return detail::sanitize_html_with_gumbo(html, base_url, options);
}

SanitizedHtml sanitize_html_with_text(std::string_view html, std::string_view base_url,
                                      const SanitizeOptions& options) {
  if (std::optional<SanitizedHtml> fast = detail::fast_sanitize_html(html, base_url, options)) {
    return std::move(*fast);
  }
  SanitizedHtml result{detail::sanitize_html_with_gumbo(html, base_url, options), {}};
  result.text = html_to_text(result.html);
  return result;
}

}  // namespace feeds
