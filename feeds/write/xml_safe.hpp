#pragma once
/// The one gate every string passes before it goes into a written feed (security.md §1.2
/// property 5): what comes out is valid UTF-8 made only of characters XML 1.0 allows.

#include <string>
#include <string_view>

namespace feeds {

/// Returns `text` as XML-1.0-safe UTF-8: code points XML forbids (U+0000-U+0008, U+000B,
/// U+000C, U+000E-U+001F, U+FFFE, U+FFFF) are removed; ill-formed UTF-8, including encoded
/// surrogates, becomes U+FFFD (one per maximal ill-formed subpart, as WHATWG decoders do);
/// CR LF and lone CR become LF, which is what an XML parser's end-of-line handling would make
/// of them, so the text a reader decodes is exactly this function's result.
std::string xml_safe(std::string_view text);

}  // namespace feeds
