#pragma once
/// A group of coroutines spawned on one executor that a coroutine can wait for: each task's
/// failure is logged with the group's context, never lost, and waiting needs no polling.

#include <chrono>
#include <cstddef>
#include <exception>
#include <string>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

namespace feedd {

class TaskGroup {
public:
  /// `what` names the group in log lines ("poll", "full text").
  TaskGroup(boost::asio::any_io_executor executor, std::string what)
      : executor_(std::move(executor)), done_(executor_), what_(std::move(what)) {
    done_.expires_at(std::chrono::steady_clock::time_point::max());
  }

  /// Starts `task`; an exception escaping it is logged and counted.
  void spawn(boost::asio::awaitable<void> task) {
    ++running_;
    boost::asio::co_spawn(executor_, std::move(task), [this](std::exception_ptr error) {
      if (error) {
        ++failures_;
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& exception) {
          spdlog::error("{}: task failed: {}", what_, exception.what());
        } catch (...) {
          spdlog::error("{}: task failed with an unknown exception", what_);
        }
      }
      if (--running_ == 0) done_.cancel();
    });
  }

  /// Resumes when every task spawned so far has finished.
  boost::asio::awaitable<void> wait() {
    while (running_ > 0) co_await done_.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
  }

  std::size_t running() const { return running_; }
  std::size_t failures() const { return failures_; }

private:
  boost::asio::any_io_executor executor_;
  boost::asio::steady_timer done_;
  std::string what_;
  std::size_t running_ = 0;
  std::size_t failures_ = 0;
};

}  // namespace feedd
