#pragma once
/// Namespace canonicalization for load_xml (internal to feeds/parse): renames elements and
/// attributes to the canonical prefixes of xml_loader.hpp's `ns` block.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace feeds::xml_namespaces {

/// The canonical prefix for a namespace URI ("" for the RSS 0.9x/2.0 "namespaces", which mean
/// plain RSS); nullopt for a namespace we do not know. Accepts the variants seen in the wild.
std::optional<std::string_view> canonical_prefix(std::string_view uri);

/// The namespace prefix a document may use without declaring it (itunes, media, dc, ...);
/// returns the canonical prefix for it, nullopt for other prefixes.
std::optional<std::string_view> well_known_prefix(std::string_view prefix);

struct Outcome {
  bool too_deep = false;
  std::string undeclared_prefix;   ///< the first well-known prefix used without a declaration
};

/// Renames every element and attribute in a known namespace to "<canonical>:<local>" (just
/// "<local>" for plain RSS), in one iterative walk with an xmlns scope stack. Names in unknown
/// namespaces, unprefixed attributes and xmlns attributes are left as they are.
Outcome canonicalize(pugi::xml_document& document, std::size_t max_depth);

}  // namespace feeds::xml_namespaces
