#include "daemon/status/dashboard.hpp"

#include <cstdio>

#include "daemon/status/feed_table.hpp"
#include "daemon/status/html_text.hpp"
#include "daemon/status/page_layout.hpp"

namespace feedd {
namespace {

using namespace std::literals;

std::string total(std::string_view label, std::string_view value_html) {
  return "<div><dt>"s + std::string(label) + "</dt><dd>" + std::string(value_html) +
         "</dd></div>";
}

std::string describe_latest_fetch(const StatusSnapshot& snapshot) {
  if (!snapshot.latest_fetch) return "never";
  const auto& fetch = *snapshot.latest_fetch;
  return escape_html(format_relative(fetch.started_at, snapshot.taken_at)) +
         " <span class=\"muted\">(<a href=\"/feeds/" + std::to_string(fetch.feed_id) +
         "\">feed " + std::to_string(fetch.feed_id) + "</a>)</span>";
}

std::string render_totals(const StatusSnapshot& snapshot) {
  const auto states = count_feed_states(snapshot.feeds);
  std::string html = "<dl class=\"totals\">";
  html += total("Feeds ok", std::to_string(states.active));
  html += total("Feeds failing", std::to_string(states.failing));
  html += total("Feeds disabled", std::to_string(states.disabled));
  html += total("Items stored", std::to_string(snapshot.counts.items));
  html += total("New today", std::to_string(snapshot.counts.items_new_today));
  html += total("Full-text success", escape_html(format_success_rate(snapshot.counts)));
  html += total("Last fetch", describe_latest_fetch(snapshot));
  html += total("Uptime", escape_html(format_span(snapshot.taken_at - snapshot.started_at)));
  return html + "</dl>";
}

}  // namespace

std::string format_success_rate(const StatusCounts& counts) {
  const auto rate = full_text_success_rate(counts);
  if (!rate) return "—";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f %%", *rate * 100.0);
  return text;
}

std::string render_dashboard(const StatusSnapshot& snapshot) {
  std::string body = "<h1>feedd status</h1>";
  body += "<p class=\"muted\">" + escape_html(format_utc(snapshot.taken_at)) +
          " · <a href=\"/api/status\">JSON</a> · <a href=\"/metrics\">metrics</a></p>";
  body += render_totals(snapshot);
  body += "<h2>Feeds</h2>";
  body += render_feed_table(snapshot.feeds, snapshot.taken_at);
  return render_page("feedd status", body);
}

}  // namespace feedd
