#pragma once
/// Character encodings: decide a document's charset and convert it to UTF-8 (iconv).

#include <optional>
#include <string>
#include <string_view>

namespace feeds {

struct DecodedText {
  /// The document as valid UTF-8, BOM stripped: a view of the input bytes when they were clean
  /// UTF-8 already (no copy), otherwise of `converted`. Valid while both live.
  std::string_view utf8() const { return borrowed ? *borrowed : std::string_view(converted); }

  std::optional<std::string_view> borrowed;  ///< the input bytes, when used as they are
  std::string converted;                     ///< the decoded or repaired text otherwise
  std::string encoding;       ///< lower-case IANA name actually used ("utf-8", "windows-1252")
  bool bozo = false;          ///< the declared encoding was wrong or the bytes had to be repaired
  std::string bozo_reason;    ///< why, for Feed::warnings
};

/// Decodes an XML feed document, choosing the encoding as parse-output.md §8 says:
/// BOM > HTTP charset (for xml media types) > XML declaration > UTF-8 > windows-1252.
/// Also rewrites the XML declaration's encoding to UTF-8 so a later parse does not re-decode.
/// The result owns its text.
DecodedText decode_xml_document(std::string_view bytes, std::string_view content_type);

/// The same without copying input that is clean UTF-8 already (most feeds): the result then
/// views `bytes`, which must outlive it.
DecodedText decode_xml_view(std::string_view bytes, std::string_view content_type);

/// Converts bytes in the named charset (any iconv name or alias, case-insensitive) to UTF-8.
/// nullopt when the charset is unknown or the bytes are invalid in it.
std::optional<std::string> convert_to_utf8(std::string_view bytes, std::string_view charset);

/// The `charset` parameter of a Content-Type header value, lower-cased; empty when absent.
std::string charset_from_content_type(std::string_view content_type);

/// Replaces invalid UTF-8 sequences with U+FFFD and drops code points XML 1.0 forbids.
std::string repair_utf8(std::string_view text);

}  // namespace feeds
