#pragma once
/// Caps on fetches in flight, in total and per host, for Asio C++20 coroutines.
///
/// Threading: every member, and every Permit, must be used from one thread (the daemon's single
/// io_context thread), or from one strand. Waiters suspend on a timer that never expires by
/// itself; a release hands its slot to the next waiter and wakes it by cancelling that timer.
/// No polling, no busy-waiting.
///
/// Fairness: waiters are served in arrival order among those whose host has a free slot. A
/// saturated host makes only its own waiters wait; it does not hold back other hosts.
///
/// Lifetime: the limiter must outlive every Permit and every pending acquire(). Run the
/// io_context until its coroutines have finished (or destroy the io_context) before destroying it.

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

namespace feedd {

/// The key fetches to one server share: the URL's lower-cased host (without port); every file:
/// URL shares the pseudo-host "file:"; an unparseable URL is its own key.
std::string host_key(std::string_view url);

class HostLimiter {
 public:
  /// The right to one fetch slot (one global, one for its host). Released on destruction or by
  /// release(). Movable, not copyable; a moved-from or default Permit holds nothing.
  class Permit {
   public:
    Permit() = default;
    Permit(Permit&& other) noexcept;
    Permit& operator=(Permit&& other) noexcept;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit();

    /// True while this permit holds a slot.
    explicit operator bool() const noexcept { return owner_ != nullptr; }
    const std::string& host() const noexcept { return host_; }
    /// Gives the slot back now (idempotent).
    void release() noexcept;

   private:
    friend class HostLimiter;
    Permit(HostLimiter* owner, std::string host) : owner_(owner), host_(std::move(host)) {}

    HostLimiter* owner_ = nullptr;
    std::string host_;
  };

  /// At most `max_total` permits in all and `max_per_host` per host key; values below 1 count
  /// as 1.
  HostLimiter(int max_total, int max_per_host);
  HostLimiter(const HostLimiter&) = delete;
  HostLimiter& operator=(const HostLimiter&) = delete;

  /// Suspends until a global slot and a slot for `host` are free, then holds both. Cancellation
  /// (per-operation cancellation slot, e.g. awaitable_operators `||` or co_spawn with
  /// bind_cancellation_slot) throws boost::system::system_error(operation_aborted) and leaves
  /// the queue and the counts as if this call never happened.
  boost::asio::awaitable<Permit> acquire(std::string host);

  /// Permits held now, in total and for one host.
  int in_flight() const noexcept { return total_in_flight_; }
  int in_flight(const std::string& host) const;
  /// acquire() calls suspended now.
  std::size_t waiting() const noexcept { return waiting_; }
  int max_total() const noexcept { return max_total_; }
  int max_per_host() const noexcept { return max_per_host_; }

 private:
  struct Waiter {
    std::string host;
    boost::asio::steady_timer* timer = nullptr;
    bool granted = false;
    std::uint64_t arrival = 0;  ///< FIFO order across hosts
  };
  class QueueEntry;

  bool has_room(const std::string& host) const;
  void take(const std::string& host);
  void release(const std::string& host) noexcept;
  void grant_waiters() noexcept;
  void dequeue(const std::string& host, std::list<Waiter*>::iterator position) noexcept;
  Waiter* oldest_waiter_with_room() const;

  int max_total_;
  int max_per_host_;
  int total_in_flight_ = 0;
  std::unordered_map<std::string, int> host_in_flight_;
  // One FIFO per host: a release looks at each waiting host's oldest waiter, not at every
  // waiter (thousands queue when `feedd poll` starts a coroutine per feed).
  std::unordered_map<std::string, std::list<Waiter*>> queues_;
  std::size_t waiting_ = 0;
  std::uint64_t arrivals_ = 0;
};

}  // namespace feedd
