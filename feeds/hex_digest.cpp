#include "feeds/hex_digest.hpp"

#include <openssl/evp.h>

namespace feeds {
namespace {

// OpenSSL 3's SHA1() looks the algorithm up in its providers on every call (EVP_MD_fetch),
// which cost more than hashing a guid: looked up once. EVP_sha1() (an implicit fetch per
// call) only if the explicit fetch fails.
const EVP_MD* sha1_algorithm() {
  static const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA1", nullptr);
  return fetched != nullptr ? fetched : EVP_sha1();
}

}  // namespace

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char hex_digits[] = "0123456789abcdef";
  std::string out(2 * size, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = hex_digits[bytes[i] >> 4];
    out[2 * i + 1] = hex_digits[bytes[i] & 15];
  }
  return out;
}

std::string hex_sha1(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, sha1_algorithm(), nullptr);
  return to_hex(digest, length);
}

}  // namespace feeds
