#include "daemon/http/content_decoder.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "compress_test_support.hpp"

namespace feedd {
namespace {

using test::compress;
using test::Wrapper;

const std::string feed_text = "<rss><channel><title>Decoded</title></channel></rss>";

std::string decode_in_pieces(ContentCoding coding, const std::string& wire, std::size_t piece,
                             std::size_t cap = 1 << 20) {
  BodyDecoder decoder(coding, cap);
  for (std::size_t at = 0; at < wire.size(); at += piece) {
    auto error = decoder.append(std::string_view(wire).substr(at, piece));
    EXPECT_FALSE(error) << error->detail;
  }
  EXPECT_FALSE(decoder.finish());
  return decoder.take_body();
}

/// The error of decoding all of `wire`, from append() or finish(), and the body decoded.
std::pair<std::optional<FetchError>, std::string> decode_whole(ContentCoding coding,
                                                               std::string_view wire,
                                                               std::size_t cap = 1 << 20) {
  BodyDecoder decoder(coding, cap);
  auto error = decoder.append(wire);
  if (!error) error = decoder.finish();
  return {error, decoder.take_body()};
}

/// `wire` with its gzip trailer's size field (the last four bytes) set to `size`.
std::string with_trailer_size(std::string wire, std::uint32_t size) {
  for (int i = 0; i < 4; ++i)
    wire[wire.size() - 4 + i] = static_cast<char>((size >> (8 * i)) & 0xff);
  return wire;
}

TEST(ContentEncodingHeader, AcceptsOneKnownCodingOnly) {
  EXPECT_EQ(parse_content_encoding(""), ContentCoding::identity);
  EXPECT_EQ(parse_content_encoding("identity"), ContentCoding::identity);
  EXPECT_EQ(parse_content_encoding(" GZIP "), ContentCoding::gzip);
  EXPECT_EQ(parse_content_encoding("x-gzip"), ContentCoding::gzip);
  EXPECT_EQ(parse_content_encoding("deflate"), ContentCoding::deflate);
  EXPECT_EQ(parse_content_encoding("gzip, gzip"), std::nullopt);
  EXPECT_EQ(parse_content_encoding("gzip, deflate"), std::nullopt);
  EXPECT_EQ(parse_content_encoding("br"), std::nullopt);
  EXPECT_EQ(parse_content_encoding("zstd"), std::nullopt);
  EXPECT_EQ(parse_content_encoding("compress"), std::nullopt);
}

TEST(BodyDecoder, DecodesGzipFedOneByteAtATime) {
  EXPECT_EQ(decode_in_pieces(ContentCoding::gzip, compress(feed_text, Wrapper::gzip), 1), feed_text);
}

TEST(BodyDecoder, DecodesZlibWrappedAndRawDeflate) {
  EXPECT_EQ(decode_in_pieces(ContentCoding::deflate, compress(feed_text, Wrapper::zlib), 7), feed_text);
  EXPECT_EQ(decode_in_pieces(ContentCoding::deflate, compress(feed_text, Wrapper::raw), 1), feed_text);
}

TEST(BodyDecoder, DecodesConcatenatedGzipMembers) {
  const auto wire = compress("first ", Wrapper::gzip) + compress("second", Wrapper::gzip);
  EXPECT_EQ(decode_in_pieces(ContentCoding::gzip, wire, 5), "first second");
}

TEST(BodyDecoder, StopsAGzipBombAtTheDecodedCapWhileInflating) {
  const std::string zeros(32 << 20, '\0');
  const auto bomb = compress(zeros, Wrapper::gzip);
  ASSERT_LT(bomb.size(), 64u << 10);
  auto [error, body] = decode_whole(ContentCoding::gzip, bomb);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind, FetchErrorKind::too_large);
  EXPECT_LE(body.size(), 1u << 20);
}

// The whole-body decoder sizes its buffer from the trailer: a bomb that says it is small must
// still stop at the cap; a body whose trailer gives another size (even more than DEFLATE's
// 1032:1 allows for its length, as 2^19 does for this one) is a protocol error, not too large.
TEST(BodyDecoder, AGzipTrailerThatLiesAboutTheSizeDecidesNothing) {
  const auto bomb = compress(std::string(32 << 20, '\0'), Wrapper::gzip);
  auto [bomb_error, bomb_body] = decode_whole(ContentCoding::gzip, with_trailer_size(bomb, 100));
  ASSERT_TRUE(bomb_error);
  EXPECT_EQ(bomb_error->kind, FetchErrorKind::too_large);
  EXPECT_LE(bomb_body.size(), 1u << 20);

  const auto wire = compress(feed_text, Wrapper::gzip);
  for (std::uint32_t size : {0u, 10u, 1u << 19, 1u << 30}) {
    auto [error, body] = decode_whole(ContentCoding::gzip, with_trailer_size(wire, size));
    ASSERT_TRUE(error) << size;
    EXPECT_EQ(error->kind, FetchErrorKind::protocol) << size;
  }
}

TEST(BodyDecoder, DecodesAGzipBodyExactlyAtTheCap) {
  const std::string text(5000, 'x');
  auto [error, body] =
      decode_whole(ContentCoding::gzip, compress(text, Wrapper::gzip), text.size());
  EXPECT_FALSE(error) << error->detail;
  EXPECT_EQ(body, text);
  auto [over, partial] =
      decode_whole(ContentCoding::gzip, compress(text, Wrapper::gzip), text.size() - 1);
  ASSERT_TRUE(over);
  EXPECT_EQ(over->kind, FetchErrorKind::too_large);
}

TEST(BodyDecoder, AGzipBodyWithBytesAfterItsEndIsAProtocolError) {
  auto [error, body] =
      decode_whole(ContentCoding::gzip, compress(feed_text, Wrapper::gzip) + "junk");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind, FetchErrorKind::protocol);
}

TEST(BodyDecoder, IdentityBodyOverTheCapIsTooLarge) {
  BodyDecoder decoder(ContentCoding::identity, 10);
  EXPECT_FALSE(decoder.append("0123456789"));
  auto error = decoder.append("x");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind, FetchErrorKind::too_large);
}

TEST(BodyDecoder, TruncatedGzipIsAProtocolError) {
  const auto wire = compress(std::string(10000, 'a') + feed_text, Wrapper::gzip);
  BodyDecoder decoder(ContentCoding::gzip, 1 << 20);
  EXPECT_FALSE(decoder.append(std::string_view(wire).substr(0, wire.size() - 6)));
  auto error = decoder.finish();
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind, FetchErrorKind::protocol);
}

TEST(BodyDecoder, GarbageLabelledGzipIsAProtocolError) {
  auto [error, body] = decode_whole(ContentCoding::gzip, "this is not gzip at all");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind, FetchErrorKind::protocol);
}

TEST(BodyDecoder, EmptyCompressedBodyIsEmpty) {
  BodyDecoder decoder(ContentCoding::gzip, 1 << 20);
  EXPECT_FALSE(decoder.finish());
  EXPECT_EQ(decoder.take_body(), "");
}

}  // namespace
}  // namespace feedd
