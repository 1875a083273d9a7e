// bytes → feeds::sanitize_html(H, "https://base.test/"). Properties: the output is a fixed point,
// sanitize(S) == S, and holds no <script (security.md §4, fuzz_sanitize).
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "feeds/html/sanitize.hpp"
#include "fuzz_check.hpp"

namespace {

constexpr std::string_view kBase = "https://base.test/";

std::string to_lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  std::string once = feeds::sanitize_html(html, kBase);
  std::string twice = feeds::sanitize_html(once, kBase);
  fuzz::check(twice == once, "sanitize(sanitize(h)) == sanitize(h)",
              "first:  " + once + "\nsecond: " + twice);
  fuzz::check(to_lower(once).find("<script") == std::string::npos, "no <script in output", once);
  return 0;
}
