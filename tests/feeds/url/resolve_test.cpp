#include "feeds/url/resolve.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "random_url.hpp"

namespace feeds {
namespace {

using namespace std::literals;

/// A reference and its resolution; nullptr means nullopt.
struct UrlCase {
  std::string_view reference;
  const char* expected;
};

constexpr std::string_view rfc3986_base = "http://a/b/c/d;p?q";

void expect_resolved(std::string_view base, const std::vector<UrlCase>& cases) {
  for (const auto& [reference, expected] : cases) {
    const auto resolved = resolve_url(base, reference);
    EXPECT_EQ(resolved.value_or("<nullopt>"), expected ? expected : "<nullopt>")
        << "base \"" << base << "\", reference \"" << reference << '"';
  }
}

TEST(ResolveUrl, MatchesRfc3986NormalExamples) {
  expect_resolved(rfc3986_base, {
      {"g:h", "g:h"},          {"g", "http://a/b/c/g"},        {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"}, {"/g", "http://a/g"},          {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"}, {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"}, {"g?y#s", "http://a/b/c/g?y#s"}, {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"}, {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"}, {".", "http://a/b/c/"},     {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},      {"../", "http://a/b/"},      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},     {"../../", "http://a/"},     {"../../g", "http://a/g"},
  });
}

TEST(ResolveUrl, MatchesRfc3986AbnormalExamples) {
  expect_resolved(rfc3986_base, {
      {"../../../g", "http://a/g"},     {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},           {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},        {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},       {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},    {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"}, {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"}, {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"}, {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http:g"},
  });
}

TEST(ResolveUrl, FollowsXmlBaseChains) {
  const std::string document = "http://example.org/feed/atom.xml";
  const auto blog = resolve_url(document, "/blog/");
  ASSERT_EQ(blog, "http://example.org/blog/");
  const auto year = resolve_url(*blog, "2024/");
  ASSERT_EQ(year, "http://example.org/blog/2024/");
  EXPECT_EQ(resolve_url(*year, "post.html"), "http://example.org/blog/2024/post.html");
  const auto other = resolve_url(*year, "https://other.example/x/");
  ASSERT_EQ(other, "https://other.example/x/");
  EXPECT_EQ(resolve_url(*other, "../y"), "https://other.example/y");
  EXPECT_EQ(resolve_url("http://example.org/feed/#top", ""), "http://example.org/feed/");
  EXPECT_EQ(resolve_url("http://example.org/feed/#top", "?page=2"),
            "http://example.org/feed/?page=2");
  EXPECT_EQ(resolve_url("http://example.org/feed/#top", "#item"), "http://example.org/feed/#item");
}

TEST(ResolveUrl, LeavesReferenceAsWrittenWithoutUsableBase) {
  expect_resolved("", {{"/posts/1", "/posts/1"},
                       {"http://example.com/a?b=1&c=2", "http://example.com/a?b=1&c=2"},
                       {"", ""}});
  expect_resolved("/feed/", {{"posts/1", "posts/1"}});
}

TEST(ResolveUrl, KeepsValidAbsoluteUrlsAsTheyAre) {
  expect_resolved("http://base.example/", {
      {"http://example.com/?a=1&b=2&c=%2F", "http://example.com/?a=1&b=2&c=%2F"},
      {"HTTP://Example.COM/Path", "HTTP://Example.COM/Path"},
      {"http://example.com/%41/a/../b", "http://example.com/%41/a/../b"},
      {"http://[::1]:8080/a", "http://[::1]:8080/a"},
      {"mailto:someone@example.com", "mailto:someone@example.com"},
  });
}

TEST(ResolveUrl, StripsWhitespaceAndControls) {
  expect_resolved("http://x/", {
      {" \t\nhttp://x/a\r\n ", "http://x/a"},
      {"\xC2\xA0http://x/a\xC2\xA0", "http://x/a"},
      {"\x01\x1Fhttp://x/a\x7F\0"sv, "http://x/a"},
      {"http://x/a\nb\tc", "http://x/abc"},
      {"  b  ", "http://x/b"},
  });
}

TEST(ResolveUrl, PercentEncodesWhatRealFeedsGetWrong) {
  expect_resolved("http://x/dir/", {
      {"http://example.com/a b", "http://example.com/a%20b"},
      {"a b", "http://x/dir/a%20b"},
      {"http://example.com/ü", "http://example.com/%C3%BC"},
      {"http://example.com/?q=a|b", "http://example.com/?q=a%7Cb"},
      {"http://example.com/100%", "http://example.com/100%25"},
      {"http://example.com/%41", "http://example.com/%41"},
      {"http://example.com/a[1]", "http://example.com/a%5B1%5D"},
      {"http://example.com/\"q\"", "http://example.com/%22q%22"},
      {"a#b#c", "http://x/dir/a#b%23c"},
  });
}

TEST(ResolveUrl, ReturnsNulloptForUnparseableReference) {
  expect_resolved("http://x/", {{"http://[::1/", nullptr},
                                {"http://[not-an-ip]/", nullptr},
                                {":no-scheme", nullptr}});
}

TEST(ResolveUrl, RejectsInputOver64KiB) {
  const std::string huge = "http://x/" + std::string(64 * 1024, 'a');
  EXPECT_EQ(resolve_url("http://x/", huge), std::nullopt);
  EXPECT_EQ(resolve_url(huge, "a"), std::nullopt);
  const std::string large = "http://x/" + std::string(60 * 1024, 'a');
  EXPECT_EQ(resolve_url("http://y/", large), large);
}

// resolve_url keeps plain absolute URLs (http(s), tag:, urn:, mailto: ...) without parsing
// them; the answer must be what Boost.URL's path gives for every reference, plain or not.
TEST(ResolveUrl, TheShortcutForPlainAbsoluteUrlsAnswersAsBoostDoes) {
  const std::vector<std::string_view> starts = {
      "http://",   "https://", "HTTP://", "http:/", "http:",     "https://", "http://h",
      "http://h:", "ftp://",   "tag:",    "TAG:",   "urn:isbn:", "mailto:",  "x-y+z.1:",
      "tag://",    "tag:/",    "1tag:",   "-x:",    "ta g:",     "file:///", ":"};
  const std::vector<std::string_view> pieces = {
      "a",   "Z",    "0",  "9",   "-",     ".", "_",  "~",  "!", "$",  "&", "'",        "(",
      ")",   "*",    "+",  ",",   ";",     "=", ":",  "@",  "/", "?",  "#", "%",        "%4",
      "%41", "%zz",  "[",  "]",   "[::1]", " ", "\t", "\n", "|", "\"", "<", "\xC3\xBC", "\xC2\xA0",
      "..",  "/../", "80", ":80", "\x7F",  "^", "`",  "{",  "}", "\\"};
  std::mt19937 random(42);
  int plain = 0;
  for (int round = 0; round < 40000; ++round) {
    const std::string reference = testing::random_url(random, starts, pieces, 11);
    const auto expected = detail::resolve_url_with_boost("http://base.example/dir/", reference);
    EXPECT_EQ(resolve_url("http://base.example/dir/", reference), expected) << reference;
    EXPECT_EQ(resolve_safe_url("http://base.example/dir/", reference),
              expected && has_safe_scheme(*expected) ? expected : std::nullopt)
        << reference;
    if (expected == reference) ++plain;
  }
  EXPECT_GT(plain, 4000);  // the shortcut's cases were drawn, not only the others
}

TEST(HasSafeScheme, AcceptsAllowlistedSchemesAndRelativeUrls) {
  for (const std::string_view url :
       {"http://x", "HTTPS://x", "ftp://x", "mailto:a@b", "magnet:?xt=urn:btih:abc",
        "tag:example.com,2004:1", "urn:isbn:0451450523", "file:///tmp/x", "feed://x/rss",
        "news:comp.lang.c++", "tel:+15555555", "xmpp:a@b", "irc://x/chan", "webcal://x",
        "/relative", "relative/path", "?q=a:b", "#frag", "./a:b"}) {
    EXPECT_TRUE(has_safe_scheme(url)) << url;
  }
}

TEST(HasSafeScheme, RejectsScriptDataAndUnknownSchemes) {
  for (const std::string_view url :
       {"javascript:alert(1)", "JavaScript:alert(1)", "  javascript:alert(1)",
        "java\tscript:alert(1)", "java\nscript:alert(1)", "\x01javascript:alert(1)",
        "\xC2\xA0javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>",
        "DATA:image/png;base64,AAAA", "unknown-scheme:x", "chrome://settings"}) {
    EXPECT_FALSE(has_safe_scheme(url)) << url;
  }
  EXPECT_FALSE(has_safe_scheme("http://x/" + std::string(64 * 1024, 'a')));
}

TEST(ResolveSafeUrl, DropsUnsafeResultsAndKeepsSafeOnes) {
  const std::string_view base = "http://x/dir/";
  EXPECT_EQ(resolve_safe_url(base, "java\tscript:alert(1)"), std::nullopt);
  EXPECT_EQ(resolve_safe_url(base, " javascript:alert(1)"), std::nullopt);
  EXPECT_EQ(resolve_safe_url(base, "data:text/html,x"), std::nullopt);
  EXPECT_EQ(resolve_safe_url(base, "http://[::1/"), std::nullopt);
  EXPECT_EQ(resolve_safe_url(base, "../a"), "http://x/a");
  EXPECT_EQ(resolve_safe_url(base, "mailto:a@b"), "mailto:a@b");
  EXPECT_EQ(resolve_safe_url("", "/a"), "/a");
}

}  // namespace
}  // namespace feeds
