#include "daemon/http/content_decoder.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <memory>

#include <libdeflate.h>
#include <zlib.h>

namespace feedd {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool equals_lower(std::string_view text, std::string_view lower) {
  return text.size() == lower.size() &&
         std::equal(text.begin(), text.end(), lower.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

/// RFC 1950 header check: deflate bodies come both zlib-wrapped (as the RFC says) and raw (as
/// some servers send them).
bool looks_like_zlib(unsigned char cmf, unsigned char flg) {
  return (cmf & 0x0f) == 8 && ((cmf << 8) | flg) % 31 == 0;
}

FetchError too_large(std::size_t limit) {
  return {FetchErrorKind::too_large, "decoded body over " + std::to_string(limit) + " bytes"};
}

std::uint32_t gzip_trailer_size(std::string_view member) {
  const auto* end = reinterpret_cast<const unsigned char*>(member.data() + member.size());
  return static_cast<std::uint32_t>(end[-4]) | static_cast<std::uint32_t>(end[-3]) << 8 |
         static_cast<std::uint32_t>(end[-2]) << 16 | static_cast<std::uint32_t>(end[-1]) << 24;
}

struct FreeDecompressor {
  void operator()(libdeflate_decompressor* decompressor) const {
    libdeflate_free_decompressor(decompressor);
  }
};

/// `wire` decoded by libdeflate when it is one gzip member whose trailer gives a decoded size
/// within `max_decoded_bytes` and whose CRC and size check out; nullopt for anything else (the
/// caller then inflates with zlib, which reports the error or the cap).
std::optional<std::string> inflate_whole_gzip(std::string_view wire,
                                              std::size_t max_decoded_bytes) {
  constexpr std::size_t smallest_member = 18;  // 10-byte header, empty block, 8-byte trailer
  if (wire.size() < smallest_member) return std::nullopt;
  const std::size_t size = gzip_trailer_size(wire);
  // DEFLATE expands at most 1032:1: a trailer claiming more lies, and must not size an
  // allocation (an 18-byte body would otherwise reserve the whole cap).
  constexpr std::size_t max_deflate_ratio = 1032;
  if (size > max_decoded_bytes || size > wire.size() * max_deflate_ratio) return std::nullopt;
  // One decompressor per thread: allocating one zeroes ~10 KB of tables, for every body.
  thread_local const std::unique_ptr<libdeflate_decompressor, FreeDecompressor> decompressor(
      libdeflate_alloc_decompressor());
  if (!decompressor) return std::nullopt;
  std::string body(size, '\0');
  std::size_t used = 0;
  std::size_t produced = 0;
  const auto status = libdeflate_gzip_decompress_ex(decompressor.get(), wire.data(), wire.size(),
                                                    body.data(), body.size(), &used, &produced);
  if (status != LIBDEFLATE_SUCCESS || used != wire.size() || produced != size) return std::nullopt;
  return body;
}

}  // namespace

struct BodyDecoder::Inflater {
  z_stream stream{};
  bool ended = false;
  ~Inflater() { inflateEnd(&stream); }
};

std::optional<ContentCoding> parse_content_encoding(std::string_view header_value) {
  const auto value = trim(header_value);
  if (value.empty() || equals_lower(value, "identity")) return ContentCoding::identity;
  if (equals_lower(value, "gzip") || equals_lower(value, "x-gzip")) return ContentCoding::gzip;
  if (equals_lower(value, "deflate")) return ContentCoding::deflate;
  return std::nullopt;
}

BodyDecoder::BodyDecoder(ContentCoding coding, std::size_t max_decoded_bytes)
    : coding_(coding), max_decoded_bytes_(max_decoded_bytes) {}

BodyDecoder::~BodyDecoder() = default;

std::optional<FetchError> BodyDecoder::append(std::string_view wire_bytes) {
  if (wire_bytes.empty()) return std::nullopt;
  saw_input_ = true;
  if (coding_ == ContentCoding::identity) {
    if (body_.size() + wire_bytes.size() > max_decoded_bytes_) return too_large(max_decoded_bytes_);
    body_.append(wire_bytes);
    return std::nullopt;
  }
  if (coding_ == ContentCoding::gzip) {
    // Kept whole for finish(): the wire cap bounds it; the decoded cap is checked while inflating.
    undecided_.append(wire_bytes);
    return std::nullopt;
  }
  if (!inflater_) {
    undecided_.append(wire_bytes);
    if (coding_ == ContentCoding::deflate && undecided_.size() < 2) return std::nullopt;
    std::string first = std::move(undecided_);
    if (auto error = start_inflater(first)) return error;
    return inflate(first);
  }
  return inflate(wire_bytes);
}

std::optional<FetchError> BodyDecoder::start_inflater(std::string_view first_bytes) {
  int window_bits = 15 + 16;
  if (coding_ == ContentCoding::deflate) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(first_bytes.data());
    window_bits = looks_like_zlib(bytes[0], bytes[1]) ? 15 : -15;
  }
  inflater_ = std::make_unique<Inflater>();
  if (inflateInit2(&inflater_->stream, window_bits) != Z_OK)
    return FetchError{FetchErrorKind::protocol, "zlib: cannot initialise inflate"};
  return std::nullopt;
}

std::optional<FetchError> BodyDecoder::inflate(std::string_view wire_bytes) {
  auto& stream = inflater_->stream;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(wire_bytes.data()));
  stream.avail_in = static_cast<uInt>(wire_bytes.size());
  std::array<char, 64 * 1024> out;
  // Loop while input remains or zlib filled the whole output buffer (it may hold more).
  do {
    if (inflater_->ended) {
      // A second gzip member (RFC 1952 §2.2) continues the body; anything else after the end of
      // a zlib/raw stream is ignored padding.
      if (coding_ != ContentCoding::gzip || stream.avail_in == 0) return std::nullopt;
      inflateReset(&stream);
      inflater_->ended = false;
    }
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = ::inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
      return FetchError{FetchErrorKind::protocol,
                        "corrupt compressed body: " + std::string(stream.msg ? stream.msg : "zlib")};
    const std::size_t produced = out.size() - stream.avail_out;
    if (body_.size() + produced > max_decoded_bytes_) return too_large(max_decoded_bytes_);
    body_.append(out.data(), produced);
    inflater_->ended = status == Z_STREAM_END;
    if (status == Z_BUF_ERROR) break;
  } while (stream.avail_in > 0 || stream.avail_out == 0);
  return std::nullopt;
}

std::optional<FetchError> BodyDecoder::finish() {
  if (coding_ == ContentCoding::identity || !saw_input_) return std::nullopt;
  if (coding_ == ContentCoding::gzip) {
    if (auto body = inflate_whole_gzip(undecided_, max_decoded_bytes_)) {
      body_ = std::move(*body);
      undecided_.clear();
      return std::nullopt;
    }
  }
  if (!inflater_) {
    std::string first = std::move(undecided_);
    if (first.size() < 2) return FetchError{FetchErrorKind::protocol, "compressed body truncated"};
    if (auto error = start_inflater(first)) return error;
    if (auto error = inflate(first)) return error;
  }
  if (!inflater_->ended) return FetchError{FetchErrorKind::protocol, "compressed body truncated"};
  return std::nullopt;
}

}  // namespace feedd
