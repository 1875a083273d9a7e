#include "feeds/html/dom.hpp"
#include "feeds/ascii.hpp"

#include <gumbo.h>

#include "feeds/html/nesting_guard.hpp"

#include <optional>
#include <string>
#include <vector>

namespace feeds {
namespace {

/// One open element of the iterative gumbo walk: its children and where they go in pugixml.
struct WalkFrame {
  const GumboVector* children;
  unsigned next;
  pugi::xml_node target;
  std::size_t depth;
};

std::string element_name(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN) {
    return gumbo_normalized_tagname(element.tag);
  }
  GumboStringPiece piece = element.original_tag;
  if (piece.data == nullptr || piece.length == 0) {
    return "unknown";
  }
  gumbo_tag_from_original_text(&piece);
  return ascii_lower(std::string_view(piece.data, piece.length));
}

std::string attribute_name(const GumboAttribute& attribute) {
  // gumbo strips the prefix of adjusted foreign attributes (xlink:href → href in the XLink
  // namespace); put it back so a sanitizer never mistakes xlink:href for a plain href.
  switch (attribute.attr_namespace) {
    case GUMBO_ATTR_NAMESPACE_XLINK: return std::string("xlink:") + attribute.name;
    case GUMBO_ATTR_NAMESPACE_XML: return std::string("xml:") + attribute.name;
    case GUMBO_ATTR_NAMESPACE_XMLNS:
      return std::string_view(attribute.name) == "xmlns" ? "xmlns"
                                                         : std::string("xmlns:") + attribute.name;
    default: return attribute.name;
  }
}

pugi::xml_node append_element(pugi::xml_node parent, const GumboElement& element) {
  pugi::xml_node node = parent.append_child(element_name(element).c_str());
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    node.append_attribute(attribute_name(*attribute).c_str()).set_value(attribute->value);
  }
  return node;
}

/// Copies the children of `root` below `target` without recursion; elements deeper than
/// `max_depth` are not created and their children land in the element at the cap.
void convert_children(const GumboNode& root, pugi::xml_node target, std::size_t max_depth) {
  std::vector<WalkFrame> stack;
  stack.push_back({&root.v.element.children, 0, target, 1});
  while (!stack.empty()) {
    WalkFrame& frame = stack.back();
    if (frame.next >= frame.children->length) {
      stack.pop_back();
      continue;
    }
    const auto* node = static_cast<const GumboNode*>(frame.children->data[frame.next++]);
    switch (node->type) {
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const bool at_cap = frame.depth >= max_depth;
        pugi::xml_node child =
            at_cap ? frame.target : append_element(frame.target, node->v.element);
        const std::size_t depth = at_cap ? frame.depth : frame.depth + 1;
        stack.push_back({&node->v.element.children, 0, child, depth});
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        frame.target.append_child(pugi::node_pcdata).set_value(node->v.text.text);
        break;
      default: break;
    }
  }
}

/// A gumbo document parse and the buffer it points into (names come from `original_tag`).
class GumboParse {
 public:
  GumboParse(std::string buffer, const HtmlParseOptions& options) : buffer_(std::move(buffer)) {
    const detail::NestingLimits limits{options.max_unclosed_tags,
                                       options.max_unclosed_formatting_tags};
    if (std::optional<std::string> defused = detail::escape_excess_nesting(buffer_, limits)) {
      buffer_ = std::move(*defused);
    }
    GumboOptions gumbo_options = kGumboDefaultOptions;
    // Parse errors are never read; recording them costs memory on hostile input.
    gumbo_options.max_errors = 0;
    output_ = gumbo_parse_with_options(&gumbo_options, buffer_.c_str(), buffer_.size());
  }
  ~GumboParse() {
    if (output_ != nullptr) {
      gumbo_destroy_output(&kGumboDefaultOptions, output_);
    }
  }
  GumboParse(const GumboParse&) = delete;
  GumboParse& operator=(const GumboParse&) = delete;

  const GumboNode* root() const {
    const bool usable =
        output_ != nullptr && output_->root != nullptr && output_->root->type == GUMBO_NODE_ELEMENT;
    return usable ? output_->root : nullptr;
  }

 private:
  std::string buffer_;
  GumboOutput* output_ = nullptr;
};

const GumboNode* find_body(const GumboNode& html) {
  const GumboVector& children = html.v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_BODY) {
      return child;
    }
  }
  return nullptr;
}

}  // namespace

void parse_html_document(std::string_view utf8, pugi::xml_document& out,
                         const HtmlParseOptions& options) {
  out.reset();
  const GumboParse parse(std::string(utf8), options);
  pugi::xml_node html = out.append_child("html");
  if (const GumboNode* root = parse.root()) {
    const GumboElement& element = root->v.element;
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
      html.append_attribute(attribute_name(*attribute).c_str()).set_value(attribute->value);
    }
    convert_children(*root, html, options.max_depth);
  }
}

void parse_html_fragment(std::string_view utf8, pugi::xml_document& out,
                         const HtmlParseOptions& options) {
  out.reset();
  // gumbo 0.10.1's fragment mode misplaces foreign content (<svg><p> stays inside the svg,
  // unlike browsers), so parse a no-quirks document whose body starts before the fragment.
  const GumboParse parse("<!DOCTYPE html><body>" + std::string(utf8), options);
  pugi::xml_node body = out.append_child("body");
  const GumboNode* source = parse.root() != nullptr ? find_body(*parse.root()) : nullptr;
  if (source != nullptr) {
    convert_children(*source, body, options.max_depth);
  }
}

}  // namespace feeds
