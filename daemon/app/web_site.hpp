#pragma once
/// What `feedd run` serves on [daemon] listen (interfaces.md, "HTTP"): the merged feeds, the
/// OPML, the dashboard and the status endpoints, routed to their handlers; and the PollEvents
/// listener that keeps them current (metrics counted, merged-feed caches invalidated).

#include <chrono>
#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "daemon/app/poll_events.hpp"
#include "daemon/app/storage_owner.hpp"
#include "daemon/config/config.hpp"
#include "daemon/publish/publisher.hpp"
#include "daemon/runtime/worker_pool.hpp"
#include "daemon/scheduler/clock.hpp"
#include "daemon/server/http_server.hpp"
#include "daemon/status/metrics.hpp"
#include "daemon/status/status_pages.hpp"

namespace feedd {

class WebSite final : public PollEvents {
public:
  /// Everything referenced must outlive the WebSite. Nothing listens before listen().
  WebSite(boost::asio::any_io_executor executor, const Config& config, StorageOwner& storage, WorkerPool& cpu,
          const Clock& clock);

  /// Binds [daemon] listen and logs "listening on http://HOST:PORT"; throws naming the address
  /// when it cannot bind.
  ListenAddress listen();

  /// Serves until stop().
  boost::asio::awaitable<void> run();

  /// No new connections; open ones end within `bound`.
  boost::asio::awaitable<void> stop(std::chrono::milliseconds bound);

  /// A reloaded config: outputs and subscriptions of the merged feeds (the listen address
  /// needs a restart).
  void reconfigure(const Config& config);

  // PollEvents: counts for /metrics, and the merged feeds render again after item changes.
  void fetch_finished(const FetchEvent& event) override;
  void full_text_finished(FeedId feed_id, FullTextResult::Outcome outcome) override;
  void items_changed() override;

private:
  Router make_router();
  boost::asio::awaitable<Reply> serve_output(const Request& request, std::string_view name);
  boost::asio::awaitable<Reply> serve_feed_page(const Request& request);

  Config config_;  ///< the running config (listen address, outputs, subscriptions)
  Metrics metrics_;
  StatusPages status_;
  std::unique_ptr<Publisher> publisher_;  ///< made by listen(): its self links need the bound port
  StorageOwner& storage_;
  WorkerPool& cpu_;
  HttpServer server_;
};

}  // namespace feedd
