#include "daemon/status/metrics.hpp"

namespace feedd {
namespace {

const char* result_name(FetchLogOutcome outcome) {
  switch (outcome) {
    case FetchLogOutcome::ok: return "ok";
    case FetchLogOutcome::not_modified: return "not_modified";
    case FetchLogOutcome::error: return "error";
  }
  return "error";
}

const char* full_text_name(FullTextResult::Outcome outcome) {
  switch (outcome) {
    case FullTextResult::Outcome::done: return "done";
    case FullTextResult::Outcome::failed: return "failed";
    case FullTextResult::Outcome::skipped: return "skipped";
  }
  return "failed";
}

}  // namespace

void Metrics::fetch_finished(const FetchEvent& event) {
  std::string kind = event.error_kind.empty() ? "none" : event.error_kind;
  ++fetches_[{result_name(event.outcome), std::move(kind)}];
  const double seconds = static_cast<double>(event.duration.count()) / 1000.0;
  std::size_t bucket = 0;
  while (bucket < duration_bounds.size() && seconds > duration_bounds[bucket]) ++bucket;
  ++duration_buckets_[bucket];
  duration_sum_ += event.duration;
  ++duration_count_;
}

void Metrics::full_text_finished(FeedId /*feed_id*/, FullTextResult::Outcome outcome) {
  ++full_text_[full_text_name(outcome)];
}

void Metrics::record_http_request(int status) { ++http_requests_[status]; }

}  // namespace feedd
