#include "daemon/app/full_text.hpp"

#include <set>
#include <vector>

#include <boost/asio/this_coro.hpp>
#include <spdlog/spdlog.h>

#include "daemon/runtime/task_group.hpp"
#include "feeds/html/extract.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;

constexpr const char* kArticleAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

asio::awaitable<FullTextResult> fetch_and_extract(const FullTextJob& job, PollContext& context) {
  FetchRequest request;
  request.url = job.url;
  request.accept = kArticleAccept;
  auto permit = co_await context.limiter.acquire(host_key(job.url));
  auto fetched = co_await context.http.fetch(std::move(request));
  permit.release();
  FullTextResult result;
  if (!fetched) {
    result.outcome = FullTextResult::Outcome::failed;
    result.error = describe(fetched.error());
    co_return result;
  }
  const auto& response = fetched.value();
  // Copies: a SIGHUP may replace the feed settings while the worker thread extracts.
  const auto& settings = context.feeds.settings(job.feed_url);
  std::string content_selector = settings.content_selector.value_or("");
  std::string remove_selector = settings.remove_selector.value_or("");
  const feeds::SiteRules* rules = context.site_rules ? context.site_rules->find(host_key(response.final_url)) : nullptr;
  auto article = co_await context.cpu.run([&] {
    feeds::ExtractRequest extract{response.body, response.final_url, response.content_type, rules,
                                  content_selector, remove_selector};
    return feeds::extract_article(extract);
  });
  if (!article) {
    result.outcome = FullTextResult::Outcome::failed;
    result.error = article.error().message;
    co_return result;
  }
  result.html = std::move(article->content_html);
  result.text = std::move(article->content_text);
  result.method = feeds::to_string(article->method);
  result.canonical_url = std::move(article->canonical_url);
  co_return result;
}

/// The jobs of one batch and what became of them, shared by the batch's workers (all on the
/// event loop thread, so no locking).
struct Batch {
  std::vector<FullTextJob> jobs;
  std::size_t next = 0;
  std::set<ItemId>& attempted;
  FullTextSummary& summary;
};

// A named coroutine, not a capturing lambda: a lambda's captures would dangle once the
// temporary closure is gone while the coroutine still runs.
asio::awaitable<void> run_extraction_worker(Batch& batch, PollContext& context) {
  while (batch.next < batch.jobs.size()) {
    const auto& job = batch.jobs[batch.next++];
    batch.attempted.insert(job.item_id);
    if (co_await extract_full_text(job, context)) {
      ++batch.summary.done;
    } else {
      ++batch.summary.failed;
    }
  }
}

}  // namespace

asio::awaitable<bool> extract_full_text(const FullTextJob& job, PollContext& context) {
  auto result = co_await fetch_and_extract(job, context);
  bool done = result.outcome == FullTextResult::Outcome::done;
  if (!done) spdlog::warn("full text {}: {}", job.url, result.error);
  bool stored = co_await context.storage.run([&job, &result, now = context.clock.now()](Store& store) {
    return store.store_full_text(job.item_id, result, now);
  });
  if (context.events) {
    context.events->full_text_finished(job.feed_id, result.outcome);
    if (stored && done) context.events->items_changed();
  }
  co_return done;
}

asio::awaitable<FullTextSummary> drain_full_text_queue(PollContext& context, int concurrency) {
  FullTextSummary summary;
  std::set<ItemId> attempted;
  auto executor = co_await asio::this_coro::executor;
  std::size_t batch = static_cast<std::size_t>(std::max(concurrency, 1)) * 4;
  for (;;) {
    auto jobs = co_await context.storage.run(
        [batch, now = context.clock.now()](Store& store) { return store.next_full_text_jobs(batch, now); });
    std::erase_if(jobs, [&](const FullTextJob& job) { return attempted.contains(job.item_id); });
    if (jobs.empty()) co_return summary;
    Batch work{std::move(jobs), 0, attempted, summary};
    TaskGroup workers(executor, "full text");
    for (int i = 0; i < std::max(concurrency, 1); ++i) workers.spawn(run_extraction_worker(work, context));
    co_await workers.wait();
  }
}

}  // namespace feedd
