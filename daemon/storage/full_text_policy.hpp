#pragma once
/// Which new items get queued for full-text extraction, per the feed's `full_text` mode.

#include "daemon/config/config.hpp"
#include "feeds/model/feed.hpp"

namespace feedd {

/// Items whose text is at most this long and is just their summary count as summaries.
inline constexpr std::size_t summary_only_max_bytes = 2000;

/// never: no; always: when the item has a URL; automatic ("when the feed carries only
/// summaries"): when the item has a URL and no content beyond a short summary — no content at
/// all, or content whose text is the summary itself (RSS description-only items, Atom
/// summary-only entries) and shorter than summary_only_max_bytes.
bool needs_full_text(const feeds::Item& item, FullTextMode mode);

}  // namespace feedd
