#include "daemon/scheduler/host_limiter.hpp"

#include <algorithm>
#include <cctype>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <boost/url/parse.hpp>

namespace feedd {

namespace asio = boost::asio;

std::string host_key(std::string_view url) {
  auto parsed = boost::urls::parse_uri_reference(url);
  if (!parsed || !parsed->has_scheme()) return std::string(url);
  std::string scheme(parsed->scheme());
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme == "file") return "file:";
  std::string host = parsed->host();  // percent-decoded
  if (host.empty()) return std::string(url);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

HostLimiter::Permit::Permit(Permit&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)), host_(std::move(other.host_)) {}

HostLimiter::Permit& HostLimiter::Permit::operator=(Permit&& other) noexcept {
  if (this != &other) {
    release();
    owner_ = std::exchange(other.owner_, nullptr);
    host_ = std::move(other.host_);
  }
  return *this;
}

HostLimiter::Permit::~Permit() {
  release();
}

void HostLimiter::Permit::release() noexcept {
  if (auto* owner = std::exchange(owner_, nullptr)) owner->release(host_);
}

/// Keeps a suspended acquire() in the queue for exactly as long as its frame lives. If the frame
/// dies after its grant but before it became a Permit (cancelled or destroyed while the wake-up
/// was queued), the reserved slots go back.
class HostLimiter::QueueEntry {
 public:
  QueueEntry(HostLimiter& limiter, Waiter& waiter) : limiter_(limiter), waiter_(waiter) {
    waiter_.arrival = limiter_.arrivals_++;
    auto& queue = limiter_.queues_[waiter_.host];
    position_ = queue.insert(queue.end(), &waiter_);
    ++limiter_.waiting_;
  }
  QueueEntry(const QueueEntry&) = delete;
  QueueEntry& operator=(const QueueEntry&) = delete;
  ~QueueEntry() {
    if (!waiter_.granted) {
      limiter_.dequeue(waiter_.host, position_);
    } else if (!claimed_) {
      limiter_.release(waiter_.host);
    }
  }
  void claim() noexcept { claimed_ = true; }

 private:
  HostLimiter& limiter_;
  Waiter& waiter_;
  std::list<Waiter*>::iterator position_;
  bool claimed_ = false;
};

HostLimiter::HostLimiter(int max_total, int max_per_host)
    : max_total_(std::max(1, max_total)), max_per_host_(std::max(1, max_per_host)) {}

int HostLimiter::in_flight(const std::string& host) const {
  auto found = host_in_flight_.find(host);
  return found == host_in_flight_.end() ? 0 : found->second;
}

bool HostLimiter::has_room(const std::string& host) const {
  return total_in_flight_ < max_total_ && in_flight(host) < max_per_host_;
}

void HostLimiter::take(const std::string& host) {
  ++total_in_flight_;
  ++host_in_flight_[host];
}

void HostLimiter::release(const std::string& host) noexcept {
  --total_in_flight_;
  auto found = host_in_flight_.find(host);
  if (found != host_in_flight_.end() && --found->second <= 0) host_in_flight_.erase(found);
  grant_waiters();
}

void HostLimiter::dequeue(const std::string& host, std::list<Waiter*>::iterator position) noexcept {
  auto found = queues_.find(host);
  found->second.erase(position);
  if (found->second.empty()) queues_.erase(found);
  --waiting_;
}

HostLimiter::Waiter* HostLimiter::oldest_waiter_with_room() const {
  Waiter* oldest = nullptr;
  for (const auto& [host, queue] : queues_) {
    Waiter* front = queue.front();
    if ((!oldest || front->arrival < oldest->arrival) && in_flight(host) < max_per_host_) oldest = front;
  }
  return oldest;
}

void HostLimiter::grant_waiters() noexcept {
  while (total_in_flight_ < max_total_) {
    Waiter* waiter = oldest_waiter_with_room();
    if (!waiter) return;
    take(waiter->host);
    waiter->granted = true;
    dequeue(waiter->host, queues_.find(waiter->host)->second.begin());
    waiter->timer->cancel();
  }
}

asio::awaitable<HostLimiter::Permit> HostLimiter::acquire(std::string host) {
  // Anyone still queued is blocked by the total cap or by their own host's cap, so a caller
  // who finds room overtakes nobody it should queue behind.
  if (has_room(host)) {
    take(host);
    co_return Permit(this, std::move(host));
  }
  asio::steady_timer wake(co_await asio::this_coro::executor,
                          asio::steady_timer::time_point::max());
  Waiter waiter{host, &wake, false};
  QueueEntry entry(*this, waiter);
  co_await wake.async_wait(asio::as_tuple(asio::use_awaitable));
  if (!waiter.granted) {
    throw boost::system::system_error(asio::error::operation_aborted, "HostLimiter::acquire");
  }
  entry.claim();
  co_return Permit(this, std::move(host));
}

}  // namespace feedd
