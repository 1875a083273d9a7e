#pragma once
/// Item identity: the ONE place that decides when two items of a feed are the same item
/// (security.md §2 row 34) and when an item has changed.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/feed.hpp"

struct XXH3_state_s;

namespace feeds {

/// Which field of an item is trusted as its identity within one feed.
enum class IdentityScheme {
  guid,         ///< Item::id (guid, Atom id, JSON Feed id; the parser's fallbacks included)
  link,         ///< Item::url
  content_hash  ///< title, url, date and summary together
};

/// "guid", "link" or "content_hash" (the value stored in the database).
const char* to_string(IdentityScheme scheme) noexcept;

/// The scheme named by to_string(); nullopt for anything else.
std::optional<IdentityScheme> identity_scheme_from_string(std::string_view name) noexcept;

/// Whether `scheme` tells every item of the document apart: each item has a non-empty value of
/// the trusted field and no two items share it. content_hash is always usable.
bool identity_scheme_usable(const std::vector<Item>& items, IdentityScheme scheme);

/// The most precise usable scheme: guid when every item has an id and ids are unique in the
/// document, else link when every item has a URL and URLs are unique, else content_hash
/// (FreshRSS falls back per feed the same way when guids are missing or repeated).
IdentityScheme choose_identity_scheme(const std::vector<Item>& items);

/// The same, but keeps `previous` (the scheme the feed's stored items were keyed with) while it
/// is still usable: switching schemes re-keys every item, so each switch would store the whole
/// document again as new items.
IdentityScheme choose_identity_scheme(const std::vector<Item>& items,
                                      std::optional<IdentityScheme> previous);

/// A compact, stable key for the item under `scheme`: "g:", "l:" or "h:" followed by the hex
/// SHA-1 of the trusted field(s), so 10 KiB guids cost 42 bytes in the index.
std::string identity_key(const Item& item, IdentityScheme scheme);

/// identity_key under the guid or link scheme when the item has that field; nullopt when it
/// lacks it (identity_key then falls back to the content hash) and for content_hash.
std::optional<std::string> field_identity_key(const Item& item, IdentityScheme scheme);

/// Hex XXH3-128 (32 digits) of the item's title and content (content_html, else content_text,
/// else summary): equal identity keys with different fingerprints mean the publisher edited the
/// item. A change detector, not a security boundary: XXH3 hashes a feed's content about 40
/// times as fast as SHA-1 (docs/BENCHMARKS.md).
std::string content_fingerprint(const Item& item);

/// content_fingerprint for the items of a document, with one hash state for them all instead
/// of one allocated per item.
class ContentFingerprinter {
 public:
  ContentFingerprinter();
  std::string operator()(const Item& item);

 private:
  struct FreeState {
    void operator()(XXH3_state_s* state) const noexcept;
  };
  std::unique_ptr<XXH3_state_s, FreeState> state_;
};

/// The form earlier versions stored: hex SHA-1 (40 digits) of the same bytes. Their rows keep
/// it until the item is next stored.
inline constexpr std::size_t sha1_fingerprint_length = 40;
std::string sha1_content_fingerprint(const Item& item);

/// Whether `stored` (a row's fingerprint, of either form) says `item` is unchanged.
/// `fingerprint` is content_fingerprint(item), computed beforehand off the storage thread.
bool content_unchanged(std::string_view stored, std::string_view fingerprint, const Item& item);

}  // namespace feeds
