#include "daemon/scheduler/redirect_adoption.hpp"

#include <algorithm>
#include <cctype>

#include <boost/url/parse.hpp>

namespace feedd {
namespace {

bool is_permanent(const RedirectHop& hop) {
  return hop.status == 301 || hop.status == 308;
}

std::optional<std::string> scheme_of(const std::string& url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return std::nullopt;
  std::string scheme(parsed->scheme());
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return scheme;
}

/// An http(s) URL with a host and no user:password part, which would leak into logs.
bool is_adoptable_target(const std::string& url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || parsed->has_userinfo() || parsed->encoded_host().empty()) return false;
  const auto scheme = scheme_of(url);
  return scheme == "http" || scheme == "https";
}

}  // namespace

std::optional<std::string> url_to_adopt(const RedirectChain& chain) {
  if (chain.hops.empty() || !chain.ended_in_valid_feed || !chain.every_hop_allowed ||
      chain.final_url_taken) {
    return std::nullopt;
  }
  if (!std::all_of(chain.hops.begin(), chain.hops.end(), is_permanent)) return std::nullopt;
  const auto& target = chain.hops.back().location;
  if (target == chain.feed_url || !is_adoptable_target(target)) return std::nullopt;
  if (scheme_of(chain.feed_url) == "https" && scheme_of(target) == "http") return std::nullopt;
  return target;
}

bool should_adopt_redirect(const RedirectChain& chain) {
  return url_to_adopt(chain).has_value();
}

}  // namespace feedd
