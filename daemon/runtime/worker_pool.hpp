#pragma once
/// A pool of worker threads whose jobs are awaited from coroutines on the I/O thread: CPU work
/// (parse, extract) and the storage owner's thread run here, never on the event loop.

#include <cstddef>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace feedd {

class WorkerPool {
public:
  /// `threads` workers; a pool of one thread serializes its jobs (the storage owner).
  explicit WorkerPool(std::size_t threads) : pool_(threads) {}
  ~WorkerPool() { stop(); }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Runs `job()` on a worker and resumes the awaiting coroutine on its own executor with the
  /// result. An exception thrown by the job is rethrown in the awaiting coroutine.
  ///
  /// `job` is taken by reference: await the call in the full-expression that names the job.
  ///
  /// GCC 12 copies a lambda bit by bit when it crosses into a coroutine frame (passed by value,
  /// or a temporary that lives across a co_await): captured strings then free a buffer that is
  /// not theirs. So a job that captures anything not trivially copyable must be a named
  /// variable (an lvalue); a temporary may capture only ids, pointers and references. The
  /// static_assert turns the miscompile into a compile error.
  template <class Job>
  boost::asio::awaitable<std::invoke_result_t<Job&>> run(Job&& job) {
    static_assert(std::is_lvalue_reference_v<Job> || std::is_trivially_copyable_v<std::remove_reference_t<Job>>,
                  "name a job lambda that captures strings or containers before awaiting it (GCC 12)");
    using Value = std::invoke_result_t<Job&>;
    using Slot = std::conditional_t<std::is_void_v<Value>, bool, Value>;
    std::optional<Slot> result;
    std::exception_ptr error;
    co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void()>(
        [this, &job, &result, &error](auto handler) {
          boost::asio::post(pool_, [&job, &result, &error, handler = std::move(handler)]() mutable {
            try {
              if constexpr (std::is_void_v<Value>) {
                job();
                result.emplace(true);
              } else {
                result.emplace(job());
              }
            } catch (...) {
              error = std::current_exception();
            }
            auto executor = boost::asio::get_associated_executor(handler);
            boost::asio::post(executor, std::move(handler));
          });
        },
        boost::asio::use_awaitable);
    if (error) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<Value>) co_return std::move(*result);
  }

  /// Queues `job()` on a worker without awaiting it (the storage owner's group commits).
  template <class Job>
  void post(Job&& job) {
    boost::asio::post(pool_, std::forward<Job>(job));
  }

  /// Finishes queued jobs, then joins the workers. Idempotent.
  void stop() { pool_.join(); }

private:
  boost::asio::thread_pool pool_;
};

}  // namespace feedd
