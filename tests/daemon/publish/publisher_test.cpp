#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "daemon/publish/publisher.hpp"
#include "publish_test_support.hpp"
#include "support/raw_http_client.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;
using namespace publish_test;

Config two_output_config() {
  Config config;
  for (const auto& subscription : three_subscriptions()) {
    FeedConfig feed;
    feed.url = subscription.url;
    feed.title = subscription.title;
    feed.tags = subscription.tags;
    config.feeds.push_back(feed);
  }
  config.outputs = {make_output("all"), make_output("news", {"news"})};
  return config;
}

class PublisherTest : public ::testing::Test {
 protected:
  PublisherTest() {
    auto store = std::make_unique<Store>(dir_.file("feedd.db"));
    ids_ = store->sync_feeds(three_subscriptions(), base_time);
    commit_items(*store, ids_[0], {item_at("rust-1", 1, "Rust one")}, "Rust Blog");
    commit_items(*store, ids_[1], {item_at("news-1", 2, "News one")}, "The News");
    storage_ = std::make_unique<StorageOwner>(std::move(store));
    publisher_ = std::make_unique<Publisher>(config_, *storage_, cpu_, "http://127.0.0.1:8080");
  }
  ~PublisherTest() override { storage_->stop(); }

  template <class T>
  T run(asio::awaitable<T> task) {
    std::optional<T> result;
    std::exception_ptr failure;
    asio::co_spawn(io_, std::move(task), [&](std::exception_ptr error, T value) {
      failure = error;
      if (!error) result = std::move(value);
    });
    io_.restart();
    io_.run();
    if (failure) std::rethrow_exception(failure);
    return std::move(*result);
  }

  Reply serve(const std::string& name, OutputFormat format = OutputFormat::atom) {
    auto reply = run(publisher_->serve_output(name, format));
    if (!reply) throw std::runtime_error("no output " + name);
    return *reply;
  }

  void add_item(FeedId feed, const std::string& guid, int hour, const std::string& title) {
    auto commit = [&](Store& store) { commit_items(store, feed, {item_at(guid, hour, title)}); };
    auto task = [](StorageOwner& storage, decltype(commit)& operation) -> asio::awaitable<int> {
      co_await storage.run(operation);
      co_return 0;
    };
    run(task(*storage_, commit));
  }

  storage_test::TempDir dir_;
  std::vector<FeedId> ids_;
  Config config_ = two_output_config();
  asio::io_context io_;
  WorkerPool cpu_{2};
  std::unique_ptr<StorageOwner> storage_;
  std::unique_ptr<Publisher> publisher_;
};

TEST_F(PublisherTest, ServesEachFormatWithItsContentTypeAndSelfLink) {
  const auto atom = serve("all", OutputFormat::atom);
  EXPECT_EQ(atom.status, 200);
  EXPECT_EQ(atom.content_type, "application/atom+xml; charset=utf-8");
  EXPECT_NE(atom.body->find("http://127.0.0.1:8080/feed.atom"), std::string::npos);
  EXPECT_NE(atom.body->find("Rust one"), std::string::npos);
  const auto rss = serve("news", OutputFormat::rss);
  EXPECT_EQ(rss.content_type, "application/rss+xml; charset=utf-8");
  EXPECT_NE(rss.body->find("http://127.0.0.1:8080/outputs/news.rss"), std::string::npos);
  EXPECT_NE(rss.body->find("News one"), std::string::npos);
  EXPECT_EQ(rss.body->find("Rust one"), std::string::npos);
  EXPECT_EQ(serve("news", OutputFormat::json).content_type,
            "application/feed+json; charset=utf-8");
}

TEST_F(PublisherTest, UnknownOutputIsNullopt) {
  EXPECT_FALSE(run(publisher_->serve_output("nope", OutputFormat::atom)).has_value());
}

TEST_F(PublisherTest, CachedRenderingIsReusedUntilInvalidated) {
  const auto first = serve("all");
  add_item(ids_[0], "rust-2", 5, "Rust two");
  const auto second = serve("all");
  EXPECT_EQ(second.body, first.body) << "the same shared body: nothing rendered again";
  EXPECT_EQ(second.body->find("Rust two"), std::string::npos);
  publisher_->invalidate();
  const auto third = serve("all");
  EXPECT_NE(third.body->find("Rust two"), std::string::npos);
  EXPECT_NE(third.etag, first.etag);
}

TEST_F(PublisherTest, ETagIsStableForTheSameData) {
  const auto first = serve("all");
  ASSERT_TRUE(first.etag.has_value());
  EXPECT_EQ(first.etag->front(), '"');
  EXPECT_EQ(first.etag->back(), '"');
  publisher_->invalidate();
  const auto second = serve("all");
  EXPECT_NE(second.body, first.body) << "rendered again";
  EXPECT_EQ(*second.body, *first.body);
  EXPECT_EQ(second.etag, first.etag);
  EXPECT_NE(serve("all", OutputFormat::rss).etag, first.etag);
}

TEST_F(PublisherTest, GzipBodyInflatesToTheBody) {
  const auto reply = serve("all", OutputFormat::json);
  ASSERT_TRUE(reply.gzip_body);
  EXPECT_LT(reply.gzip_body->size(), reply.body->size() + 64);
  EXPECT_EQ(test::gunzip(*reply.gzip_body), *reply.body);
}

TEST_F(PublisherTest, LastModifiedIsTheNewestEntryDate) {
  EXPECT_EQ(serve("all").last_modified, hour_time(2));
  EXPECT_EQ(serve("news").last_modified, hour_time(2));
  add_item(ids_[0], "rust-9", 9, "Rust nine");
  publisher_->invalidate();
  EXPECT_EQ(serve("all").last_modified, hour_time(9));
}

TEST_F(PublisherTest, ReconfigureReplacesTheOutputs) {
  EXPECT_FALSE(run(publisher_->serve_output("rust", OutputFormat::atom)).has_value());
  auto config = config_;
  config.outputs.push_back(make_output("rust", {"rust"}));
  publisher_->reconfigure(config);
  const auto rust = serve("rust");
  EXPECT_NE(rust.body->find("Rust one"), std::string::npos);
  EXPECT_EQ(rust.body->find("News one"), std::string::npos);
}

TEST_F(PublisherTest, OpmlListsTheSubscriptionsWithStoredTitles) {
  const auto opml = run(publisher_->serve_opml());
  EXPECT_EQ(opml.content_type, opml_content_type);
  EXPECT_NE(opml.body->find("<opml version=\"2.0\">"), std::string::npos);
  EXPECT_NE(opml.body->find("xmlUrl=\"https://news.example/rss\""), std::string::npos);
  EXPECT_NE(opml.body->find("title=\"The News\""), std::string::npos) << *opml.body;
  EXPECT_NE(opml.body->find("title=\"Rust Blog\""), std::string::npos);
  EXPECT_EQ(test::gunzip(*opml.gzip_body), *opml.body);
}

TEST_F(PublisherTest, AStoryFromTwoFeedsIsOneEntryListingBoth) {
  add_item(ids_[1], "shared", 6, "Shared story");
  add_item(ids_[2], "shared", 7, "Shared story");  // the same link: the same story
  const std::string body = *serve("all", OutputFormat::json).body;
  std::size_t titles = 0;
  for (auto at = body.find("Shared story"); at != std::string::npos;
       at = body.find("Shared story", at + 1))
    ++titles;
  EXPECT_EQ(titles, 1u) << body;
  const auto news = body.find("\"feed_url\":\"https://news.example/rss\"");
  const auto mixed = body.find("\"feed_url\":\"https://mixed.example/atom\"");
  ASSERT_NE(news, std::string::npos) << body;
  ASSERT_NE(mixed, std::string::npos) << body;
  EXPECT_LT(news, mixed) << "the primary (first seen) source first";
}

}  // namespace
}  // namespace feedd
