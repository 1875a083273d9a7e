// The JSON text columns of items (authors, tags, attachments): written directly, read back
// with Boost.JSON, and the same text Boost.JSON would have written.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "daemon/storage/columns.hpp"

namespace feedd::storage {
namespace {

namespace json = boost::json;

const std::string awkward = "quote \" backslash \\ tab \t newline \n nul-free \x01 caf\xc3\xa9 </script>";

TEST(JsonColumns, StringsRoundTripAndMatchBoostJson) {
  const std::vector<std::string> tags{"plain", awkward, ""};
  const auto text = strings_to_json(tags);
  EXPECT_EQ(strings_from_json(text), tags);
  json::array expected;
  for (const auto& tag : tags) expected.emplace_back(tag);
  EXPECT_EQ(text, json::serialize(expected));
  EXPECT_EQ(strings_to_json({}), "[]");
}

TEST(JsonColumns, PersonsRoundTripWithTheirMembersInOrder) {
  const std::vector<feeds::Person> persons{
      {"Eve Okafor", std::nullopt, std::nullopt},
      {std::nullopt, "https://example.org/~dana", "dana@example.org"},
      {awkward, "https://example.org/", std::nullopt},
      {std::nullopt, std::nullopt, std::nullopt}};
  const auto text = persons_to_json(persons);
  EXPECT_EQ(text.substr(0, 24), R"([{"name":"Eve Okafor"},{)");
  const auto back = persons_from_json(text);
  ASSERT_EQ(back.size(), persons.size());
  for (std::size_t i = 0; i < persons.size(); ++i) {
    EXPECT_EQ(back[i].name, persons[i].name) << i;
    EXPECT_EQ(back[i].url, persons[i].url) << i;
    EXPECT_EQ(back[i].email, persons[i].email) << i;
  }
  EXPECT_EQ(json::parse(text).as_array()[3].as_object().size(), 0u);
  EXPECT_EQ(persons_to_json({}), "[]");
}

TEST(JsonColumns, AttachmentsRoundTrip) {
  const std::vector<feeds::Attachment> attachments{
      {"https://example.org/a.mp3", "audio/mpeg", 12345678901},
      {"https://example.org/b?x=\"y\"", std::nullopt, std::nullopt}};
  const auto text = attachments_to_json(attachments);
  EXPECT_EQ(text, R"([{"url":"https://example.org/a.mp3","mime_type":"audio/mpeg","size_in_bytes":12345678901},)"
                  R"({"url":"https://example.org/b?x=\"y\""}])");
  EXPECT_EQ(attachments_from_json(text), attachments);
  EXPECT_EQ(attachments_to_json({}), "[]");
}

}  // namespace
}  // namespace feedd::storage
