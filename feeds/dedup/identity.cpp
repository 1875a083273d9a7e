#include "feeds/dedup/identity.hpp"

#include <algorithm>
#include <memory>
#include <new>
#include <string_view>

#include <xxhash.h>

#include "feeds/hex_digest.hpp"

namespace feeds {
namespace {

constexpr char unit_separator = '\x1f';

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

// The fields a content fingerprint covers, in order: title, a separator, then the content.
template <class Visit>
void visit_fingerprinted_fields(const Item& item, Visit&& visit) {
  visit(item.title ? std::string_view(*item.title) : std::string_view());
  visit(std::string_view(&unit_separator, 1));
  if (item.content_html) {
    visit(std::string_view(*item.content_html));
  } else if (item.content_text) {
    visit(std::string_view(*item.content_text));
  } else if (item.summary) {
    visit(std::string_view(*item.summary));
  }
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
  // Sorted views rather than a hash set: one allocation for the document, not one per item.
  std::vector<std::string_view> fields;
  fields.reserve(items.size());
  for (const auto& item : items) {
    const auto& field = trusted_field(item, scheme);
    if (!field || field->empty()) return false;
    fields.push_back(*field);
  }
  std::ranges::sort(fields);
  return std::ranges::adjacent_find(fields) == fields.end();
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

std::optional<std::string> field_identity_key(const Item& item, IdentityScheme scheme) {
  switch (scheme) {
    case IdentityScheme::guid:
      if (item.id && !item.id->empty()) return "g:" + hex_sha1(*item.id);
      break;
    case IdentityScheme::link:
      if (item.url && !item.url->empty()) return "l:" + hex_sha1(*item.url);
      break;
    case IdentityScheme::content_hash: break;
  }
  return std::nullopt;
}

std::string identity_key(const Item& item, IdentityScheme scheme) {
  if (auto key = field_identity_key(item, scheme)) return std::move(*key);
  // An item without the trusted field still needs a key; the scheme chooser never picks a
  // scheme that leaves one out, so this only happens to callers that force a scheme.
  return "h:" + hex_sha1(content_hash_input(item));
}

void ContentFingerprinter::FreeState::operator()(XXH3_state_s* state) const noexcept {
  XXH3_freeState(state);
}

// From the library, not on the stack: the state's layout is private to the library version.
ContentFingerprinter::ContentFingerprinter() : state_(XXH3_createState()) {
  if (!state_) throw std::bad_alloc();
}

std::string ContentFingerprinter::operator()(const Item& item) {
  XXH3_128bits_reset(state_.get());
  visit_fingerprinted_fields(item, [&](std::string_view part) {
    XXH3_128bits_update(state_.get(), part.data(), part.size());
  });
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state_.get()));
  return to_hex(canonical.digest, sizeof canonical.digest);
}

std::string content_fingerprint(const Item& item) {
  return ContentFingerprinter{}(item);
}

std::string sha1_content_fingerprint(const Item& item) {
  std::string input;
  visit_fingerprinted_fields(item, [&](std::string_view part) { input += part; });
  return hex_sha1(input);
}

bool content_unchanged(std::string_view stored, std::string_view fingerprint, const Item& item) {
  if (stored.size() == sha1_fingerprint_length) return stored == sha1_content_fingerprint(item);
  return stored == fingerprint;
}

}  // namespace feeds
