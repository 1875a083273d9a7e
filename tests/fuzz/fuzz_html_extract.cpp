// bytes → feeds::extract_article(page, "https://base.test/a/b"). Properties: no crash, no hang
// (libFuzzer -timeout), and on success the text is valid UTF-8 and the HTML holds no <script.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "feeds/html/extract.hpp"
#include "fuzz_check.hpp"

namespace {

std::string to_lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  feeds::ExtractRequest request;
  request.bytes = std::string_view(reinterpret_cast<const char*>(data), size);
  request.url = "https://base.test/a/b";
  auto article = feeds::extract_article(request);
  if (!article) return 0;
  fuzz::check(fuzz::is_valid_utf8(article->content_text), "content_text is valid UTF-8",
              article->content_text);
  fuzz::check(fuzz::is_valid_utf8(article->title), "title is valid UTF-8", article->title);
  fuzz::check(to_lower(article->content_html).find("<script") == std::string::npos,
              "no <script in content_html", article->content_html);
  fuzz::check(article->quality >= 0 && article->quality <= 1, "quality within 0..1");
  return 0;
}
