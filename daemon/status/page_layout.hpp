#pragma once
/// The frame of every status page: doctype, viewport, self-refresh, inline CSS with light and
/// dark themes. No script and no external resource, as the server's CSP demands
/// (`default-src 'none'; style-src 'self' 'unsafe-inline'`).

#include <string>
#include <string_view>

namespace feedd {

/// A whole HTML document around `body_html` (already escaped); `title` is escaped here.
/// The page reloads itself every 60 seconds.
std::string render_page(std::string_view title, std::string_view body_html);

}  // namespace feedd
