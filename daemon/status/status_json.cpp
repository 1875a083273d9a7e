#include "daemon/status/status_json.hpp"

#include <cstdio>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace feedd {
namespace {

namespace json = boost::json;

json::value optional_time(const std::optional<TimePoint>& time) {
  if (!time) return nullptr;
  return json::value(format_rfc3339(*time));
}

json::value optional_text(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return json::value(*text);
}

json::object feed_json(const FeedStatus& status) {
  const auto& feed = status.feed;
  json::object object;
  object["id"] = feed.id;
  object["title"] = feed.display_title();
  object["url"] = feed.url;
  object["state"] = to_string(feed.state);
  object["last_success_at"] = optional_time(feed.last_success_at);
  object["last_fetch_at"] = optional_time(feed.last_fetch_at);
  object["next_poll_at"] = optional_time(feed.next_poll_at);
  object["last_error"] = optional_text(feed.last_error);
  object["last_error_kind"] = optional_text(feed.last_error_kind);
  object["disabled_reason"] = optional_text(feed.disabled_reason);
  object["consecutive_errors"] = feed.consecutive_errors;
  object["http_status"] = status.last_http_status ? json::value(*status.last_http_status)
                                                  : json::value(nullptr);
  object["items"] = feed.items_count;
  object["duplicate_items"] = status.duplicate_items;
  object["median_fetch_ms"] = status.median_fetch_duration
                                  ? json::value(status.median_fetch_duration->count())
                                  : json::value(nullptr);
  json::array days;
  for (auto count : status.items_per_day) days.push_back(count);
  object["items_per_day"] = std::move(days);
  return object;
}

json::object totals_json(const StatusSnapshot& snapshot) {
  const auto states = count_feed_states(snapshot.feeds);
  const auto& counts = snapshot.counts;
  json::object full_text{{"pending", counts.full_text_pending},
                         {"retrying", counts.full_text_retrying},
                         {"failed", counts.full_text_failed},
                         {"recent_items", counts.recent_items},
                         {"recent_done", counts.recent_full_text_done},
                         {"recent_failed", counts.recent_full_text_failed},
                         {"recent_skipped", counts.recent_full_text_skipped}};
  const auto rate = full_text_success_rate(counts);
  full_text["success_rate"] = rate ? json::value(*rate) : json::value(nullptr);
  return json::object{{"feeds", static_cast<std::int64_t>(snapshot.feeds.size())},
                      {"feeds_ok", states.active},
                      {"feeds_failing", states.failing},
                      {"feeds_disabled", states.disabled},
                      {"items", counts.items},
                      {"items_new_today", counts.items_new_today},
                      {"full_text", std::move(full_text)}};
}

json::value latest_fetch_json(const std::optional<FetchRecord>& fetch) {
  if (!fetch) return nullptr;
  return json::object{
      {"feed_id", fetch->feed_id},
      {"started_at", format_rfc3339(fetch->started_at)},
      {"outcome", fetch_outcome_name(fetch->outcome)},
      {"http_status", fetch->http_status ? json::value(*fetch->http_status) : json::value(nullptr)},
      {"duration_ms", fetch->duration.count()}};
}

}  // namespace

std::string format_rfc3339(TimePoint time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{time - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(clock.hours().count()),
                int(clock.minutes().count()), int(clock.seconds().count()));
  return text;
}

const char* fetch_outcome_name(FetchLogOutcome outcome) {
  switch (outcome) {
    case FetchLogOutcome::ok: return "ok";
    case FetchLogOutcome::not_modified: return "not_modified";
    case FetchLogOutcome::error: return "error";
  }
  return "error";
}

std::string render_status_json(const StatusSnapshot& snapshot) {
  json::array feeds;
  for (const auto& status : snapshot.feeds) feeds.push_back(feed_json(status));
  json::object document{
      {"generated_at", format_rfc3339(snapshot.taken_at)},
      {"started_at", format_rfc3339(snapshot.started_at)},
      {"uptime_seconds", (snapshot.taken_at - snapshot.started_at).count()},
      {"totals", totals_json(snapshot)},
      {"last_fetch", latest_fetch_json(snapshot.latest_fetch)},
      {"feeds", std::move(feeds)}};
  return json::serialize(document);
}

}  // namespace feedd
