#pragma once
/// The frame of every status page: doctype, viewport, self-refresh, and the stylesheet
/// (/style.css) with light and dark themes. No script, no inline style and no external
/// resource, as the server's CSP demands (`default-src 'none'; style-src 'self'`).

#include <string>
#include <string_view>

namespace feedd {

/// A whole HTML document around `body_html` (already escaped); `title` is escaped here.
/// The page reloads itself every 60 seconds.
std::string render_page(std::string_view title, std::string_view body_html);

/// The CSS every page links as /style.css.
std::string_view page_stylesheet();

}  // namespace feedd
