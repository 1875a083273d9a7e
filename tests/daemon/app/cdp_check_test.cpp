// tests/browser/cdp_check.py judged on pages whose verdict is known: a clean page passes (and
// its screenshot is saved), a page whose script calls alert fails, a page loading an image from
// another host fails, a CSP violation counts as a console error; in fragment mode, feed images
// are allowed, CSS loads, event handlers and javascript: links are not. One browser for all.
#include <gtest/gtest.h>

#include "daemon/app/web_test_support.hpp"

namespace feedd::testing {
namespace {

using test::FixtureResponse;
using test::FixtureServer;

const std::string png_pixel = [] {
  // 1x1 transparent PNG.
  const unsigned char bytes[] = {
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
      0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
      0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x54, 0xa2, 0x4f,
      0x5d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}();

FixtureResponse html(const std::string& body, std::vector<std::pair<std::string, std::string>> headers = {}) {
  headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  return FixtureResponse{.headers = std::move(headers),
                         .body = "<!DOCTYPE html><html><head><title>t</title></head><body>" + body + "</body></html>"};
}

class CdpCheck : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    if (!is_executable(chromium_path())) return;
    // Made here, not in the initializers: a process running another test makes no folder.
    folder_ = new TempFolder;
    server_ = new FixtureServer;
    server_->on("/pixel.png", FixtureResponse{.headers = {{"Content-Type", "image/png"}}, .body = png_pixel});
    server_->on("/clean", html("<h1 style=\"color:teal\">Clean</h1><p>Nothing runs.</p><img src=\"/pixel.png\">"));
    server_->on("/inline-alert", html("<p>x</p><script>alert(1)</script>"));
    server_->on("/external-image", html("<img src=\"http://192.0.2.10/x.png\">"));
    server_->on("/csp-blocked", html("<img src=\"/pixel.png\">", {{"Content-Security-Policy", "default-src 'none'"}}));
    boost::json::array jobs{
        {{"name", "fragment-image"}, {"html", "<p>Text</p><img src=\"https://images.example/a.png\">"}},
        {{"name", "fragment-css"}, {"html", "<div style=\"background:url(https://evil.example/b.png)\">b</div>"}},
        {{"name", "fragment-onerror"}, {"html", "<img src=x onerror=alert(7)>"}},
        {{"name", "fragment-javascript-link"}, {"html", "<a href=\" java&#x09;script:alert(1)\">x</a>"}}};
    const std::string jobs_file = folder_->write("jobs.json", boost::json::serialize(jobs));
    verdict_ = new BrowserVerdict(check_in_browser({
        "--jobs", jobs_file, "--screenshot-dir", folder_->path() + "/shots",
        "clean=" + server_->url("/clean"), "inline-alert=" + server_->url("/inline-alert"),
        "external-image=" + server_->url("/external-image"), "csp-blocked=" + server_->url("/csp-blocked")}));
  }
  static void TearDownTestSuite() {
    delete verdict_;
    delete server_;
    delete folder_;
  }
  void SetUp() override {
    if (!verdict_) GTEST_SKIP() << "no Chromium at " << chromium_path() << " (scripts/install-deps.sh installs it)";
    ASSERT_NE(verdict_->exit_code, 2) << verdict_->raw;
  }
  static inline TempFolder* folder_ = nullptr;
  static inline FixtureServer* server_ = nullptr;
  static inline BrowserVerdict* verdict_ = nullptr;
};

TEST_F(CdpCheck, PassesACleanPageAndSavesItsScreenshot) {
  EXPECT_TRUE(verdict_->passed("clean")) << verdict_->raw;
  EXPECT_EQ(verdict_->exit_code, 1) << "the other pages fail";
  const auto shot = detail::read_whole_file(folder_->path() + "/shots/clean.png");
  EXPECT_EQ(shot.substr(0, 8), png_pixel.substr(0, 8)) << "not a PNG";
  EXPECT_GT(shot.size(), 1000u);
  EXPECT_EQ(server_->hits("/pixel.png"), 1);
}

TEST_F(CdpCheck, FailsAPageWhoseScriptCallsAlert) {
  EXPECT_FALSE(verdict_->passed("inline-alert"));
  EXPECT_NE(verdict_->problems("inline-alert").find("canary alert(1)"), std::string::npos) << verdict_->raw;
}

TEST_F(CdpCheck, FailsAPageLoadingAnImageFromAnotherHost) {
  EXPECT_FALSE(verdict_->passed("external-image"));
  EXPECT_NE(verdict_->problems("external-image").find("http://192.0.2.10/x.png"), std::string::npos)
      << verdict_->raw;
}

TEST_F(CdpCheck, CountsACspViolationAsAConsoleError) {
  EXPECT_FALSE(verdict_->passed("csp-blocked"));
  EXPECT_NE(verdict_->problems("csp-blocked").find("console error"), std::string::npos) << verdict_->raw;
}

TEST_F(CdpCheck, AllowsFeedImagesInAFragmentButNotCssLoads) {
  EXPECT_TRUE(verdict_->passed("fragment-image")) << verdict_->raw;
  EXPECT_FALSE(verdict_->passed("fragment-css"));
  EXPECT_NE(verdict_->problems("fragment-css").find("https://evil.example/b.png"), std::string::npos)
      << verdict_->raw;
}

TEST_F(CdpCheck, FailsEventHandlersAndScriptUrlsInAFragment) {
  EXPECT_NE(verdict_->problems("fragment-onerror").find("canary alert(7)"), std::string::npos) << verdict_->raw;
  EXPECT_NE(verdict_->problems("fragment-onerror").find("attribute onerror"), std::string::npos);
  EXPECT_NE(verdict_->problems("fragment-javascript-link").find("URL href"), std::string::npos) << verdict_->raw;
}

}  // namespace
}  // namespace feedd::testing
