#pragma once
/// What goes into and comes out of the Store: plain values, times as sys_seconds.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/config/config.hpp"
#include "daemon/storage/database_options.hpp"
#include "daemon/storage/item_digest.hpp"
#include "feeds/dedup/identity.hpp"
#include "feeds/dedup/story_match.hpp"
#include "feeds/model/feed.hpp"

namespace feedd {

using TimePoint = std::chrono::sys_seconds;
using FeedId = std::int64_t;
using ItemId = std::int64_t;

/// One configured feed, as sync_feeds() takes it.
struct Subscription {
  std::string url;
  std::optional<std::string> title;  ///< the user's override of the feed's own title
  std::vector<std::string> tags;
};

enum class FeedState { active, failing, disabled };

/// "active", "failing" or "disabled".
const char* to_string(FeedState state) noexcept;

/// A row of `feeds`.
struct FeedRecord {
  FeedId id = 0;
  std::string url;             ///< the URL polled (moved by adopt_feed_url)
  std::string subscribed_url;  ///< the URL as configured, which sync_feeds matches
  bool configured = true;  ///< false once the feed left the config: not polled, items kept
  std::optional<std::string> title;  ///< the feed's own title, from its last document
  std::optional<std::string> title_override;
  std::optional<std::string> site_url;
  std::vector<std::string> tags;
  std::optional<std::string> etag;  ///< validators of the last 200 response
  std::optional<std::string> last_modified;
  FeedState state = FeedState::active;
  std::optional<std::string> disabled_reason;
  std::optional<std::string> last_error;
  std::optional<std::string> last_error_kind;
  std::int64_t error_count = 0;  ///< failures ever
  std::int64_t consecutive_errors = 0;
  std::optional<TimePoint> last_fetch_at;
  std::optional<TimePoint> last_success_at;   ///< last 200 or 304
  std::optional<TimePoint> last_document_at;  ///< last 200 whose items were stored
  std::optional<TimePoint> next_poll_at;
  std::optional<std::chrono::seconds> http_max_age;
  std::optional<TimePoint> retry_after_until;
  std::optional<feeds::IdentityScheme> identity_scheme;
  feeds::PollingHints hints;
  std::optional<std::chrono::seconds> avg_item_interval;  ///< between the newest dated items
  std::int64_t items_count = 0;
  TimePoint created_at{};
  /// Items dated up to this were left out of the first document (first_fetch_item_limit);
  /// later fetches do not add them either.
  std::optional<TimePoint> archive_cutoff;

  /// title_override, else the feed's own title, else the URL.
  std::string display_title() const;
};

/// A successful fetch with a document (HTTP 200 or a file), for commit_fetch().
struct FetchCommit {
  feeds::Feed document;  ///< the parsed feed; its items are stored, its title and hints kept
  TimePoint started_at{};
  TimePoint fetched_at{};  ///< "now": first_seen_at/last_seen_at of the items
  std::chrono::milliseconds duration{0};
  int http_status = 200;  ///< 0 for file: URLs
  std::uint64_t bytes = 0;
  std::optional<std::string> etag;  ///< replaces the stored validators (absent clears them)
  std::optional<std::string> last_modified;
  std::optional<std::chrono::seconds> http_max_age;
  std::optional<TimePoint> next_poll_at;
  FullTextMode full_text = FullTextMode::never;
  /// On a feed's first stored document only the newest this many items are kept, not the
  /// publisher's whole archive.
  std::size_t first_fetch_item_limit = 50;
  /// digest_items(document, the Store's story policy), computed off the storage thread; when
  /// empty, commit_fetch computes it.
  std::vector<ItemDigest> digests;
};

/// What commit_fetch() did.
struct CommitResult {
  int new_items = 0;
  int updated_items = 0;    ///< same identity, changed title/content
  int unchanged_items = 0;  ///< only last_seen_at touched
  std::vector<ItemId> full_text_items;  ///< new items queued for full-text extraction
  feeds::IdentityScheme identity_scheme = feeds::IdentityScheme::guid;
};

/// A 304 Not Modified, for record_not_modified().
struct NotModifiedFetch {
  TimePoint started_at{};
  TimePoint fetched_at{};
  std::chrono::milliseconds duration{0};
  std::uint64_t bytes = 0;
  std::optional<std::chrono::seconds> http_max_age;
  std::optional<TimePoint> next_poll_at;
};

/// A failed fetch, for record_failure(). Items are never touched.
struct FetchFailure {
  std::string kind;    ///< to_string(FetchErrorKind), or "parse" / "not_a_feed" for documents
  std::string detail;  ///< one line for users
  int http_status = 0;
  TimePoint started_at{};
  TimePoint fetched_at{};
  std::chrono::milliseconds duration{0};
  std::uint64_t bytes = 0;
  std::optional<TimePoint> next_poll_at;
  std::optional<TimePoint> retry_after_until;  ///< from Retry-After, already clamped
  bool disable = false;  ///< stop polling (410 Gone, long 404); `detail` becomes the reason
};

enum class FullTextStatus { pending, done, failed, skipped };

/// "pending", "done", "failed" or "skipped".
const char* to_string(FullTextStatus status) noexcept;

/// A row of `items`.
struct ItemRecord {
  ItemId id = 0;
  FeedId feed_id = 0;
  std::string identity_key;
  std::optional<std::string> guid;
  std::optional<std::string> url;
  std::optional<std::string> canonical_url;  ///< reserved for cross-feed dedup; not yet filled
  std::optional<std::string> orig_link;
  std::optional<std::string> comments_url;
  std::optional<std::string> title;
  std::vector<feeds::Person> authors;
  std::optional<TimePoint> published_at;
  std::optional<TimePoint> updated_at;
  std::optional<std::string> summary;
  std::optional<std::string> content_html;  ///< its text is derived when needed, not stored
  std::vector<std::string> tags;
  std::vector<feeds::Attachment> attachments;
  std::string content_fingerprint;
  TimePoint first_seen_at{};
  TimePoint last_seen_at{};
  std::optional<std::string> full_text_html;
  std::optional<std::string> full_text_text;
  std::optional<FullTextStatus> full_text_status;
  std::optional<std::string> full_text_method;
  std::optional<std::string> full_text_error;
  int full_text_attempts = 0;
  std::optional<TimePoint> full_text_next_attempt_at;

  /// published_at, else first_seen_at: the date items are sorted and expired by.
  TimePoint sort_date() const { return published_at.value_or(first_seen_at); }
};

/// An item waiting for full-text extraction.
struct FullTextJob {
  ItemId item_id = 0;
  FeedId feed_id = 0;
  std::string feed_url;  ///< to find the feed's content_selector/remove_selector in the config
  std::string url;       ///< the article page
  int attempts = 0;      ///< failed attempts so far
};

/// The outcome of one extraction attempt, for store_full_text().
struct FullTextResult {
  enum class Outcome { done, failed, skipped };
  Outcome outcome = Outcome::done;
  std::string html;    ///< done: sanitized article HTML
  std::string text;    ///< done: its plain text
  std::string method;  ///< done: "readability", "site-rule", "selector", ...
  std::string error;   ///< failed/skipped: why
  /// done: the page's <link rel=canonical> (else og:url, else the page URL), which may join
  /// the item to another feed's story (cross-feed dedup). Last, with a default initializer, so
  /// positional initializers of the members above stay valid under -Wextra.
  std::string canonical_url{};
};

enum class FetchLogOutcome { ok, not_modified, error };

/// A row of `fetch_log`.
struct FetchRecord {
  std::int64_t id = 0;
  FeedId feed_id = 0;
  TimePoint started_at{};
  std::chrono::milliseconds duration{0};
  FetchLogOutcome outcome = FetchLogOutcome::ok;
  std::optional<int> http_status;
  std::optional<std::string> error_kind;
  std::optional<std::string> error_detail;
  int items_new = 0;
  int items_updated = 0;
  std::uint64_t bytes = 0;
};

/// Per-feed numbers for the dashboard.
struct FeedStats {
  FeedId feed_id = 0;
  std::int64_t items_count = 0;
  std::optional<TimePoint> newest_item_at;
  std::int64_t full_text_pending = 0;  ///< pending or failed-with-retries-left
  std::int64_t full_text_failed = 0;   ///< failed for good
  /// Items of this feed that joined a story another feed brought first (cross-feed duplicates).
  std::int64_t duplicate_items = 0;
};

/// One source of a story (cross-feed dedup), for the merged feeds.
struct StorySource {
  ItemId item_id = 0;
  FeedId feed_id = 0;
  std::string feed_title;  ///< FeedRecord::display_title()
  std::string feed_url;    ///< the URL polled
  std::optional<std::string> item_url;
  std::optional<TimePoint> date;  ///< published_at, else first_seen_at
};

/// A stored item's story and every source of it, primary (earliest seen) first.
struct StorySources {
  ItemId item_id = 0;   ///< the item asked about
  ItemId story_id = 0;
  ItemId primary_item_id = 0;  ///< the story's stable entry: its earliest-seen item
  std::vector<StorySource> sources;
};

/// Tuning of the Store; the defaults suit the daemon.
struct StoreOptions {
  DatabaseOptions database;  ///< busy timeout, startup check, checkpoint size
  int fetch_log_per_feed = 100;  ///< fetch_log rows kept per feed
  int full_text_max_attempts = 4;
  std::chrono::seconds full_text_retry_delay{std::chrono::minutes(15)};  ///< doubles per attempt
  int retention_batch = 500;  ///< items deleted per transaction
  feeds::StoryPolicy story_policy;  ///< [dedup]: when items of different feeds are one story
  int story_backfill_batch = 500;   ///< items given a story per transaction after migrating
};

}  // namespace feedd
