// bytes → feeds::parse_date. Properties: no crash or UB; a parsed date formats as RFC 3339 and
// parses back to the same instant (security.md §4, fuzz_date).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "feeds/parse/date.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = feeds::parse_date(text);
  if (!parsed) return 0;
  std::string formatted = feeds::format_rfc3339(*parsed);
  auto reparsed = feeds::parse_date(formatted);
  fuzz::check(reparsed.has_value(), "format_rfc3339(parse_date(x)) parses again", formatted);
  fuzz::check(*reparsed == *parsed, "parse_date(format_rfc3339(t)) == t", formatted);
  fuzz::check(feeds::format_rfc3339(*reparsed) == formatted, "format_rfc3339 is stable", formatted);
  return 0;
}
