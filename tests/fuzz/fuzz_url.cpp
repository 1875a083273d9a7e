// "base\nreference" → feeds::resolve_url / resolve_safe_url. Properties: resolving an absolute
// result against itself gives it back (idempotence); resolve_safe_url agrees with resolve_url and
// never returns a URL a browser would run as script (security.md §4, fuzz_url).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "feeds/url/resolve.hpp"
#include "fuzz_check.hpp"

namespace {

bool is_script_scheme(const std::string& scheme) {
  return scheme == "javascript" || scheme == "vbscript" || scheme == "data" ||
         scheme == "livescript";
}

void check_idempotent(const std::string& url) {
  if (fuzz::browser_scheme(url).empty()) return;  // relative results are returned as given
  auto again = feeds::resolve_url(url, url);
  fuzz::check(again.has_value(), "an absolute result resolves against itself", url);
  fuzz::check(*again == url, "resolve_url(r, r) == r", url + "\n -> " + *again);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t newline = input.find('\n');
  std::string_view base = input.substr(0, newline);
  std::string_view reference = newline == std::string_view::npos ? std::string_view{}
                                                                 : input.substr(newline + 1);

  auto resolved = feeds::resolve_url(base, reference);
  if (resolved) check_idempotent(*resolved);

  auto safe = feeds::resolve_safe_url(base, reference);
  if (safe) {
    fuzz::check(resolved.has_value() && *safe == *resolved,
                "resolve_safe_url returns what resolve_url returns", *safe);
    fuzz::check(feeds::has_safe_scheme(*safe), "resolve_safe_url result has a safe scheme", *safe);
    fuzz::check(!is_script_scheme(fuzz::browser_scheme(*safe)),
                "resolve_safe_url never returns a script scheme", *safe);
  }
  return 0;
}
