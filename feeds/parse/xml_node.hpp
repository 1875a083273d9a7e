#pragma once
/// Small helpers the format adapters use on canonicalized pugixml trees (see xml_loader.hpp):
/// names are "<canonical prefix>:<local>", matched case-insensitively on the local part
/// because feeds in the wild write <pubdate>, <PubDate> and <Title>.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "feeds/ascii.hpp"

namespace feeds::xml {

/// The part of a name after the first ':' (the whole name when there is none).
std::string_view local_name(std::string_view qualified_name);
/// The part of a name before the first ':' (empty when there is none).
std::string_view prefix_of(std::string_view qualified_name);

/// True when `node` is an element named `prefix:local` (or `local` for an empty prefix).
bool is_element(pugi::xml_node node, std::string_view prefix, std::string_view local);

/// True when the qualified name `name` (an element's, NUL-terminated) is `prefix:local`, as
/// is_element compares it. For loops that test each child against several names: the name is
/// read once, not once per test through the shared library.
bool name_is(const char* name, std::string_view prefix, std::string_view local);

/// First / last child element named `prefix:local`.
pugi::xml_node first_child(pugi::xml_node parent, std::string_view prefix, std::string_view local);
pugi::xml_node last_child(pugi::xml_node parent, std::string_view prefix, std::string_view local);

/// Up to the first 8 bytes of a qualified name, lower-cased, and its length: equal for names
/// that name_is would match (it ignores the case of the local part only), so a different key
/// rules a name out and an equal one is checked with name_is.
struct NameKey {
  std::uint64_t head = 0;
  std::size_t length = 0;
  bool operator==(const NameKey&) const = default;

  /// The key of the name made of `parts`, read in order.
  static constexpr NameKey of(std::initializer_list<std::string_view> parts) {
    NameKey key;
    int byte = 0;
    for (std::string_view part : parts) {
      key.length += part.size();
      for (std::size_t i = 0; i < part.size() && byte < 8; ++i, ++byte)
        key.head |= std::uint64_t{static_cast<unsigned char>(ascii_lower(part[i]))} << (8 * byte);
    }
    return key;
  }
};

/// `prefix:local` (`local` for an empty prefix) with its key, for tests against many names:
/// declared `static constexpr`, the key costs nothing at run time.
struct ElementName {
  std::string_view prefix;
  std::string_view local;
  NameKey key;
  constexpr ElementName(std::string_view prefix, std::string_view local)
      : prefix(prefix),
        local(local),
        key(prefix.empty() ? NameKey::of({local}) : NameKey::of({prefix, ":", local})) {}
};

/// The element children of one element, read once. A mapper looks some twenty names up among
/// an item's handful of children: through this, a lookup compares a key per child instead of
/// walking the siblings through the shared library and comparing each name.
class Children {
 public:
  struct Child {
    pugi::xml_node node;
    const char* name;  ///< node.name()
    NameKey key;
    /// Whether this child is `name`, as is_element compares.
    bool is(const ElementName& element) const {
      return key == element.key && name_is(name, element.prefix, element.local);
    }
  };

  explicit Children(pugi::xml_node parent);

  pugi::xml_node parent() const { return parent_; }
  /// First / last child element named `prefix:local`, as first_child and last_child find it.
  pugi::xml_node first(const ElementName& name) const;
  pugi::xml_node last(const ElementName& name) const;
  pugi::xml_node first(std::string_view prefix, std::string_view local) const {
    return first(ElementName(prefix, local));
  }
  pugi::xml_node last(std::string_view prefix, std::string_view local) const {
    return last(ElementName(prefix, local));
  }

  /// The child elements in document order.
  std::vector<Child>::const_iterator begin() const { return children_.begin(); }
  std::vector<Child>::const_iterator end() const { return children_.end(); }

 private:
  pugi::xml_node parent_;
  std::vector<Child> children_;
};

/// Attribute by name, case-insensitive on the whole name ("isPermaLink", "ispermalink").
pugi::xml_attribute attribute(pugi::xml_node node, std::string_view name);

/// Concatenated text of all text and CDATA descendants.
std::string text_of(pugi::xml_node node);

/// text_of without a copy when `node` is a text node or holds exactly one (nearly every
/// field): a view of the document's text. Otherwise the concatenation, written into `storage`
/// and viewed; the view lives as long as the document and `storage`.
std::string_view text_view_of(pugi::xml_node node, std::string& storage);

/// text_of with ASCII whitespace trimmed from both ends.
std::string trimmed_text_of(pugi::xml_node node);

/// Whether text_of is empty or ASCII whitespace only (trimmed_text_of(node).empty()).
bool is_blank(pugi::xml_node node);

/// True when the element has child elements (markup that was not escaped).
bool has_child_elements(pugi::xml_node node);

/// How inner_html writes text nodes.
enum class TextEscaping {
  escaped,   ///< text is escaped: the markup is XHTML whose text means what it says
  verbatim   ///< text is written as it is: an HTML-typed field whose author mixed escaped
             ///< markup into inline elements (feedparser reads it as HTML source)
};

/// The children of `node` serialized as HTML: element prefixes dropped (xhtml:p → p),
/// attribute values escaped. Iterative, so deep trees cannot overflow the stack.
std::string inner_html(pugi::xml_node node, TextEscaping escaping = TextEscaping::escaped);

/// The HTML source of a field that carries HTML either escaped (text) or as child elements.
std::string raw_content(pugi::xml_node node);

/// raw_content without a copy of HTML carried as one text node (see text_view_of).
std::string_view raw_content_view(pugi::xml_node node, std::string& storage);

/// The base URL in scope at `node`: `document_base` changed by every xml:base on the path from
/// the root to `node` (a relative xml:base resolves against its parent's; an empty one resets).
/// Without an xml:base on the path that is `document_base` itself, not a copy; a resolved base
/// is kept in `storage`.
std::string_view base_in_scope(pugi::xml_node node, std::string_view document_base,
                               std::string& storage);

}  // namespace feeds::xml
