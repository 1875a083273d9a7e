#pragma once
/// UTF-8 helpers shared by the encoding decoder and the XML loader (internal to feeds/parse).

#include <cstddef>
#include <string>
#include <string_view>

namespace feeds::utf8 {

/// Appends the UTF-8 encoding of a Unicode scalar value.
void append(std::string& out, char32_t code_point);

/// True for code points XML 1.0 allows in a document (tab, LF, CR, U+0020-U+D7FF,
/// U+E000-U+FFFD, U+10000-U+10FFFF).
bool is_xml_char(char32_t code_point);

/// The character windows-1252 puts at byte 0x80-0x9F (the byte itself where it has none).
char32_t windows1252_c1(unsigned byte);

/// What a single pass over the bytes found.
struct Scan {
  bool valid = true;      ///< well-formed UTF-8 (no overlongs, surrogates or truncation)
  bool clean = true;      ///< no XML-illegal code point and no C1 control (U+0080-U+009F)
};

/// Checks bytes for UTF-8 validity and for characters `clean_text` would change.
Scan scan(std::string_view bytes);

/// Result of cleaning text.
struct Cleaned {
  std::string text;
  std::size_t invalid = 0;   ///< ill-formed sequences replaced with U+FFFD
  std::size_t removed = 0;   ///< XML-illegal code points dropped
};

/// Replaces ill-formed sequences with U+FFFD, drops XML-illegal code points and maps C1
/// controls to their windows-1252 characters.
Cleaned clean_text(std::string_view bytes);

}  // namespace feeds::utf8
