#include "feeds/dedup/identity.hpp"

#include <string_view>
#include <unordered_set>

#include <openssl/evp.h>

namespace feeds {
namespace {

constexpr char unit_separator = '\x1f';

// OpenSSL 3's SHA1() looks the algorithm up in its providers on every call (EVP_MD_fetch),
// which cost more than hashing a guid: looked up once. EVP_sha1() (an implicit fetch per
// call) only if the explicit fetch fails.
const EVP_MD* sha1_algorithm() {
  static const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA1", nullptr);
  return fetched != nullptr ? fetched : EVP_sha1();
}

std::string hex_sha1(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, sha1_algorithm(), nullptr);
  static constexpr char hex_digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += hex_digits[digest[i] >> 4];
    out += hex_digits[digest[i] & 15];
  }
  return out;
}

const std::optional<std::string>& trusted_field(const Item& item, IdentityScheme scheme) {
  return scheme == IdentityScheme::guid ? item.id : item.url;
}

std::string content_hash_input(const Item& item) {
  std::string input = item.title.value_or("");
  input += unit_separator;
  input += item.url.value_or("");
  input += unit_separator;
  if (item.date_published) input += std::to_string(item.date_published->time_since_epoch().count());
  input += unit_separator;
  input += item.summary.value_or("");
  return input;
}

}  // namespace

const char* to_string(IdentityScheme scheme) noexcept {
  switch (scheme) {
    case IdentityScheme::guid: return "guid";
    case IdentityScheme::link: return "link";
    case IdentityScheme::content_hash: return "content_hash";
  }
  return "content_hash";
}

std::optional<IdentityScheme> identity_scheme_from_string(std::string_view name) noexcept {
  for (auto scheme : {IdentityScheme::guid, IdentityScheme::link, IdentityScheme::content_hash}) {
    if (name == to_string(scheme)) return scheme;
  }
  return std::nullopt;
}

bool identity_scheme_usable(const std::vector<Item>& items, IdentityScheme scheme) {
  if (scheme == IdentityScheme::content_hash) return true;
  std::unordered_set<std::string_view> seen;
  for (const auto& item : items) {
    const auto& field = trusted_field(item, scheme);
    if (!field || field->empty() || !seen.insert(*field).second) return false;
  }
  return true;
}

IdentityScheme choose_identity_scheme(const std::vector<Item>& items) {
  for (auto scheme : {IdentityScheme::guid, IdentityScheme::link}) {
    if (identity_scheme_usable(items, scheme)) return scheme;
  }
  return IdentityScheme::content_hash;
}

IdentityScheme choose_identity_scheme(const std::vector<Item>& items,
                                      std::optional<IdentityScheme> previous) {
  if (previous && identity_scheme_usable(items, *previous)) return *previous;
  return choose_identity_scheme(items);
}

std::string identity_key(const Item& item, IdentityScheme scheme) {
  switch (scheme) {
    case IdentityScheme::guid:
      if (item.id && !item.id->empty()) return "g:" + hex_sha1(*item.id);
      break;
    case IdentityScheme::link:
      if (item.url && !item.url->empty()) return "l:" + hex_sha1(*item.url);
      break;
    case IdentityScheme::content_hash: break;
  }
  // An item without the trusted field still needs a key; the scheme chooser never picks a
  // scheme that leaves one out, so this only happens to callers that force a scheme.
  return "h:" + hex_sha1(content_hash_input(item));
}

std::string content_fingerprint(const Item& item) {
  std::string input = item.title.value_or("");
  input += unit_separator;
  if (item.content_html) {
    input += *item.content_html;
  } else if (item.content_text) {
    input += *item.content_text;
  } else {
    input += item.summary.value_or("");
  }
  return hex_sha1(input);
}

}  // namespace feeds
