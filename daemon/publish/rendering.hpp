#pragma once
/// One published document as the HTTP server serves it: the body, its gzip form, a strong
/// ETag and Last-Modified, computed once per rendering so every request is served from memory.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/server/body_file.hpp"
#include "daemon/server/reply.hpp"

namespace feedd {

struct Rendering {
  std::shared_ptr<const std::string> body;
  std::shared_ptr<const std::string> gzip_body;
  /// The bodies in sealed files, made once here so every request can be sent with sendfile(2);
  /// null when small (BodyFile::seal) or when the kernel refused.
  std::shared_ptr<const BodyFile> body_file;
  std::shared_ptr<const BodyFile> gzip_body_file;
  std::string etag;  ///< strong, quoted: a hash of the body
  std::chrono::sys_seconds last_modified{};
  std::string content_type;
};

/// Compresses the body (gzip, level 6), hashes it for the ETag, and seals large bodies in files.
Rendering make_rendering(std::string body, std::string_view content_type,
                         std::chrono::sys_seconds last_modified);

/// A 200 Reply serving the rendering without copying its bodies.
Reply reply_of(const Rendering& rendering);

/// `data` as a gzip member (RFC 1952) at zlib level `level`. Throws std::runtime_error when
/// zlib fails (out of memory).
std::string gzip_compress(std::string_view data, int level = 6);

/// The strong ETag of `body`: the first 128 bits of its SHA-256 in hex, in double quotes, so
/// the same document gets the same ETag across renders and restarts.
std::string strong_etag_of(std::string_view body);

}  // namespace feedd
