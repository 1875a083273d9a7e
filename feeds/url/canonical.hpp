#pragma once
/// The canonical URL key: the form of an item's link that dedup compares across feeds, so that
/// `http://www.Example.com:80/a/?utm_source=x&b=2&a=1#top` and `https://example.com/a?a=1&b=2`
/// are one story.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace feeds {

/// Which query parameters only track the reader and never name a different page.
struct TrackingParameters {
  std::vector<std::string> names;                  ///< exact names, compared case-insensitively
  std::vector<std::string> prefixes{"utm_"};       ///< any name starting with one of these
};

/// The names feedd drops by default (utm_* is covered by the prefix): fbclid, gclid, dclid,
/// msclkid, mc_cid, mc_eid, yclid, igshid, _hsenc, _hsmi, ref_src.
TrackingParameters default_tracking_parameters();

/// The key of an absolute http(s) URL, nullopt for anything else (relative, unparseable, other
/// schemes: a mailto: or tag: link is no evidence that two items are one story). Rules:
/// - http and https are one scheme: the key starts with "https://";
/// - the host is lower-cased, a trailing dot and a leading "www." are dropped (sites serve the
///   same page under both and redirect between them);
/// - user info and the default port (80 or 443) are dropped, other ports kept;
/// - the path has dot segments removed and percent-encoding normalized (unreserved characters
///   decoded, hex digits upper-case); a trailing slash is dropped (the root becomes empty);
/// - the fragment is dropped;
/// - tracking parameters are dropped, the others sorted by name then value (stable), each
///   percent-normalized; an empty query disappears, "?" included.
/// The key is for comparison only; it is not meant to be fetched.
std::optional<std::string> canonical_url_key(std::string_view url,
                                             const TrackingParameters& tracking);

namespace detail {
/// canonical_url_key without its shortcut for plain URLs: every URL goes through Boost.URL. The
/// tests hold the shortcut to giving the same keys.
std::optional<std::string> canonical_url_key_with_boost(std::string_view url,
                                                        const TrackingParameters& tracking);
}  // namespace detail

}  // namespace feeds
