// bytes → feeds::sanitize_html(H, "https://base.test/"). Properties: the output is a fixed point,
// sanitize(S) == S, and holds no <script (security.md §4, fuzz_sanitize); where the fast paths
// accept H, they give exactly what the gumbo paths give.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "feeds/html/fast_sanitize.hpp"
#include "feeds/html/sanitize.hpp"
#include "feeds/html/text_rules.hpp"
#include "fuzz_check.hpp"

namespace {

constexpr std::string_view kBase = "https://base.test/";

std::string to_lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

void check_fast_paths(std::string_view html) {
  if (const auto fast = feeds::detail::fast_sanitize_html(html, kBase, {})) {
    const std::string full = feeds::detail::sanitize_html_with_gumbo(html, kBase);
    fuzz::check(fast->html == full, "fast sanitize == gumbo sanitize",
                "fast: " + fast->html + "\ngumbo: " + full);
    fuzz::check(fast->text == feeds::detail::html_to_text_with_gumbo(full),
                "fast text == html_to_text(gumbo sanitize)", fast->text);
    if (fast->text_is_input_text) {
      fuzz::check(fast->text == feeds::detail::html_to_text_with_gumbo(html),
                  "text_is_input_text: fast text == html_to_text(input)", fast->text);
    }
  }
  if (const auto text = feeds::detail::fast_html_to_text(html)) {
    fuzz::check(*text == feeds::detail::html_to_text_with_gumbo(html),
                "fast html_to_text == gumbo html_to_text", *text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  std::string once = feeds::sanitize_html(html, kBase);
  std::string twice = feeds::sanitize_html(once, kBase);
  fuzz::check(twice == once, "sanitize(sanitize(h)) == sanitize(h)",
              "first:  " + once + "\nsecond: " + twice);
  fuzz::check(to_lower(once).find("<script") == std::string::npos, "no <script in output", once);
  check_fast_paths(html);
  check_fast_paths(once);
  return 0;
}
