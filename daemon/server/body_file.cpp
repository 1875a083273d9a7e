#include "daemon/server/body_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

namespace feedd {
namespace {

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const auto written = ::write(fd, data.data(), data.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

}  // namespace

std::shared_ptr<const BodyFile> BodyFile::seal(std::string_view data, std::size_t min_bytes) {
  if (data.size() < min_bytes || data.empty()) return nullptr;
  const int fd = ::memfd_create("feedd-body", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) return nullptr;
  // Sealed, the bytes can never change under a sendfile in flight, whoever holds the fd.
  constexpr int seals = F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL;
  if (!write_all(fd, data) || ::fcntl(fd, F_ADD_SEALS, seals) != 0) {
    ::close(fd);
    return nullptr;
  }
  return std::shared_ptr<const BodyFile>(new BodyFile(fd, data.size()));
}

BodyFile::~BodyFile() { ::close(fd_); }

}  // namespace feedd
