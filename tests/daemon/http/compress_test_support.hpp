#pragma once
/// zlib compression for tests: gzip, zlib-wrapped deflate and raw deflate bodies.

#include <stdexcept>
#include <string>
#include <string_view>

#include <zlib.h>

namespace feedd::test {

enum class Wrapper { gzip = 15 + 16, zlib = 15, raw = -15 };

/// `input` compressed at level 9 in the given wrapper.
inline std::string compress(std::string_view input, Wrapper wrapper) {
  z_stream stream{};
  if (deflateInit2(&stream, 9, Z_DEFLATED, static_cast<int>(wrapper), 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&stream, static_cast<uLong>(input.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("deflate");
  return out;
}

}  // namespace feedd::test
