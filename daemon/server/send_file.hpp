#pragma once
/// Sending a reply body straight from its sealed file to the client's socket with sendfile(2),
/// so the kernel moves page-cache pages instead of copying the body from user space on every
/// request. Asio only (no Beast): the HTTP server writes the headers, then calls this.

#include <chrono>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "daemon/server/body_file.hpp"

namespace feedd {

/// How sending a body from its file went.
enum class FileSend { sent, unsupported, failed };

/// Sends all of `file` to `socket` (made non-blocking), waiting for room whenever the socket is
/// full, until `deadline`. `unsupported` (the kernel cannot sendfile from it) is only reported
/// before any byte went out, so the caller can still send the body another way; `failed`
/// (timeout, closed or reset connection) leaves the connection unusable.
boost::asio::awaitable<FileSend> send_file(boost::asio::ip::tcp::socket& socket, const BodyFile& file,
                                           std::chrono::steady_clock::time_point deadline);

/// Corks (`on`) or uncorks `socket` (TCP_CORK): while corked, the headers and the first body
/// bytes leave in full segments instead of a small header packet that Nagle and delayed ACKs
/// then hold up; uncorking sends what is left at once. Best effort: errors are ignored.
void set_cork(boost::asio::ip::tcp::socket& socket, bool on);

}  // namespace feedd
