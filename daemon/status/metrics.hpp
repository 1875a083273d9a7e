#pragma once
/// The daemon's counters for /metrics: fetches by result and error kind, a fetch duration
/// histogram, full-text extractions by outcome, HTTP requests served by status code. Fed by
/// polling (as its PollEvents listener) and by the server; every call on the event loop thread.

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "daemon/app/poll_events.hpp"

namespace feedd {

class Metrics final : public PollEvents {
 public:
  /// Upper bounds of the fetch duration histogram's buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 10> duration_bounds{0.05, 0.1, 0.25, 0.5, 1,
                                                          2.5,  5,   10,   30,  60};

  /// Counts the fetch under (result, kind): result "ok", "not_modified" or "error", kind the
  /// error kind or "none"; and its duration in the histogram.
  void fetch_finished(const FetchEvent& event) override;
  /// Counts the extraction under "done", "failed" or "skipped".
  void full_text_finished(FeedId feed_id, FullTextResult::Outcome outcome) override;
  /// Counts one answered HTTP request by its status code.
  void record_http_request(int status);

  /// Fetches by (result, kind).
  const std::map<std::pair<std::string, std::string>, std::uint64_t>& fetches() const {
    return fetches_;
  }
  /// Fetches per histogram bucket, NOT cumulative; the last entry is above every bound.
  const std::array<std::uint64_t, duration_bounds.size() + 1>& duration_buckets() const {
    return duration_buckets_;
  }
  std::chrono::milliseconds duration_sum() const { return duration_sum_; }
  std::uint64_t duration_count() const { return duration_count_; }
  /// Extractions by outcome; "done", "failed" and "skipped" are always present.
  const std::map<std::string, std::uint64_t>& full_text() const { return full_text_; }
  /// Requests by status code.
  const std::map<int, std::uint64_t>& http_requests() const { return http_requests_; }

 private:
  std::map<std::pair<std::string, std::string>, std::uint64_t> fetches_;
  std::array<std::uint64_t, duration_bounds.size() + 1> duration_buckets_{};
  std::chrono::milliseconds duration_sum_{0};
  std::uint64_t duration_count_ = 0;
  std::map<std::string, std::uint64_t> full_text_{{"done", 0}, {"failed", 0}, {"skipped", 0}};
  std::map<int, std::uint64_t> http_requests_;
};

}  // namespace feedd
