#include "daemon/http/resolver.hpp"

#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace feedd {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

/// Shared with the resolve handler, which may outlive the coroutine after a timeout.
struct PendingLookup {
  explicit PendingLookup(const asio::any_io_executor& executor)
      : resolver(executor), wakeup(executor) {}
  tcp::resolver resolver;
  asio::steady_timer wakeup;
  std::optional<ResolveOutcome> outcome;
};

ResolveOutcome to_outcome(const boost::system::error_code& ec,
                          const tcp::resolver::results_type& results) {
  ResolveOutcome outcome{ec, {}};
  for (const auto& entry : results) outcome.endpoints.push_back(entry.endpoint());
  if (!ec && outcome.endpoints.empty()) outcome.error = asio::error::host_not_found;
  return outcome;
}

}  // namespace

SystemResolver::SystemResolver(asio::any_io_executor executor) : executor_(std::move(executor)) {}

asio::awaitable<ResolveOutcome> SystemResolver::resolve(
    std::string host, std::uint16_t port, std::chrono::steady_clock::time_point deadline) {
  boost::system::error_code parse_error;
  const auto literal = asio::ip::make_address(host, parse_error);
  if (!parse_error) co_return ResolveOutcome{{}, {tcp::endpoint(literal, port)}};
  auto lookup = std::make_shared<PendingLookup>(executor_);
  lookup->wakeup.expires_at(deadline);
  lookup->resolver.async_resolve(
      host, std::to_string(port), [lookup](boost::system::error_code ec, auto results) {
        if (lookup->outcome) return;
        lookup->outcome = to_outcome(ec, results);
        lookup->wakeup.cancel();
      });
  auto [ec] = co_await lookup->wakeup.async_wait(asio::as_tuple(asio::use_awaitable));
  if (lookup->outcome) co_return *lookup->outcome;
  // Woken without an answer: either the deadline passed or our caller was cancelled.
  lookup->outcome = ResolveOutcome{ec ? ec : asio::error::timed_out, {}};
  lookup->resolver.cancel();
  co_return *lookup->outcome;
}

StaticResolver::StaticResolver(std::map<std::string, std::vector<asio::ip::address>> table,
                               std::shared_ptr<Resolver> fallback)
    : table_(std::move(table)), fallback_(std::move(fallback)) {}

asio::awaitable<ResolveOutcome> StaticResolver::resolve(
    std::string host, std::uint16_t port, std::chrono::steady_clock::time_point deadline) {
  ++lookups_;
  boost::system::error_code parse_error;
  const auto literal = asio::ip::make_address(host, parse_error);
  if (!parse_error) co_return ResolveOutcome{{}, {tcp::endpoint(literal, port)}};
  auto found = table_.find(host);
  if (found == table_.end()) {
    if (fallback_) co_return co_await fallback_->resolve(std::move(host), port, deadline);
    co_return ResolveOutcome{asio::error::host_not_found, {}};
  }
  ResolveOutcome outcome;
  for (const auto& address : found->second) outcome.endpoints.emplace_back(address, port);
  co_return outcome;
}

}  // namespace feedd
