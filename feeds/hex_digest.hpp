#pragma once
/// Digests as lower-case hex text: the identity keys and content fingerprints storage keeps,
/// and the ids the parser derives for items that have none.

#include <cstddef>
#include <string>
#include <string_view>

namespace feeds {

/// Two lower-case hex digits per byte.
std::string to_hex(const unsigned char* bytes, std::size_t size);

/// SHA-1 of `data`, 40 hex digits.
std::string hex_sha1(std::string_view data);

}  // namespace feeds
