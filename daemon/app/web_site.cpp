#include "daemon/app/web_site.hpp"

#include <charconv>
#include <utility>

#include <spdlog/spdlog.h>

#include "daemon/status/page_layout.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;

Reply not_found() { return make_reply(404, "text/plain; charset=utf-8", "Not found\n"); }

/// The dashboard's CSS; its ETag is a hash of the text, so a new build's CSS is fetched anew.
Reply stylesheet_reply() {
  static const Reply reply = [] {
    auto css = page_stylesheet();
    Reply made = make_reply(200, "text/css; charset=utf-8", std::string(css));
    made.etag = "\"" + std::to_string(std::hash<std::string_view>{}(css)) + "\"";
    made.cache_control = "max-age=3600";
    return made;
  }();
  return reply;
}

ServerOptions server_options(const Config& config, Metrics& metrics) {
  ServerOptions options;
  options.listen = config.daemon.listen;
  options.on_served = [&metrics](const Request&, int status) { metrics.record_http_request(status); };
  return options;
}

}  // namespace

WebSite::WebSite(asio::any_io_executor executor, const Config& config, StorageOwner& storage, WorkerPool& cpu,
                 const Clock& clock)
    : config_(config),
      status_(storage, metrics_, clock, clock.now()),
      storage_(storage),
      cpu_(cpu),
      server_(std::move(executor), server_options(config, metrics_), make_router()) {}

ListenAddress WebSite::listen() {
  auto bound = server_.listen();
  publisher_ = std::make_unique<Publisher>(config_, storage_, cpu_, "http://" + bound.to_string());
  spdlog::info("listening on http://{}", bound.to_string());
  return bound;
}

asio::awaitable<void> WebSite::run() { co_await server_.run(); }

asio::awaitable<void> WebSite::stop(std::chrono::milliseconds bound) {
  server_.stop();
  // Not `if (!co_await ...)`: GCC 12 miscompiles that into an illegal instruction.
  bool all_closed = co_await server_.wait_stopped(bound);
  if (!all_closed) spdlog::warn("http: connections still open after stop");
}

void WebSite::reconfigure(const Config& config) {
  try {
    if (publisher_) publisher_->reconfigure(config);
    config_ = config;
  } catch (const std::exception& error) {
    spdlog::error("reload: merged feeds keep the running config: {}", error.what());
  }
}

void WebSite::fetch_finished(const FetchEvent& event) { metrics_.fetch_finished(event); }

void WebSite::full_text_finished(FeedId feed_id, FullTextResult::Outcome outcome) {
  metrics_.full_text_finished(feed_id, outcome);
}

void WebSite::items_changed() {
  if (publisher_) publisher_->invalidate();
}

// Handlers are lambdas stored in the router, which lives as long as the server: their
// coroutine frames may refer to the closures safely.
Router WebSite::make_router() {
  Router router;
  router.add("/", [this](const Request&) { return status_.dashboard(); });
  router.add("/style.css", [](const Request&) -> asio::awaitable<Reply> { co_return stylesheet_reply(); });
  router.add("/api/status", [this](const Request&) { return status_.api_status(); });
  router.add("/metrics", [this](const Request&) { return status_.metrics(); });
  router.add("/healthz", [this](const Request&) { return status_.healthz(); });
  router.add("/feeds/{id:int}", [this](const Request& request) { return serve_feed_page(request); });
  router.add("/opml", [this](const Request&) { return publisher_->serve_opml(); });
  router.add("/feed.{format:atom|rss|json}",
             [this](const Request& request) { return serve_output(request, default_output_name); });
  router.add("/outputs/{name}.{format:atom|rss|json}",
             [this](const Request& request) { return serve_output(request, request.param("name")); });
  return router;
}

asio::awaitable<Reply> WebSite::serve_output(const Request& request, std::string_view name) {
  auto format = output_format_from_string(request.param("format"));
  if (!format) co_return not_found();
  auto reply = co_await publisher_->serve_output(name, *format);
  if (!reply) co_return not_found();
  co_return std::move(*reply);
}

asio::awaitable<Reply> WebSite::serve_feed_page(const Request& request) {
  auto text = request.param("id");
  FeedId id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc{} || end != text.data() + text.size()) co_return not_found();
  auto page = co_await status_.feed_page(id);
  if (!page) co_return not_found();
  co_return std::move(*page);
}

}  // namespace feedd
