#pragma once
/// Name resolution behind a small interface, so tests (and the SSRF rows of security.md §2) can
/// map names to any address without DNS.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

namespace feedd {

/// Endpoints for a name, or the error that prevented resolving it (asio::error::timed_out when
/// the deadline passed).
struct ResolveOutcome {
  boost::system::error_code error;
  std::vector<boost::asio::ip::tcp::endpoint> endpoints;
};

/// Resolves host names. Implementations finish by `deadline`.
class Resolver {
public:
  virtual ~Resolver() = default;
  /// All addresses of `host` with `port`; an IP literal resolves to itself.
  virtual boost::asio::awaitable<ResolveOutcome> resolve(
      std::string host, std::uint16_t port, std::chrono::steady_clock::time_point deadline) = 0;
};

/// getaddrinfo through Asio. getaddrinfo cannot be interrupted, so on timeout the coroutine
/// returns at the deadline and the late answer is dropped.
class SystemResolver final : public Resolver {
public:
  explicit SystemResolver(boost::asio::any_io_executor executor);
  boost::asio::awaitable<ResolveOutcome> resolve(
      std::string host, std::uint16_t port,
      std::chrono::steady_clock::time_point deadline) override;

private:
  boost::asio::any_io_executor executor_;
};

/// A fixed table of names → addresses (tests). Names not in the table go to `fallback` when
/// given, else fail with host_not_found.
class StaticResolver final : public Resolver {
public:
  explicit StaticResolver(std::map<std::string, std::vector<boost::asio::ip::address>> table,
                          std::shared_ptr<Resolver> fallback = nullptr);
  boost::asio::awaitable<ResolveOutcome> resolve(
      std::string host, std::uint16_t port,
      std::chrono::steady_clock::time_point deadline) override;
  /// How many lookups went through this resolver (rebinding tests check there is one per hop).
  int lookups() const noexcept { return lookups_; }

private:
  std::map<std::string, std::vector<boost::asio::ip::address>> table_;
  std::shared_ptr<Resolver> fallback_;
  int lookups_ = 0;
};

}  // namespace feedd
