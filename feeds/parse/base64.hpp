#pragma once
/// Base64 decoding for Atom 0.3 mode="base64" content.

#include <optional>
#include <string>
#include <string_view>

namespace feeds {

/// Decodes standard base64, ignoring whitespace; nullopt on any other invalid character.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace feeds
