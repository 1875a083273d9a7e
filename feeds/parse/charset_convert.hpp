#pragma once
/// Charset names and byte → UTF-8 conversion (internal to feeds/parse; see encoding.hpp).

#include <optional>
#include <string>
#include <string_view>

namespace feeds::charset {

/// A charset we can decode: the name we report and the decoder that is actually used
/// (iso-8859-1 is reported as such but decoded as windows-1252, as browsers do).
struct Charset {
  std::string reported;   ///< lower-case IANA name ("iso-8859-1", "gb18030", "utf-16le")
  std::string decoder;    ///< "utf-8", "windows-1252", "utf-16le/be", "utf-32le/be" or an iconv name
};

/// Resolves a charset label (case-insensitive, quotes and whitespace trimmed) to a decoder;
/// nullopt for unknown or implausible labels. "utf-16"/"utf-32" mean big-endian here.
std::optional<Charset> resolve(std::string_view label);

/// True for the UTF-16/UTF-32 decoders (their bytes are not ASCII-compatible).
bool is_wide(const Charset& charset);

/// Decodes bytes to UTF-8 (not yet cleaned of XML-illegal characters); nullopt when the bytes
/// are invalid in the charset. windows-1252, UTF-16 and UTF-32 never fail (bad units → U+FFFD).
std::optional<std::string> decode(std::string_view bytes, const Charset& charset);

/// UTF-16/UTF-32 to UTF-8 for decoder "utf-16le", "utf-16be", "utf-32le" or "utf-32be"
/// (wide_decode.cpp); lone surrogates and a truncated last unit become U+FFFD.
std::optional<std::string> decode_wide(std::string_view bytes, std::string_view decoder);

}  // namespace feeds::charset
