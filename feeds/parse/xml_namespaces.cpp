#include "feeds/parse/xml_namespaces.hpp"

#include <cstring>
#include <unordered_map>
#include <vector>

namespace feeds::xml_namespaces {
namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

/// One xmlns declaration in scope; `shadowed` is the binding of the same prefix it hides.
/// `canonical` is the URI's canonical prefix, looked up once when the declaration is read:
/// nullopt for an unknown URI and for xmlns="" (which undeclares the default namespace).
struct Binding {
  std::string_view prefix;
  std::optional<std::string_view> canonical;
  std::size_t shadowed;
};

/// The xmlns scope stack. Lookups are O(1) (hash by prefix, default namespace kept apart) so
/// a document with thousands of declarations cannot make the walk quadratic.
class Scope {
 public:
  /// Declares the element's xmlns attributes; returns how many bindings were pushed, and sets
  /// `prefixed_attributes` when another attribute has a prefix to resolve.
  std::size_t declare(pugi::xml_node element, bool& prefixed_attributes) {
    std::size_t pushed = 0;
    for (pugi::xml_attribute attribute = element.first_attribute(); attribute;
         attribute = attribute.next_attribute()) {
      const char* name = attribute.name();
      if (std::strcmp(name, "xmlns") == 0) {
        push("", attribute.value());
      } else if (std::strncmp(name, "xmlns:", 6) == 0) {
        push(name + 6, attribute.value());
      } else {
        prefixed_attributes |= std::strchr(name, ':') != nullptr;
        continue;
      }
      ++pushed;
    }
    return pushed;
  }

  void pop(std::size_t count) {
    for (; count > 0; --count) {
      const Binding& binding = bindings_.back();
      if (binding.prefix.empty()) {
        default_ = binding.shadowed;
      } else if (binding.shadowed == none) {
        latest_.erase(binding.prefix);
      } else {
        latest_[binding.prefix] = binding.shadowed;
      }
      bindings_.pop_back();
    }
  }

  /// The binding in scope for `prefix`, nullptr when undeclared.
  const Binding* find(std::string_view prefix) const {
    if (prefix.empty()) return default_ == none ? nullptr : &bindings_[default_];
    auto found = latest_.find(prefix);
    return found == latest_.end() ? nullptr : &bindings_[found->second];
  }

 private:
  void push(std::string_view prefix, std::string_view uri) {
    std::optional<std::string_view> canonical = uri.empty() ? std::nullopt : canonical_prefix(uri);
    std::size_t index = bindings_.size();
    if (prefix.empty()) {
      bindings_.push_back({prefix, canonical, default_});
      default_ = index;
      return;
    }
    auto [slot, inserted] = latest_.try_emplace(prefix, index);
    bindings_.push_back({prefix, canonical, inserted ? none : slot->second});
    slot->second = index;
  }

  std::vector<Binding> bindings_;
  std::unordered_map<std::string_view, std::size_t> latest_;
  std::size_t default_ = none;
};

class Renamer {
 public:
  explicit Renamer(Outcome& outcome) : outcome_(outcome) {}

  void rename_element(pugi::xml_node element, bool prefixed_attributes) {
    if (auto name = canonical_name(element.name(), true)) element.set_name(name);
    if (!prefixed_attributes) return;
    for (pugi::xml_attribute attribute = element.first_attribute(); attribute;
         attribute = attribute.next_attribute()) {
      const char* current = attribute.name();
      if (std::strchr(current, ':') == nullptr || std::strncmp(current, "xmlns:", 6) == 0) continue;
      if (auto name = canonical_name(current, false)) attribute.set_name(name);
    }
  }

  Scope scope;

 private:
  // The new name, or nullptr when the name stays as it is (the common case costs no copy).
  const char* canonical_name(std::string_view qualified, bool is_element) {
    std::size_t colon = qualified.find(':');
    std::string_view prefix = colon == std::string_view::npos ? "" : qualified.substr(0, colon);
    std::string_view local =
        colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
    if (prefix.empty() && !is_element) return nullptr;  // attributes: no default namespace
    std::optional<std::string_view> canonical = resolve(prefix);
    // Unknown namespaces keep their name; so does an unknown default namespace, which makes a
    // bogus default namespace under <rss> read as plain RSS (parse-output.md §2).
    if (!canonical) return nullptr;
    if (canonical->empty() ? prefix.empty() : *canonical == prefix) return nullptr;
    buffer_.assign(*canonical);
    if (!canonical->empty()) buffer_ += ':';
    buffer_ += local;
    return buffer_.c_str();
  }

  std::optional<std::string_view> resolve(std::string_view prefix) {
    if (prefix == "xml") return "xml";
    if (const Binding* binding = scope.find(prefix)) return binding->canonical;
    if (prefix.empty()) return std::nullopt;
    auto known = well_known_prefix(prefix);
    if (known && outcome_.undeclared_prefix.empty()) outcome_.undeclared_prefix = prefix;
    return known;
  }

  Outcome& outcome_;
  std::string buffer_;
};

}  // namespace

Outcome canonicalize(pugi::xml_document& document, std::size_t max_depth) {
  Outcome outcome;
  Renamer renamer(outcome);
  std::vector<std::size_t> pushed_per_level;
  pugi::xml_node node = document.first_child();
  while (node) {
    if (node.type() == pugi::node_element) {
      if (pushed_per_level.size() + 1 > max_depth) {
        outcome.too_deep = true;
        return outcome;
      }
      bool prefixed_attributes = false;
      std::size_t pushed = renamer.scope.declare(node, prefixed_attributes);
      renamer.rename_element(node, prefixed_attributes);
      if (node.first_child()) {
        pushed_per_level.push_back(pushed);
        node = node.first_child();
        continue;
      }
      renamer.scope.pop(pushed);
    }
    while (!node.next_sibling()) {
      node = node.parent();
      if (node.type() == pugi::node_document) return outcome;
      renamer.scope.pop(pushed_per_level.back());
      pushed_per_level.pop_back();
    }
    node = node.next_sibling();
  }
  return outcome;
}

}  // namespace feeds::xml_namespaces
