#pragma once
/// The one owner of the database: a Store that only its own thread touches. Coroutines on the
/// event loop hand it work with run() and resume on the loop when the transaction is done, so
/// the loop never blocks on disk.

#include <memory>
#include <type_traits>
#include <utility>

#include <boost/asio/awaitable.hpp>

#include "daemon/runtime/worker_pool.hpp"
#include "daemon/storage/store.hpp"

namespace feedd {

class StorageOwner {
public:
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

  /// Finishes the queued operations; the Store closes with the owner.
  void stop() { thread_.stop(); }

private:
  std::unique_ptr<Store> store_;
  WorkerPool thread_{1};  // declared after store_: joined before the Store closes
};

}  // namespace feedd
