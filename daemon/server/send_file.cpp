#include "daemon/server/send_file.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/sendfile.h>
#include <sys/socket.h>

#include <cerrno>
#include <variant>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace feedd {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

/// Waits until `socket` can take more bytes, or fails at `deadline` (or when it is closed).
asio::awaitable<bool> wait_writable(tcp::socket& socket, std::chrono::steady_clock::time_point deadline) {
  using namespace asio::experimental::awaitable_operators;
  asio::steady_timer timer(socket.get_executor(), deadline);
  const auto outcome =
      co_await (socket.async_wait(tcp::socket::wait_write, use_tuple) || timer.async_wait(use_tuple));
  co_return outcome.index() == 0 && !std::get<0>(std::get<0>(outcome));
}

}  // namespace

asio::awaitable<FileSend> send_file(tcp::socket& socket, const BodyFile& file,
                                    std::chrono::steady_clock::time_point deadline) {
  boost::system::error_code error;
  socket.native_non_blocking(true, error);
  if (error) co_return FileSend::unsupported;
  off_t offset = 0;
  const auto size = static_cast<off_t>(file.size());
  while (offset < size) {
    const auto left = static_cast<std::size_t>(size - offset);
    const auto sent = ::sendfile(socket.native_handle(), file.fd(), &offset, left);
    if (sent > 0 || (sent < 0 && errno == EINTR)) continue;
    if (sent == 0) co_return FileSend::failed;  // the sealed file cannot shrink; never expected
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (!co_await wait_writable(socket, deadline)) co_return FileSend::failed;
      continue;
    }
    const bool unsupported = offset == 0 && (errno == EINVAL || errno == ENOSYS);
    co_return unsupported ? FileSend::unsupported : FileSend::failed;
  }
  co_return FileSend::sent;
}

void set_cork(tcp::socket& socket, bool on) {
  const int value = on ? 1 : 0;
  ::setsockopt(socket.native_handle(), IPPROTO_TCP, TCP_CORK, &value, sizeof value);
}

}  // namespace feedd
