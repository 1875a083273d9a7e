#include "daemon/status/feed_table.hpp"

#include "daemon/status/html_text.hpp"
#include "daemon/status/svg_charts.hpp"

namespace feedd {
namespace {

using namespace std::literals;

constexpr std::string_view table_head =
    "<div class=\"scroll\"><table><thead><tr><th>Feed</th><th class=\"hide-narrow\">URL</th>"
    "<th>State</th><th>Last success</th><th>Last error</th><th class=\"hide-narrow\">HTTP</th>"
    "<th class=\"hide-narrow\">Next poll</th><th>Items</th>"
    "<th class=\"hide-narrow\" title=\"Items another feed brought first\">Duplicates</th>"
    "<th class=\"hide-narrow\">Median fetch</th><th class=\"hide-narrow\">30 days</th>"
    "</tr></thead><tbody>\n";

std::string cell(std::string_view css_class, std::string_view html) {
  if (css_class.empty()) return "<td>"s + std::string(html) + "</td>";
  return "<td class=\""s + std::string(css_class) + "\">" + std::string(html) + "</td>";
}

std::string feed_row(const FeedStatus& status, TimePoint now) {
  const auto& feed = status.feed;
  std::string row = "<tr>";
  row += cell("", "<a href=\"/feeds/" + std::to_string(feed.id) + "\">" +
                      escape_html(feed.display_title()) + "</a>");
  row += cell("url hide-narrow", link_or_text(feed.url, feed.url));
  row += cell("state state-"s + to_string(feed.state), state_label(feed.state));
  row += cell("", escape_html(format_relative(feed.last_success_at, now)));
  row += cell("error", escape_html(feed_problem(feed)));
  row += cell("num hide-narrow",
              status.last_http_status ? std::to_string(*status.last_http_status) : "—");
  row += cell("hide-narrow", escape_html(format_relative(feed.next_poll_at, now)));
  row += cell("num", std::to_string(feed.items_count));
  row += cell("num hide-narrow", std::to_string(status.duplicate_items));
  row += cell("num hide-narrow", escape_html(format_duration(status.median_fetch_duration)));
  row += cell("hide-narrow", render_sparkline(status.items_per_day));
  return row + "</tr>\n";
}

}  // namespace

const char* state_label(FeedState state) {
  switch (state) {
    case FeedState::active: return "ok";
    case FeedState::failing: return "failing";
    case FeedState::disabled: return "disabled";
  }
  return "ok";
}

std::string feed_problem(const FeedRecord& feed) {
  if (feed.state == FeedState::disabled && feed.disabled_reason) return *feed.disabled_reason;
  if (!feed.last_error) return "";
  if (!feed.last_error_kind) return *feed.last_error;
  return *feed.last_error_kind + ": " + *feed.last_error;
}

std::string render_feed_table(const std::vector<FeedStatus>& feeds, TimePoint now) {
  if (feeds.empty()) return "<p class=\"muted\">No feeds configured.</p>";
  std::string table(table_head);
  for (const auto& status : feeds) table += feed_row(status, now);
  return table + "</tbody></table></div>";
}

}  // namespace feedd
