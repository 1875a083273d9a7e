#include "daemon/app/background_loops.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include "daemon/app/full_text.hpp"

namespace feedd {

namespace asio = boost::asio;

FullTextWorker::FullTextWorker(asio::any_io_executor executor, PollContext& context, int concurrency)
    : context_(context), concurrency_(concurrency), timer_(std::move(executor)) {}

asio::awaitable<void> FullTextWorker::run(std::chrono::seconds idle_poll) {
  while (!stopping_) {
    if (context_.full_text) {
      try {
        auto summary = co_await drain_full_text_queue(context_, concurrency_);
        if (summary.done + summary.failed > 0)
          spdlog::info("full text: {} extracted, {} failed", summary.done, summary.failed);
      } catch (const std::exception& error) {
        spdlog::error("full text: {}", error.what());
      }
    }
    if (stopping_) break;
    timer_.expires_after(idle_poll);
    co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

Housekeeper::Housekeeper(asio::any_io_executor executor, PollContext& context)
    : context_(context), timer_(std::move(executor)) {}

asio::awaitable<void> Housekeeper::run(std::chrono::seconds period) {
  while (!stopping_) {
    const auto& retention = context_.feeds.config().retention;
    try {
      auto now = context_.clock.now();
      auto deleted = co_await context_.storage.run([&retention, now](Store& store) {
        auto count = store.apply_retention(retention.max_age, retention.max_items_per_feed, now);
        store.checkpoint();
        return count;
      });
      if (deleted > 0) {
        spdlog::info("retention: {} old items deleted", deleted);
        if (context_.events) context_.events->items_changed();
      }
    } catch (const std::exception& error) {
      spdlog::error("retention: {}", error.what());
    }
    timer_.expires_after(period);
    co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

}  // namespace feedd
