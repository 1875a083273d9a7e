#include "daemon/server/router.hpp"

#include <future>
#include <stdexcept>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gtest/gtest.h>

namespace feedd {
namespace {

/// A handler whose reply body names it, so a test can tell which route answered.
Handler named(std::string name) {
  return [name = std::move(name)](const Request&) -> boost::asio::awaitable<Reply> {
    co_return make_reply(200, "text/plain", name);
  };
}

Router make_router() {
  Router router;
  router.add("/", named("root"));
  router.add("/feed.atom", named("feed.atom"));
  router.add("/healthz", named("healthz"));
  router.add("/feeds/{id:int}", named("feed"));
  router.add("/outputs/{name}.{format:atom|rss|json}", named("output"));
  router.add("/outputs/all.atom", named("all-exact"));
  return router;
}

std::string run_handler(const Handler& handler, const Request& request) {
  boost::asio::io_context io;
  auto reply = boost::asio::co_spawn(io, handler(request), boost::asio::use_future);
  io.run_for(std::chrono::seconds(5));
  return *reply.get().body;
}

struct RouteCase {
  std::string target;
  int status;
  std::string route;  ///< body of the handler that must answer; empty for no handler
  RouteParams params;
  std::string path = {};   ///< expected decoded path, when checked
  std::string query = {};
};

TEST(Router, RoutesExactAndPatternPathsAndRefusesTheRest) {
  const Router router = make_router();
  const std::vector<RouteCase> cases = {
      {"/", 200, "root", {}, "/"},
      {"/feed.atom", 200, "feed.atom", {}},
      {"/healthz?verbose=1", 200, "healthz", {}, "/healthz", "verbose=1"},
      {"/feeds/12", 200, "feed", {{"id", "12"}}},
      {"/feeds/999999999999999999", 200, "feed", {{"id", "999999999999999999"}}},
      {"/feeds/0", 404, "", {}},
      {"/feeds/012", 404, "", {}},
      {"/feeds/-1", 404, "", {}},
      {"/feeds/abc", 404, "", {}},
      {"/feeds/12a", 404, "", {}},
      {"/feeds/", 404, "", {}},
      {"/feeds/12/", 404, "", {}},
      {"/feeds/1234567890123456789", 404, "", {}},
      {"/outputs/news.atom", 200, "output", {{"name", "news"}, {"format", "atom"}}},
      {"/outputs/my.news.rss", 200, "output", {{"name", "my.news"}, {"format", "rss"}}},
      {"/outputs/caf%C3%A9.json", 200, "output", {{"name", "caf\xC3\xA9"}, {"format", "json"}}},
      {"/outputs/all.atom", 200, "all-exact", {}},
      {"/outputs/news.xml", 404, "", {}},
      {"/outputs/.atom", 404, "", {}},
      {"/outputs/news", 404, "", {}},
      {"/nope", 404, "", {}},
      {"/feed.atom%3F", 404, "", {}, "/feed.atom?"},
      {"/../etc/passwd", 400, "", {}},
      {"/feeds/..", 400, "", {}},
      {"/%2e%2e/etc/passwd", 400, "", {}},
      {"/a/%2E%2E", 400, "", {}},
      {"/./feed.atom", 400, "", {}},
      {"/a%00b", 400, "", {}},
      {"/a%0Ab", 400, "", {}},
      {"/a%zz", 400, "", {}},
      {"/a%4", 400, "", {}},
      {"/a%", 400, "", {}},
      {"/a\\b", 400, "", {}},
      {"feed.atom", 400, "", {}},
      {"", 400, "", {}},
      {"http://example.org/feed.atom", 400, "", {}},
      {"/" + std::string(max_request_path_bytes, 'a'), 400, "", {}},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.target.substr(0, 80));
    Request request;
    const auto result = router.route(test.target, request);
    EXPECT_EQ(result.status, test.status);
    EXPECT_EQ(result.handler != nullptr, !test.route.empty());
    if (!result.handler) continue;
    EXPECT_EQ(run_handler(*result.handler, request), test.route);
    EXPECT_EQ(request.params, test.params);
    if (!test.path.empty()) {
      EXPECT_EQ(request.path, test.path);
    }
    EXPECT_EQ(request.query, test.query);
  }
}

TEST(Router, ParamLooksUpCapturedValuesByName) {
  const Router router = make_router();
  Request request;
  ASSERT_NE(router.route("/outputs/news.json", request).handler, nullptr);
  EXPECT_EQ(request.param("name"), "news");
  EXPECT_EQ(request.param("format"), "json");
  EXPECT_EQ(request.param("id"), "");
}

TEST(Router, LongPathJustUnderTheLimitIsRoutedNotRefused) {
  const Router router = make_router();
  Request request;
  const std::string path = "/" + std::string(max_request_path_bytes - 1, 'a');
  EXPECT_EQ(router.route(path, request).status, 404);
}

TEST(Router, MalformedPatternsAreRejectedAtRegistration) {
  Router router;
  for (const std::string pattern : {"feeds/{id}", "", "/feeds/{id", "/feeds/{}", "/x/{a}{b}", "/x/{a:}",
                                    "/x/{a:b||c}"}) {
    SCOPED_TRACE(pattern);
    EXPECT_THROW(router.add(pattern, named("x")), std::invalid_argument);
  }
}

TEST(DecodeRequestPath, DecodesPercentEscapesOnce) {
  EXPECT_EQ(decode_request_path("/a%20b"), "/a b");
  EXPECT_EQ(decode_request_path("/a%2525"), "/a%25");
  EXPECT_EQ(decode_request_path("/%7Euser"), "/~user");
  EXPECT_EQ(decode_request_path("/a..b/c."), "/a..b/c.");
}

}  // namespace
}  // namespace feedd
