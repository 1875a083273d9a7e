#include "daemon/status/feed_page.hpp"

#include "daemon/status/feed_table.hpp"
#include "daemon/status/html_text.hpp"
#include "daemon/status/page_layout.hpp"
#include "daemon/status/svg_charts.hpp"

namespace feedd {
namespace {

using namespace std::literals;

std::string fact(std::string_view label, const std::string& value_html) {
  return "<div><dt>"s + std::string(label) + "</dt><dd>" + value_html + "</dd></div>";
}

const char* outcome_label(FetchLogOutcome outcome) {
  switch (outcome) {
    case FetchLogOutcome::ok: return "ok";
    case FetchLogOutcome::not_modified: return "not modified";
    case FetchLogOutcome::error: return "error";
  }
  return "error";
}

std::string render_facts(const FeedStatus& status, TimePoint now) {
  const auto& feed = status.feed;
  std::string html = "<dl class=\"totals\">";
  html += fact("State", "<span class=\"state state-"s + to_string(feed.state) + "\">" +
                            state_label(feed.state) + "</span>");
  html += fact("Last success", escape_html(format_relative(feed.last_success_at, now)));
  html += fact("Last fetch", escape_html(format_relative(feed.last_fetch_at, now)));
  html += fact("Next poll", escape_html(format_relative(feed.next_poll_at, now)));
  html += fact("Items", std::to_string(feed.items_count));
  html += fact("Median fetch", escape_html(format_duration(status.median_fetch_duration)));
  html += fact("Errors in a row", std::to_string(feed.consecutive_errors));
  return html + "</dl>";
}

std::string fetch_row(const FetchRecord& fetch) {
  std::string row = "<tr><td>" + escape_html(format_utc(fetch.started_at)) + "</td>";
  row += "<td class=\""s + (fetch.outcome == FetchLogOutcome::error ? "error" : "") + "\">" +
         outcome_label(fetch.outcome) + "</td>";
  row += "<td class=\"num\">" + (fetch.http_status ? std::to_string(*fetch.http_status) : "—"s) +
         "</td>";
  row += "<td class=\"num\">" + escape_html(format_duration(fetch.duration)) + "</td>";
  row += "<td class=\"num\">" + std::to_string(fetch.items_new) + " / " +
         std::to_string(fetch.items_updated) + "</td>";
  std::string error = fetch.error_kind.value_or("");
  if (fetch.error_detail) error += (error.empty() ? "" : ": ") + *fetch.error_detail;
  return row + "<td class=\"error\">" + escape_html(error) + "</td></tr>\n";
}

std::string render_fetch_log(const std::vector<FetchRecord>& fetches) {
  if (fetches.empty()) return "<p class=\"muted\">No fetches logged yet.</p>";
  std::string html =
      "<div class=\"scroll\"><table><thead><tr><th>Started</th><th>Result</th><th>HTTP</th>"
      "<th>Duration</th><th>New / updated</th><th>Error</th></tr></thead><tbody>\n";
  for (const auto& fetch : fetches) html += fetch_row(fetch);
  return html + "</tbody></table></div>";
}

std::string item_row(const ItemRecord& item) {
  const std::string title = item.title.value_or(item.url.value_or(item.identity_key));
  std::string row = "<tr><td>" + link_or_text(item.url.value_or(""), title) + "</td>";
  row += "<td>" + escape_html(format_utc(item.sort_date())) + "</td>";
  row += "<td>" + escape_html(item.full_text_status ? to_string(*item.full_text_status) : "—") +
         "</td>";
  row += "<td>" + escape_html(item.full_text_method.value_or("")) + "</td>";
  return row + "<td class=\"error\">" + escape_html(item.full_text_error.value_or("")) +
         "</td></tr>\n";
}

std::string render_items(const std::vector<ItemRecord>& items) {
  if (items.empty()) return "<p class=\"muted\">No items stored.</p>";
  std::string html =
      "<div class=\"scroll\"><table><thead><tr><th>Item</th><th>Date</th><th>Full text</th>"
      "<th>Method</th><th>Failure</th></tr></thead><tbody>\n";
  for (const auto& item : items) html += item_row(item);
  return html + "</tbody></table></div>";
}

}  // namespace

std::string render_feed_page(const FeedDetail& detail, TimePoint now) {
  const auto& feed = detail.status.feed;
  std::string body = "<p><a href=\"/\">← all feeds</a></p><h1>" +
                     escape_html(feed.display_title()) + "</h1>";
  body += "<p class=\"url\">" + link_or_text(feed.url, feed.url);
  if (feed.site_url) body += " · site: " + link_or_text(*feed.site_url, *feed.site_url);
  body += "</p>";
  const auto problem = feed_problem(feed);
  if (!problem.empty()) body += "<p class=\"error\">" + escape_html(problem) + "</p>";
  body += render_facts(detail.status, now);
  body += "<h2>Fetch durations</h2>" + render_latency_chart(detail.fetches);
  body += "<h2>Fetch log</h2>" + render_fetch_log(detail.fetches);
  body += "<h2>Recent items</h2>" + render_items(detail.items);
  return render_page(feed.display_title() + " — feedd", body);
}

}  // namespace feedd
