#pragma once
/// The daemon's long-running loops besides the scheduler: the full-text worker and the
/// housekeeping (retention, WAL checkpoint). Each sleeps on a timer that stop() and wake()
/// cut short, so shutdown never waits for a sleep.

#include <chrono>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "daemon/app/poll_context.hpp"

namespace feedd {

class FullTextWorker {
public:
  FullTextWorker(boost::asio::any_io_executor executor, PollContext& context, int concurrency);

  /// Extracts queued articles; sleeps when the queue is empty until wake() or `idle_poll`
  /// (failed extractions come due again by time). Returns after stop().
  boost::asio::awaitable<void> run(std::chrono::seconds idle_poll = std::chrono::minutes(5));
  /// New items were queued.
  void wake() { timer_.cancel(); }
  void stop() {
    stopping_ = true;
    timer_.cancel();
  }

private:
  PollContext& context_;
  int concurrency_;
  boost::asio::steady_timer timer_;
  bool stopping_ = false;
};

class Housekeeper {
public:
  Housekeeper(boost::asio::any_io_executor executor, PollContext& context);

  /// Every `period`: retention by [retention], then a WAL checkpoint. Returns after stop().
  boost::asio::awaitable<void> run(std::chrono::seconds period = std::chrono::hours(1));
  void stop() {
    stopping_ = true;
    timer_.cancel();
  }

private:
  PollContext& context_;
  boost::asio::steady_timer timer_;
  bool stopping_ = false;
};

}  // namespace feedd
