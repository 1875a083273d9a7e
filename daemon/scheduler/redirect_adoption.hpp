#pragma once
/// Whether a permanent redirect chain may replace a feed's stored URL (security.md §2 row 23).
/// Pure: the fetcher reports what happened, this decides.

#include <optional>
#include <string>
#include <vector>

namespace feedd {

/// One redirect response on the way to the final document.
struct RedirectHop {
  int status = 0;        ///< 301, 302, 303, 307 or 308
  std::string location;  ///< the absolute URL it pointed to
};

/// What a fetch that followed redirects found out.
struct RedirectChain {
  std::string feed_url;              ///< the URL stored for the feed, where the chain started
  std::vector<RedirectHop> hops;     ///< in order; the last location is the final URL
  bool ended_in_valid_feed = false;  ///< final response was 2xx and parsed as a feed
  bool every_hop_allowed = false;    ///< the fetcher's SSRF and scheme guard passed every hop
  bool final_url_taken = false;      ///< another subscribed feed already uses the final URL
};

/// The URL to store instead of chain.feed_url, or nullopt to keep it. Adopts only when every hop
/// was 301/308 (never 302/307: Miniflux #1387), the chain ended in a valid feed, every hop passed
/// the guard, the target is http(s) without credentials, it is not an https→http downgrade, and
/// no other feed has that URL (Miniflux AnotherFeedURLExists).
std::optional<std::string> url_to_adopt(const RedirectChain& chain);

/// url_to_adopt(chain).has_value().
bool should_adopt_redirect(const RedirectChain& chain);

}  // namespace feedd
