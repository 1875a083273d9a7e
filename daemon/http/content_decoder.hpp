#pragma once
/// Content-Encoding: which codings we accept and an incremental decoder that enforces the
/// decoded-size cap while inflating (a gzip bomb stops at the cap, not after inflating; security.md
/// §2 row 6).

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/http/fetch_error.hpp"

namespace feedd {

/// The codings we decode. One coding only: stacked codings are refused, never loop-decoded.
enum class ContentCoding { identity, gzip, deflate };

/// The coding a Content-Encoding header value names; nullopt for anything we do not decode
/// (`br`, `zstd`, `gzip, gzip`, unknown tokens). Empty and `identity` mean identity.
std::optional<ContentCoding> parse_content_encoding(std::string_view header_value);

/// The value we send as Accept-Encoding.
inline constexpr std::string_view accepted_encodings = "gzip, deflate";

/// Decodes a body into memory, at most `max_decoded_bytes`. A deflate body inflates as it
/// arrives; a gzip body is kept until finish() and decoded whole by libdeflate (about three times
/// zlib's speed; the trailer gives the size to allocate), falling back to zlib for what that
/// cannot take: several members, a trailer over the cap, or a corrupt stream.
class BodyDecoder {
public:
  BodyDecoder(ContentCoding coding, std::size_t max_decoded_bytes);
  ~BodyDecoder();
  BodyDecoder(const BodyDecoder&) = delete;
  BodyDecoder& operator=(const BodyDecoder&) = delete;

  /// Takes the next wire bytes. An error (too_large, protocol) is final; for gzip bodies it
  /// comes from finish().
  std::optional<FetchError> append(std::string_view wire_bytes);
  /// Called once at the end of the body: a compressed stream that did not end is an error.
  std::optional<FetchError> finish();
  /// The decoded body so far.
  std::string take_body() { return std::move(body_); }

private:
  struct Inflater;
  std::optional<FetchError> start_inflater(std::string_view first_bytes);
  std::optional<FetchError> inflate(std::string_view wire_bytes);

  ContentCoding coding_;
  std::size_t max_decoded_bytes_;
  std::string body_;
  std::string undecided_;  ///< a gzip body until finish(); the first bytes of a deflate one
  std::unique_ptr<Inflater> inflater_;
  bool saw_input_ = false;
};

}  // namespace feedd
