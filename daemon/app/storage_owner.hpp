#pragma once
/// The one owner of the database: a Store that only its own thread touches. Coroutines on the
/// event loop hand it work with run() or write() and resume on the loop when the transaction is
/// done, so the loop never blocks on disk.

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "daemon/runtime/worker_pool.hpp"
#include "daemon/storage/store.hpp"

namespace feedd {

class StorageOwner {
public:
  /// Writes queued while the storage thread is busy commit together, up to this many at once.
  static constexpr std::size_t max_group = 32;

  explicit StorageOwner(std::unique_ptr<Store> store) : store_(std::move(store)) {}

  /// Runs `operation(store)` on the storage thread; exceptions (StorageError) reach the caller.
  /// Await it in the full-expression that creates `operation` (see WorkerPool::run).
  template <class Operation>
  boost::asio::awaitable<std::invoke_result_t<Operation&, Store&>> run(Operation&& operation) {
    static_assert(std::is_lvalue_reference_v<Operation> ||
                      std::is_trivially_copyable_v<std::remove_reference_t<Operation>>,
                  "name an operation lambda that captures strings or containers (see WorkerPool::run)");
    Store* store = store_.get();
    co_return co_await thread_.run([store, &operation]() { return operation(*store); });
  }

  /// Like run(), for one write transaction of the Store (commit_fetch, record_not_modified,
  /// record_failure): the writes queued meanwhile share one SQLite transaction (group commit),
  /// each still all-or-nothing (a group with a failing write is rolled back and each write runs
  /// again alone), and the caller resumes only after its transaction committed, so nothing is
  /// reported stored before it is (security.md §3). Under load this turns thousands of small
  /// commits into a few hundred. `operation` may run twice, so it must only write the Store.
  template <class Operation>
  boost::asio::awaitable<std::invoke_result_t<Operation&, Store&>> write(Operation&& operation) {
    static_assert(std::is_lvalue_reference_v<Operation> ||
                      std::is_trivially_copyable_v<std::remove_reference_t<Operation>>,
                  "name an operation lambda that captures strings or containers (see WorkerPool::run)");
    using Value = std::invoke_result_t<Operation&, Store&>;
    using Slot = std::conditional_t<std::is_void_v<Value>, bool, Value>;
    std::optional<Slot> result;
    PendingWrite pending;
    pending.run = [&operation, &result](Store& store) {
      if constexpr (std::is_void_v<Value>) {
        operation(store);
        result.emplace(true);
      } else {
        result.emplace(operation(store));
      }
    };
    co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void()>(
        [this, &pending](auto handler) {
          auto shared = std::make_shared<decltype(handler)>(std::move(handler));
          pending.resume = [shared] {
            auto executor = boost::asio::get_associated_executor(*shared);
            boost::asio::post(executor, std::move(*shared));
          };
          enqueue(pending);
        },
        boost::asio::use_awaitable);
    if (pending.error) std::rethrow_exception(pending.error);
    if constexpr (!std::is_void_v<Value>) co_return std::move(*result);
  }

  /// Finishes the queued operations; the Store closes with the owner.
  void stop() { thread_.stop(); }

private:
  /// One write() waiting for its group: what to run, then how to wake the caller.
  struct PendingWrite {
    std::function<void(Store&)> run;
    std::function<void()> resume;
    std::exception_ptr error;
  };

  void enqueue(PendingWrite& pending);
  void commit_next_group();
  void run_group(const std::vector<PendingWrite*>& group);
  bool commit_together(const std::vector<PendingWrite*>& group);

  std::unique_ptr<Store> store_;
  std::mutex mutex_;
  std::vector<PendingWrite*> queue_;  // guarded by mutex_
  bool committing_ = false;           // guarded by mutex_: a commit_next_group job is queued
  WorkerPool thread_{1};  // declared last: joined before the queue and the Store go
};

}  // namespace feedd
