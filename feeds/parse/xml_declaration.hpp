#pragma once
/// Reading and rewriting the XML declaration's encoding (internal to feeds/parse).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace feeds::xml_declaration {

/// Where the encoding value sits in a text that starts (after optional whitespace) with
/// `<?xml ... ?>`.
struct EncodingValue {
  std::size_t offset = 0;   ///< first character of the value, inside the quotes
  std::size_t length = 0;
};

/// The encoding pseudo-attribute of the declaration at the start of `text`, if any.
std::optional<EncodingValue> find_encoding(std::string_view text);

/// The first `max_units` code units of UTF-16/UTF-32 bytes as ASCII (non-ASCII units become
/// '?'), enough to read a declaration before the charset is settled.
std::string ascii_prefix(std::string_view bytes, std::size_t unit_width, bool big_endian,
                         std::size_t max_units);

/// Whether the declaration names an encoding other than UTF-8 (which the next call replaces).
bool declares_other_than_utf8(std::string_view text);

/// Replaces a declared encoding other than UTF-8 with "utf-8" so a later parse reads UTF-8.
void rewrite_encoding_to_utf8(std::string& text);

}  // namespace feeds::xml_declaration
