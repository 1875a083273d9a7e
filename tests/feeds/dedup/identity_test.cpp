#include "feeds/dedup/identity.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace feeds {
namespace {

using namespace std::literals;

Item make_item(std::optional<std::string> id, std::optional<std::string> url,
               std::string title = "Title") {
  Item item;
  item.id = std::move(id);
  item.url = std::move(url);
  item.title = std::move(title);
  item.summary = "Summary";
  return item;
}

TEST(ChooseIdentityScheme, UsesGuidsWhenPresentAndUnique) {
  std::vector<Item> items{make_item("a", "https://x/1"), make_item("b", "https://x/1")};
  EXPECT_EQ(choose_identity_scheme(items), IdentityScheme::guid);
}

TEST(ChooseIdentityScheme, FallsBackToLinkWhenGuidsRepeat) {
  std::vector<Item> items{make_item("same", "https://x/1"), make_item("same", "https://x/2")};
  EXPECT_EQ(choose_identity_scheme(items), IdentityScheme::link);
}

TEST(ChooseIdentityScheme, FallsBackToLinkWhenAGuidIsMissingOrEmpty) {
  std::vector<Item> missing{make_item("a", "https://x/1"), make_item(std::nullopt, "https://x/2")};
  EXPECT_EQ(choose_identity_scheme(missing), IdentityScheme::link);
  std::vector<Item> empty{make_item("a", "https://x/1"), make_item("", "https://x/2")};
  EXPECT_EQ(choose_identity_scheme(empty), IdentityScheme::link);
}

TEST(ChooseIdentityScheme, FallsBackToContentHashWhenLinksRepeatOrAreMissing) {
  std::vector<Item> repeated{make_item("x", "https://x/"), make_item("x", "https://x/")};
  EXPECT_EQ(choose_identity_scheme(repeated), IdentityScheme::content_hash);
  std::vector<Item> missing{make_item("x", "https://x/1"), make_item("x", std::nullopt)};
  EXPECT_EQ(choose_identity_scheme(missing), IdentityScheme::content_hash);
}

TEST(ChooseIdentityScheme, FindsARepeatedGuidAnywhereInALongDocument) {
  std::vector<Item> items;
  for (int i = 0; i < 60; ++i) {
    items.push_back(
        make_item("guid-" + std::to_string((i * 37) % 60), "https://x/" + std::to_string(i)));
  }
  EXPECT_EQ(choose_identity_scheme(items), IdentityScheme::guid);
  items[41].id = items[3].id;  // neither neighbours in the document nor first or last
  EXPECT_EQ(choose_identity_scheme(items), IdentityScheme::link);
  items[17].url = items[52].url;
  EXPECT_EQ(choose_identity_scheme(items), IdentityScheme::content_hash);
}

TEST(ChooseIdentityScheme, EmptyDocumentKeepsGuids) {
  EXPECT_EQ(choose_identity_scheme({}), IdentityScheme::guid);
}

TEST(ChooseIdentityScheme, KeepsThePreviousSchemeWhileItStillWorks) {
  std::vector<Item> good_guids{make_item("a", "https://x/1"), make_item("b", "https://x/2")};
  EXPECT_EQ(choose_identity_scheme(good_guids, IdentityScheme::link), IdentityScheme::link);
  EXPECT_EQ(choose_identity_scheme(good_guids, std::nullopt), IdentityScheme::guid);
  std::vector<Item> shared_links{make_item("a", "https://x/"), make_item("b", "https://x/")};
  EXPECT_EQ(choose_identity_scheme(shared_links, IdentityScheme::link), IdentityScheme::guid);
}

TEST(IdentityScheme, NamesRoundTrip) {
  for (auto scheme : {IdentityScheme::guid, IdentityScheme::link, IdentityScheme::content_hash}) {
    EXPECT_EQ(identity_scheme_from_string(to_string(scheme)), scheme);
  }
  EXPECT_EQ(identity_scheme_from_string("guids"), std::nullopt);
}

TEST(IdentityKey, IsPrefixedHashOfTheTrustedField) {
  auto item = make_item("tag:example.org,2024:1", "https://example.org/1");
  const auto guid_key = identity_key(item, IdentityScheme::guid);
  const auto link_key = identity_key(item, IdentityScheme::link);
  const auto hash_key = identity_key(item, IdentityScheme::content_hash);
  EXPECT_EQ(guid_key.substr(0, 2), "g:");
  EXPECT_EQ(link_key.substr(0, 2), "l:");
  EXPECT_EQ(hash_key.substr(0, 2), "h:");
  for (const auto& key : {guid_key, link_key, hash_key}) EXPECT_EQ(key.size(), 42u) << key;
  // sha1("abc"), the FIPS 180 test vector: the key is the plain digest of the field.
  EXPECT_EQ(identity_key(make_item("abc", std::nullopt), IdentityScheme::guid),
            "g:a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST(IdentityKey, FieldKeyIsTheSchemesKeyOnlyWhenTheItemHasTheField) {
  const auto item = make_item("abc", "https://example.org/1");
  EXPECT_EQ(field_identity_key(item, IdentityScheme::guid),
            identity_key(item, IdentityScheme::guid));
  EXPECT_EQ(field_identity_key(item, IdentityScheme::link),
            identity_key(item, IdentityScheme::link));
  EXPECT_EQ(field_identity_key(item, IdentityScheme::content_hash), std::nullopt);
  for (const auto& bare : {make_item(std::nullopt, std::nullopt), make_item("", "")}) {
    EXPECT_EQ(field_identity_key(bare, IdentityScheme::guid), std::nullopt);
    EXPECT_EQ(field_identity_key(bare, IdentityScheme::link), std::nullopt);
    EXPECT_EQ(identity_key(bare, IdentityScheme::guid).substr(0, 2), "h:");
  }
}

TEST(IdentityKey, HugeGuidStaysCompactAndDistinct) {
  std::string huge(10 * 1024, 'g');
  auto other = huge;
  other.back() = 'h';
  const auto key = identity_key(make_item(huge, std::nullopt), IdentityScheme::guid);
  EXPECT_EQ(key.size(), 42u);
  EXPECT_NE(key, identity_key(make_item(other, std::nullopt), IdentityScheme::guid));
}

TEST(IdentityKey, GuidKeyIgnoresEditsButContentHashDoesNot) {
  auto before = make_item("id-1", "https://x/1");
  auto after = before;
  after.title = "Edited title";
  after.summary = "Edited summary";
  EXPECT_EQ(identity_key(before, IdentityScheme::guid), identity_key(after, IdentityScheme::guid));
  EXPECT_EQ(identity_key(before, IdentityScheme::link), identity_key(after, IdentityScheme::link));
  EXPECT_NE(identity_key(before, IdentityScheme::content_hash),
            identity_key(after, IdentityScheme::content_hash));
}

TEST(IdentityKey, ContentHashSeparatesFieldsAndDates) {
  auto a = make_item(std::nullopt, std::nullopt, "ab");
  a.summary = "c";
  auto b = make_item(std::nullopt, std::nullopt, "a");
  b.summary = "bc";
  EXPECT_NE(identity_key(a, IdentityScheme::content_hash),
            identity_key(b, IdentityScheme::content_hash));
  auto dated = a;
  dated.date_published = TimePoint{std::chrono::seconds{1700000000}};
  EXPECT_NE(identity_key(a, IdentityScheme::content_hash),
            identity_key(dated, IdentityScheme::content_hash));
}

TEST(IdentityKey, ForcedSchemeWithoutTheFieldFallsBackToContentHash) {
  auto item = make_item(std::nullopt, std::nullopt);
  EXPECT_EQ(identity_key(item, IdentityScheme::guid),
            identity_key(item, IdentityScheme::content_hash));
  EXPECT_EQ(identity_key(item, IdentityScheme::link),
            identity_key(item, IdentityScheme::content_hash));
}

TEST(IdentityKey, KeysOfAChosenSchemeAreUniqueWithinTheDocument) {
  std::vector<Item> items{make_item("dup", "https://x/", "one"), make_item("dup", "https://x/", "two"),
                          make_item("dup", "https://x/", "three")};
  const auto scheme = choose_identity_scheme(items);
  std::set<std::string> keys;
  for (const auto& item : items) keys.insert(identity_key(item, scheme));
  EXPECT_EQ(keys.size(), items.size());
}

TEST(ContentFingerprint, ChangesWithTitleOrContentOnly) {
  auto item = make_item("id", "https://x/1");
  item.content_html = "<p>Body</p>";
  const auto original = content_fingerprint(item);
  EXPECT_EQ(original.size(), 32u);
  auto moved = item;
  moved.url = "https://x/moved";
  moved.date_modified = TimePoint{std::chrono::seconds{5}};
  EXPECT_EQ(content_fingerprint(moved), original);
  auto retitled = item;
  retitled.title = "New title";
  EXPECT_NE(content_fingerprint(retitled), original);
  auto edited = item;
  edited.content_html = "<p>Body, corrected</p>";
  EXPECT_NE(content_fingerprint(edited), original);
}

TEST(ContentFingerprint, OneFingerprinterForManyItemsGivesEachItsOwnFingerprint) {
  // Short and long items in turn: XXH3 keeps up to 256 bytes in its state between updates.
  std::vector<Item> items;
  for (int i = 0; i < 12; ++i) {
    auto item = make_item("id", "https://x/" + std::to_string(i));
    item.title = "Title " + std::to_string(i);
    item.content_html = std::string(static_cast<std::size_t>(i % 3 == 0 ? 3 : 700 * i), 'a' + i);
    items.push_back(item);
  }
  items.push_back(items[0]);
  ContentFingerprinter fingerprint;
  std::set<std::string> distinct;
  for (const auto& item : items) {
    const auto value = fingerprint(item);
    EXPECT_EQ(value, content_fingerprint(item));
    distinct.insert(value);
  }
  EXPECT_EQ(distinct.size(), items.size() - 1);
}

TEST(ContentFingerprint, UsesSummaryWhenThereIsNoContent) {
  auto item = make_item("id", "https://x/1");
  const auto original = content_fingerprint(item);
  item.summary = "Another summary";
  EXPECT_NE(content_fingerprint(item), original);
}

// Stored fingerprints must not change between versions: each would look like an edit. The
// values come from the reference tools, not from this code: `printf 'Title\x1f<p>Body</p>' |
// xxhsum -H2` (Debian's xxhash) and `| sha1sum`; the untitled item's from `printf '\x1f'`.
TEST(ContentFingerprint, IsTheXxh3OfTitleSeparatorContent) {
  auto item = make_item("id", "https://x/1");
  item.content_html = "<p>Body</p>";
  EXPECT_EQ(content_fingerprint(item), "23b2a5d476fbadd7c07defa31832adbf");
  EXPECT_EQ(sha1_content_fingerprint(item), "f939856ee503d66db160982b7fe585faa481ffa9");
  Item untitled;
  EXPECT_EQ(content_fingerprint(untitled), "153283be9f2a26d405087bbed866d0de");
}

TEST(ContentFingerprint, UsesTextWhenThereIsNoHtml) {
  auto item = make_item("id", "https://x/1");
  item.content_text = "Body";
  const auto original = content_fingerprint(item);
  item.content_text = "Body, corrected";
  const auto corrected = content_fingerprint(item);
  EXPECT_NE(corrected, original);
  item.summary = "Another summary";  // the text is the content: the summary is not hashed
  EXPECT_EQ(content_fingerprint(item), corrected);
}

TEST(ContentUnchanged, ComparesTheFormTheRowWasStoredWith) {
  auto item = make_item("id", "https://x/1");
  item.content_html = "<p>Body</p>";
  const auto current = content_fingerprint(item);
  EXPECT_TRUE(content_unchanged(current, current, item));
  EXPECT_TRUE(content_unchanged(sha1_content_fingerprint(item), current, item));
  auto edited = item;
  edited.content_html = "<p>Body, corrected</p>";
  const auto edited_current = content_fingerprint(edited);
  EXPECT_FALSE(content_unchanged(current, edited_current, edited));
  EXPECT_FALSE(content_unchanged(sha1_content_fingerprint(item), edited_current, edited));
  EXPECT_FALSE(content_unchanged("", current, item));
}

}  // namespace
}  // namespace feeds
