#include "daemon/status/page_layout.hpp"

#include "daemon/status/html_text.hpp"

namespace feedd {
namespace {

using namespace std::literals;

// Colours are variables so the dark theme only redefines them; the SVG charts use them too.
constexpr std::string_view page_css = R"css(
:root{--bg:#fff;--fg:#1b1f24;--muted:#5c6670;--line:#d8dee4;--head:#f3f5f7;
--good:#1a7f37;--bad:#cf222e;--warn:#9a6700;--link:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;
--line:#30363d;--head:#161b22;--good:#3fb950;--bad:#f85149;--warn:#d29922;--link:#58a6ff}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:80rem;padding:1rem;background:var(--bg);color:var(--fg);
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--link)}
h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.muted{color:var(--muted)}
.totals{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.5rem;
margin:0 0 1rem;padding:0}
.totals div{border:1px solid var(--line);border-radius:6px;padding:.5rem .7rem}
.totals dt{color:var(--muted);font-size:.8rem}.totals dd{margin:0;font-size:1.15rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);
vertical-align:top}
th{background:var(--head);position:sticky;top:0}
td.num{text-align:right;white-space:nowrap}
.url,.error{word-break:break-all;max-width:22rem}
.state{font-weight:600;white-space:nowrap}
.state-active{color:var(--good)}.state-failing{color:var(--bad)}.state-disabled{color:var(--warn)}
.error{color:var(--bad)}
svg.spark polyline{fill:none;stroke:var(--link);stroke-width:1.5}
svg.latency{width:100%;height:8rem;border:1px solid var(--line);border-radius:6px}
svg.latency rect.good{fill:var(--good)}svg.latency rect.bad{fill:var(--bad)}
svg.latency text{fill:var(--muted);font-size:10px}
@media (max-width:40rem){body{padding:.5rem}.hide-narrow{display:none}}
)css";

}  // namespace

std::string_view page_stylesheet() { return page_css; }

std::string render_page(std::string_view title, std::string_view body_html) {
  std::string page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"s;
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  page += "<meta http-equiv=\"refresh\" content=\"60\">";
  page += "<meta name=\"color-scheme\" content=\"light dark\">";
  // A stylesheet of our own, not an inline <style>: the CSP's style-src is 'self' only
  // (security.md §1.2 item 5).
  page += "<title>" + escape_html(title) + "</title><link rel=\"stylesheet\" href=\"/style.css\">";
  // An inline icon, so browsers do not ask for /favicon.ico (a 404 in their console).
  page += "<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' "
          "viewBox='0 0 16 16'%3E%3Ccircle cx='3' cy='13' r='2' fill='%23f26522'/%3E%3C/svg%3E\">";
  page += "</head><body>\n";
  page += body_html;
  page += "\n</body></html>\n";
  return page;
}

}  // namespace feedd
