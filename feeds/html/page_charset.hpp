#pragma once
/// The charset of an HTML page (WHATWG "determining the character encoding", simplified) and
/// its conversion to UTF-8.

#include <string>
#include <string_view>

namespace feeds {

struct DecodedPage {
  std::string utf8;      ///< the page as UTF-8, BOM stripped, invalid sequences replaced
  std::string charset;   ///< the label that was used ("utf-8", "windows-1251", ...)
};

/// Decodes a page: byte order mark, then the Content-Type charset, then <meta charset> or
/// <meta http-equiv="Content-Type"> in the first 4 KiB, then UTF-8 when the bytes are valid
/// UTF-8, else windows-1252. A declared charset that is unknown or fails is skipped.
DecodedPage decode_html_page(std::string_view bytes, std::string_view content_type);

/// The charset a <meta> in `head` declares, lower-case; empty when none does.
std::string find_meta_charset(std::string_view head);

/// True when bytes look like binary data rather than text (NUL or many control bytes early on,
/// without a UTF-16 byte order mark).
bool looks_like_binary(std::string_view bytes);

}  // namespace feeds
