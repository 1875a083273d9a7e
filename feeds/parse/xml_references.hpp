#pragma once
/// Entity and character references in feed XML (internal to feeds/parse): XML's five entities,
/// numeric references with HTML5's repairs, and HTML named entities XML does not know.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace feeds::xml_references {

/// A reference at the start of a text that begins with '&'.
struct Reference {
  std::size_t length = 0;          ///< bytes from '&' to ';' inclusive
  std::string_view text;           ///< decoded UTF-8 for XML and HTML named entities
  char32_t code_point = 0;         ///< decoded numeric reference (0 = drop it)
  bool numeric = false;
  bool xml_builtin = false;        ///< amp, lt, gt, quot, apos
  bool pugixml_faithful = false;   ///< pugixml decodes it to the same text by itself
};

/// Reads "&name;", "&#N;" or "&#xH;" at the start of `text`; nullopt for a bare '&' or an
/// unknown name. Numeric references follow HTML5: 0x80-0x9F mean windows-1252, out-of-range
/// and surrogates become U+FFFD, XML-illegal controls are dropped (code_point 0).
std::optional<Reference> read_reference(std::string_view text);

/// Appends `text` with every reference decoded; a bare or unknown '&' stays literal.
void append_decoded(std::string& out, std::string_view text);

/// Rewrites references pugixml would get wrong (HTML named entities, numeric references to
/// C1 or XML-illegal code points) outside CDATA sections and comments; nullopt when there are
/// none, which is the common case, so the document is not copied.
std::optional<std::string> rewrite_for_pugixml(std::string_view document);

}  // namespace feeds::xml_references
