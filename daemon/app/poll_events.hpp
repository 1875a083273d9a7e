#pragma once
/// What polling tells the rest of the daemon as it happens: the metrics count fetches and
/// extractions, the merged-feed caches learn that stored items changed. Called on the event
/// loop thread, after the storage transaction committed.

#include <chrono>
#include <string>

#include "daemon/storage/records.hpp"

namespace feedd {

/// One finished feed fetch, whatever became of it.
struct FetchEvent {
  FeedId feed_id = 0;
  FetchLogOutcome outcome = FetchLogOutcome::ok;
  std::string error_kind;  ///< to_string(FetchErrorKind), "parse", ...; empty unless an error
  int http_status = 0;     ///< 0 for file: URLs and transport errors
  std::chrono::milliseconds duration{0};
  int new_items = 0;
  int updated_items = 0;
};

/// Observer of polling; every method has an empty default so listeners take what they need.
class PollEvents {
public:
  virtual ~PollEvents() = default;
  virtual void fetch_finished(const FetchEvent& /*event*/) {}
  virtual void full_text_finished(FeedId /*feed_id*/, FullTextResult::Outcome /*outcome*/) {}
  /// Stored items changed: new or edited items, an extracted article, items expired.
  virtual void items_changed() {}
};

}  // namespace feedd
