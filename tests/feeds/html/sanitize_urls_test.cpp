#include <gtest/gtest.h>

#include <string>

#include "feeds/html/sanitize.hpp"
#include "sanitize_cases.hpp"

namespace {

using feeds::testing::SanitizeCase;

TEST(SanitizeHtml, ResolvesLinksAndAddsRel) {
  const SanitizeCase cases[] = {
      {"<a href=\"/about\">x</a>", "<a href=\"https://example.org/about\"" A_ATTRS ">x</a>"},
      {"<a href=\"next.html?a=1&amp;b=2\">x</a>",
       "<a href=\"https://example.org/blog/next.html?a=1&amp;b=2\"" A_ATTRS ">x</a>"},
      {"<a href=\"#top\">x</a>",
       "<a href=\"https://example.org/blog/post.html#top\"" A_ATTRS ">x</a>"},
      {"<a href=\"http://other.example/\" rel=opener target=_blank>x</a>",
       "<a href=\"http://other.example/\"" A_ATTRS ">x</a>"},
      {"<a href=\"mailto:me@example.org\">m</a>",
       "<a href=\"mailto:me@example.org\"" A_ATTRS ">m</a>"},
      {"<a href=\" \n https://example.org/x \">x</a>",
       "<a href=\"https://example.org/x\"" A_ATTRS ">x</a>"},
      {"<a href=\"javascript:alert(1)\">x</a>", "x"},
      {"<a href=\"JaVaScRiPt:alert(1)\">x</a>", "x"},
      {"<a href=\"java&#x09;script:alert(1)\">x</a>", "x"},
      {"<a href=\"&#x20;&#x01;javascript:alert(1)\">x</a>", "x"},
      {"<a href=\"&#xA0;javascript:alert(1)\">x</a>", "x"},
      {"<a href=\"vbscript:msgbox(1)\">x</a>", "x"},
      {"<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "x"},
      {"<a href=\"file:///etc/passwd\">x</a><a href=\"ftp://h/\">y</a>", "xy"},
      {"<a href=\"tel:123\">x</a>", "x"},
  };
  EXPECT_SANITIZED(cases);
}

TEST(SanitizeHtml, ChecksUrlsOfEveryUrlAttribute) {
  const SanitizeCase cases[] = {
      {"<img src=\"javascript:alert(1)\">", ""},
      {"<img src=\"//cdn.example/i.png\">", "<img src=\"https://cdn.example/i.png\"" IMG_ATTRS ">"},
      {"<blockquote cite=\"javascript:x\">q</blockquote>", "<blockquote>q</blockquote>"},
      {"<q cite=\"/src\">q</q>", "<q cite=\"https://example.org/src\">q</q>"},
      {"<video src=\"v.mp4\" poster=\"javascript:x\" autoplay></video>",
       "<video src=\"https://example.org/blog/v.mp4\" controls=\"\"></video>"},
      {"<audio src=\"data:audio/mp3;base64,AA\"></audio>", "<audio controls=\"\"></audio>"},
      {"<picture><source srcset=\"a.webp\" type=\"image/webp\"><img src=\"a.jpg\"></picture>",
       "<picture><source srcset=\"https://example.org/blog/a.webp\" type=\"image/webp\">"
       "<img src=\"https://example.org/blog/a.jpg\"" IMG_ATTRS "></picture>"},
      {"<source media=x>", ""},
      {"<img alt=\"no source\">", ""},
  };
  EXPECT_SANITIZED(cases);
}

TEST(SanitizeHtml, KeepsRasterDataImagesOnlyInImgSrc) {
  const SanitizeCase cases[] = {
      {"<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
       "<img src=\"data:image/png;base64,iVBORw0KGgo=\"" IMG_ATTRS ">"},
      {"<img src=\"DATA:image/JPEG;base64,/9j/\">",
       "<img src=\"DATA:image/JPEG;base64,/9j/\"" IMG_ATTRS ">"},
      {"<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", ""},
      {"<img src=\"data:text/html;base64,PHNjcmlwdD4=\">", ""},
      {"<img src=\"data:image/pngx,AA\">", ""},
      {"<video poster=\"data:image/png;base64,AA\"></video>", "<video controls=\"\"></video>"},
      {"<img srcset=\"data:image/png;base64,AA 1x\">", ""},
  };
  EXPECT_SANITIZED(cases);
}

TEST(SanitizeHtml, RewritesSrcsetPerCandidate) {
  const SanitizeCase cases[] = {
      {"<img srcset=\"a.jpg 1x, /b.jpg 2x\">",
       "<img srcset=\"https://example.org/blog/a.jpg 1x, https://example.org/b.jpg 2x\"" IMG_ATTRS
       ">"},
      {"<img srcset=\"a.jpg 480w,javascript:alert(1) 800w, c.jpg 1.5x\">",
       "<img srcset=\"https://example.org/blog/a.jpg 480w, https://example.org/blog/c.jpg "
       "1.5x\"" IMG_ATTRS ">"},
      {"<img srcset=\"a.jpg,, b.jpg bogus, c.jpg\">",
       "<img srcset=\"https://example.org/blog/a.jpg, https://example.org/blog/c.jpg\"" IMG_ATTRS
       ">"},
      {"<img src=x.jpg srcset=\"javascript:a 1x\">",
       "<img src=\"https://example.org/blog/x.jpg\"" IMG_ATTRS ">"},
  };
  EXPECT_SANITIZED(cases);
}

TEST(SanitizeHtml, HonoursBaseHrefInsideTheFragmentAndDropsIt) {
  const SanitizeCase cases[] = {
      {"<a href=a>1</a><base href=\"https://cdn.example/dir/\"><img src=i.png>",
       "<a href=\"https://cdn.example/dir/a\"" A_ATTRS
       ">1</a><img src=\"https://cdn.example/dir/i.png\"" IMG_ATTRS ">"},
      {"<base href=\"/other/\"><a href=x>x</a>",
       "<a href=\"https://example.org/other/x\"" A_ATTRS ">x</a>"},
      {"<base href=\"javascript:alert(1)//\"><a href=x>x</a>",
       "<a href=\"https://example.org/blog/x\"" A_ATTRS ">x</a>"},
  };
  EXPECT_SANITIZED(cases);
}

TEST(SanitizeHtml, KeepsRelativeUrlsWhenThereIsNoBase) {
  EXPECT_EQ(feeds::sanitize_html("<a href=\"/x\">x</a>", ""), "<a href=\"/x\"" A_ATTRS ">x</a>");
  EXPECT_EQ(feeds::sanitize_html("<a href=\"javascript:x\">x</a>", ""), "x");
  EXPECT_EQ(feeds::sanitize_html("<base href=\"https://b.example/\"><a href=\"/x\">x</a>", ""),
            "<a href=\"https://b.example/x\"" A_ATTRS ">x</a>");
}

TEST(SanitizeHtml, AllowsIframesOnlyFromAllowedHosts) {
  const SanitizeCase cases[] = {
      {"<iframe src=\"https://www.youtube.com/embed/x\" width=560 height=315 allowfullscreen "
       "srcdoc=x>fallback<b>b</b></iframe>",
       "<iframe src=\"https://www.youtube.com/embed/x\" width=\"560\" height=\"315\" "
       "allowfullscreen=\"\" "
       "sandbox=\"allow-scripts allow-same-origin allow-popups\" loading=\"lazy\"></iframe>"},
      {"<iframe src=\"https://WWW.YouTube.com/embed/x\" sandbox=\"allow-top-navigation\"></iframe>",
       "<iframe src=\"https://WWW.YouTube.com/embed/x\" sandbox=\"allow-scripts allow-same-origin "
       "allow-popups\" loading=\"lazy\"></iframe>"},
      {"<iframe src=\"https://www.youtube.com.evil.example/\"></iframe>", ""},
      {"<iframe src=\"javascript:alert(1)\"></iframe>", ""},
      {"<iframe>no src</iframe>", ""},
  };
  EXPECT_SANITIZED(cases);
  const SanitizeCase none[] = {{"<iframe src=\"https://www.youtube.com/embed/x\"></iframe>", ""}};
  EXPECT_SANITIZED(none, feeds::SanitizeOptions{.iframe_hosts = {}});
}

// The default argument is one object built once, equal to SanitizeOptions{}: the iframe
// allowlist above is what a caller passing no options gets.
TEST(SanitizeHtml, DefaultOptionsAreBuiltOnceAndEqualTheDefaults) {
  const feeds::SanitizeOptions& options = feeds::default_sanitize_options();
  EXPECT_EQ(&options, &feeds::default_sanitize_options());
  EXPECT_EQ(options.iframe_hosts, feeds::SanitizeOptions{}.iframe_hosts);
  const std::string iframe = "<iframe src=\"https://player.vimeo.com/video/1\"></iframe>";
  EXPECT_EQ(feeds::sanitize_html(iframe, ""), feeds::sanitize_html(iframe, "", options));
  EXPECT_NE(feeds::sanitize_html(iframe, ""), "");
}

}  // namespace
