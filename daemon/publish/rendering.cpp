#include "daemon/publish/rendering.hpp"

#include <openssl/sha.h>
#include <zlib.h>

#include <stdexcept>

namespace feedd {

std::string gzip_compress(std::string_view data, int level) {
  z_stream stream{};
  // windowBits 15 + 16 asks zlib for a gzip header and trailer instead of a zlib wrapper.
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("gzip: deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  const auto written = stream.total_out;
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  out.resize(written);
  return out;
}

std::string strong_etag_of(std::string_view body) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest);
  static constexpr char hex[] = "0123456789abcdef";
  std::string etag = "\"";
  for (int i = 0; i < 16; ++i) {
    etag += hex[digest[i] >> 4];
    etag += hex[digest[i] & 0x0F];
  }
  etag += '"';
  return etag;
}

Rendering make_rendering(std::string body, std::string_view content_type,
                         std::chrono::sys_seconds last_modified) {
  Rendering rendering;
  rendering.etag = strong_etag_of(body);
  rendering.gzip_body = std::make_shared<const std::string>(gzip_compress(body));
  rendering.body = std::make_shared<const std::string>(std::move(body));
  rendering.body_file = BodyFile::seal(*rendering.body);
  rendering.gzip_body_file = BodyFile::seal(*rendering.gzip_body);
  rendering.last_modified = last_modified;
  rendering.content_type = std::string(content_type);
  return rendering;
}

Reply reply_of(const Rendering& rendering) {
  Reply reply;
  reply.status = 200;
  reply.content_type = rendering.content_type;
  reply.body = rendering.body;
  reply.gzip_body = rendering.gzip_body;
  reply.body_file = rendering.body_file;
  reply.gzip_body_file = rendering.gzip_body_file;
  reply.etag = rendering.etag;
  reply.last_modified = rendering.last_modified;
  return reply;
}

}  // namespace feedd
