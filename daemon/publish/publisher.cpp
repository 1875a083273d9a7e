#include "daemon/publish/publisher.hpp"

#include "daemon/publish/merged_entry.hpp"
#include "daemon/publish/render_output.hpp"
#include "daemon/publish/subscription_outlines.hpp"
#include "feeds/write/opml_writer.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;

const std::string opml_key = "/opml";

std::vector<std::shared_ptr<const OutputSelector>> compile_outputs(const Config& config) {
  std::vector<std::shared_ptr<const OutputSelector>> outputs;
  for (const auto& output : config.outputs) {
    outputs.push_back(std::make_shared<const OutputSelector>(output));
  }
  return outputs;
}

std::chrono::sys_seconds now_seconds() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace

Publisher::Publisher(const Config& config, StorageOwner& storage, WorkerPool& cpu,
                     std::string base_url)
    : storage_(storage),
      cpu_(cpu),
      base_url_(std::move(base_url)),
      outputs_(compile_outputs(config)),
      subscriptions_(std::make_shared<const std::vector<FeedConfig>>(config.feeds)) {}

void Publisher::invalidate() { ++generation_; }

void Publisher::reconfigure(const Config& config) {
  auto outputs = compile_outputs(config);
  outputs_ = std::move(outputs);
  subscriptions_ = std::make_shared<const std::vector<FeedConfig>>(config.feeds);
  cache_.clear();
  ++generation_;
}

std::shared_ptr<const OutputSelector> Publisher::find_output(std::string_view name) const {
  for (const auto& output : outputs_) {
    if (output->output().name == name) return output;
  }
  return nullptr;
}

const Rendering* Publisher::cached(const std::string& key) const {
  auto found = cache_.find(key);
  if (found == cache_.end() || found->second.generation != generation_) return nullptr;
  return &found->second.rendering;
}

void Publisher::remember(const std::string& key, const Rendering& rendering,
                         std::uint64_t generation) {
  // A rendering started before an invalidate() is served once but not kept.
  if (generation == generation_) cache_[key] = Cached{rendering, generation};
}

asio::awaitable<std::optional<Reply>> Publisher::serve_output(std::string_view name,
                                                              OutputFormat format) {
  auto selector = find_output(name);
  if (!selector) co_return std::nullopt;
  const std::string key = selector->output().name + "." + std::string(to_string(format));
  if (const Rendering* hit = cached(key)) co_return reply_of(*hit);
  const std::uint64_t generation = generation_;
  Rendering rendering = co_await render_output(*selector, format);
  remember(key, rendering, generation);
  co_return reply_of(rendering);
}

asio::awaitable<Reply> Publisher::serve_opml() {
  if (const Rendering* hit = cached(opml_key)) co_return reply_of(*hit);
  const std::uint64_t generation = generation_;
  // Held here: a reconfigure() while rendering replaces subscriptions_.
  const auto subscriptions = subscriptions_;
  Rendering rendering = co_await render_opml(*subscriptions);
  remember(opml_key, rendering, generation);
  co_return reply_of(rendering);
}

asio::awaitable<Rendering> Publisher::render_output(const OutputSelector& selector,
                                                    OutputFormat format) {
  auto list_feeds = [](Store& store) { return store.list_feeds(); };
  const std::vector<FeedRecord> feeds = co_await storage_.run(list_feeds);
  ItemCollector collector(selector, selector.select_feeds(feeds));
  while (!collector.done()) {
    auto read_page = [&collector](Store& store) { return read_story_page(store, collector); };
    StoryPage page = co_await storage_.run(read_page);
    auto take_page = [&collector, &page] {
      collector.take_page(std::move(page.items), std::move(page.stories));
    };
    co_await cpu_.run(take_page);
  }
  std::vector<SelectedStory> stories = collector.take_stories();
  auto read_primaries = [&stories, &collector](Store& store) {
    use_primary_items(store, stories, collector.feed_ids());
  };
  co_await storage_.run(read_primaries);
  auto write = [&] {
    const auto merged = build_merged_feed(selector.output(), format, base_url_, stories, feeds);
    const auto last_modified = feeds::latest_update(merged).value_or(now_seconds());
    return make_rendering(write_merged_feed(merged, format), content_type_of(format),
                          last_modified);
  };
  co_return co_await cpu_.run(write);
}

asio::awaitable<Rendering> Publisher::render_opml(
    const std::vector<FeedConfig>& subscriptions) {
  auto list_feeds = [](Store& store) { return store.list_feeds(); };
  const std::vector<FeedRecord> stored = co_await storage_.run(list_feeds);
  auto write = [&] {
    auto document = feeds::write_opml(subscription_outlines(subscriptions, stored),
                                      "feedd subscriptions");
    return make_rendering(std::move(document), opml_content_type, now_seconds());
  };
  co_return co_await cpu_.run(write);
}

}  // namespace feedd
