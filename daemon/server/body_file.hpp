#pragma once
/// A cached reply body kept in a sealed memory file as well, so the HTTP server can hand it to
/// the socket with sendfile(2) instead of copying it from user space on every request. Made
/// once per cached rendering (not per request); transport-free.

#include <cstddef>
#include <memory>
#include <string_view>

namespace feedd {

/// Bodies at least this long get a BodyFile: below it the copy costs less than the extra
/// system calls of sending header and body apart.
inline constexpr std::size_t body_file_min_bytes = 64 * 1024;

/// An anonymous, sealed (read-only for everyone) memory file holding one body.
class BodyFile {
 public:
  /// `data` in a new sealed memfd; null when `data` is shorter than `min_bytes` or the kernel
  /// refuses (no memfd, out of memory): callers then serve the string as before.
  static std::shared_ptr<const BodyFile> seal(std::string_view data,
                                              std::size_t min_bytes = body_file_min_bytes);

  ~BodyFile();
  BodyFile(const BodyFile&) = delete;
  BodyFile& operator=(const BodyFile&) = delete;

  /// The descriptor to sendfile(2) from, with its own offset argument (never seek it).
  int fd() const { return fd_; }
  std::size_t size() const { return size_; }

 private:
  BodyFile(int fd, std::size_t size) : fd_(fd), size_(size) {}
  int fd_;
  std::size_t size_;
};

}  // namespace feedd
