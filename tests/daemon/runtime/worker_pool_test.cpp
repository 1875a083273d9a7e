#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "daemon/runtime/worker_pool.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;

TEST(WorkerPool, RunsJobOffTheLoopThreadAndResumesOnTheLoop) {
  asio::io_context io;
  WorkerPool pool(2);
  std::thread::id job_thread, resumed_thread;
  int result = 0;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    result = co_await pool.run([&] { job_thread = std::this_thread::get_id(); return 42; });
    resumed_thread = std::this_thread::get_id();
  }, asio::detached);
  io.run_for(std::chrono::seconds(10));
  EXPECT_EQ(result, 42);
  EXPECT_NE(job_thread, std::this_thread::get_id());
  EXPECT_EQ(resumed_thread, std::this_thread::get_id());
}

TEST(WorkerPool, RethrowsJobExceptionsInTheAwaitingCoroutine) {
  asio::io_context io;
  WorkerPool pool(1);
  std::string message;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    try {
      co_await pool.run([]() -> int { throw std::runtime_error("boom"); });
    } catch (const std::runtime_error& error) {
      message = error.what();
    }
  }, asio::detached);
  io.run_for(std::chrono::seconds(10));
  EXPECT_EQ(message, "boom");
}

// GCC 12 copies a lambda bit by bit when it crosses into a coroutine frame; a captured short
// string then frees an inline buffer that is not its own (ASan: bad-free). The pool takes jobs
// by reference, and temporaries with such captures do not compile (WorkerPool::run).
TEST(WorkerPool, KeepsStringsCapturedByANamedJobIntact) {
  asio::io_context io;
  WorkerPool pool(1);
  std::string result;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    std::string short_text = "sso";
    std::string long_text(200, 'x');
    auto job = [short_text = std::move(short_text), long_text = std::move(long_text)] {
      return short_text + std::to_string(long_text.size());
    };
    result = co_await pool.run(job);
  }, asio::detached);
  io.run_for(std::chrono::seconds(10));
  EXPECT_EQ(result, "sso200");
}

TEST(WorkerPool, RunsVoidJobs) {
  asio::io_context io;
  WorkerPool pool(1);
  bool ran = false;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> { co_await pool.run([&] { ran = true; }); }, asio::detached);
  io.run_for(std::chrono::seconds(10));
  EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace feedd
