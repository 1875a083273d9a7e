// bench_dedup: the cost of cross-feed dedup per new item with 100k items stored (issue 6).
//
//   bench_dedup [--items=N] [benchmark flags]
//
// Builds a temporary database of N items (default 100000) over 100 feeds, 120 days of dates,
// each a 50-word text from a 3000-word vocabulary. Then, per iteration and inside a transaction
// that is rolled back (so the database stays the same size):
// - AssignStory/unique: story assignment of an item whose text matches nothing;
// - AssignStory/duplicate: of an item repeating a stored item's text from another site;
// - CommitFetch: a whole commit_fetch of a document with one new item (upsert + story),
//   committed, for scale.
#include <benchmark/benchmark.h>

#include <stdlib.h>

#include <cstring>
#include <filesystem>
#include <random>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/storage/database.hpp"
#include "daemon/storage/store.hpp"
#include "daemon/storage/story_assign.hpp"

namespace {

using namespace std::chrono_literals;
using feedd::TimePoint;

constexpr int feed_count = 100;
const TimePoint start{std::chrono::sys_days{std::chrono::year{2024} / 1 / 1}};
std::size_t stored_items = 100000;

// Appends, never "literal" + std::string (GCC 12 -Wrestrict false positive at -O3).
std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const auto part : parts) out += part;
  return out;
}

class Words {
 public:
  Words() {
    for (int i = 0; i < 3000; ++i) vocabulary_.push_back(join({"w", std::to_string(i * 7919 % 100003)}));
  }
  std::string text(std::size_t words) {
    std::string out;
    for (std::size_t i = 0; i < words; ++i) {
      out += vocabulary_[pick_(random_)];
      out += ' ';
    }
    return out;
  }

 private:
  std::vector<std::string> vocabulary_;
  std::mt19937_64 random_{6};
  std::uniform_int_distribution<std::size_t> pick_{0, 2999};
};

Words& words() {
  static Words instance;
  return instance;
}

feeds::Item make_item(int feed, std::size_t n, TimePoint date) {
  feeds::Item item;
  item.id = join({"f", std::to_string(feed), "-", std::to_string(n)});
  item.url = join({"https://site", std::to_string(feed), ".example/story/", std::to_string(n)});
  item.title = words().text(8);
  item.content_text = words().text(50);
  item.date_published = date;
  return item;
}

struct BenchDatabase {
  std::filesystem::path folder;
  std::filesystem::path path;
  std::vector<feedd::FeedId> feeds;

  BenchDatabase() {
    auto pattern = (std::filesystem::temp_directory_path() / "bench-dedup-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    folder = pattern;
    path = folder / "feedd.db";
    fill();
  }
  ~BenchDatabase() {
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
  }

  void fill() {
    feedd::Store store(path);
    std::vector<feedd::Subscription> subscriptions;
    for (int f = 0; f < feed_count; ++f)
      subscriptions.push_back({join({"https://site", std::to_string(f), ".example/feed"}), {}, {}});
    feeds = store.sync_feeds(subscriptions, start);
    const auto per_feed = stored_items / feed_count;
    const auto spacing = std::chrono::seconds(120 * 24h) / static_cast<long>(per_feed);
    for (int f = 0; f < feed_count; ++f) {
      feedd::FetchCommit fetch;
      fetch.fetched_at = fetch.started_at = start + 121 * 24h;
      fetch.first_fetch_item_limit = per_feed;
      for (std::size_t n = 0; n < per_feed; ++n)
        fetch.document.items.push_back(make_item(f, n, start + spacing * static_cast<long>(n)));
      store.commit_fetch(feeds[f], fetch);
    }
  }
};

BenchDatabase& database() {
  static BenchDatabase instance;
  return instance;
}

void assign_story(benchmark::State& state, bool duplicate) {
  auto& bench = database();
  feedd::Database db(bench.path);
  const feeds::StoryPolicy policy;
  const auto now = start + 121 * 24h;
  std::size_t n = 0;
  for (auto _ : state) {
    auto item = make_item(7, 1000000 + n, start + 60 * 24h + std::chrono::seconds(n % 86400));
    // A stored item's text at the same date, on another site: the same story.
    if (duplicate) item.content_text = make_item(3, 0, start).content_text;
    auto transaction = db.begin_write();
    // What storing a new item adds for dedup: its fingerprint, the story lookups, the story row.
    const auto fingerprint = feeds::story_fingerprint(item, policy, std::nullopt);
    benchmark::DoNotOptimize(feedd::storage::place_new_item(
        db, fingerprint, feedd::storage::new_item_story_date(item, now), now, policy));
    ++n;
  }
}

void BM_AssignStoryUnique(benchmark::State& state) { assign_story(state, false); }
void BM_AssignStoryDuplicate(benchmark::State& state) { assign_story(state, true); }

void BM_CommitFetchOneNewItem(benchmark::State& state) {
  auto& bench = database();
  feedd::Store store(bench.path);
  std::size_t n = 0;
  for (auto _ : state) {
    feedd::FetchCommit fetch;
    fetch.fetched_at = fetch.started_at = start + 121 * 24h + std::chrono::seconds(n);
    fetch.document.items.push_back(make_item(5, 2000000 + n, start + 60 * 24h));
    store.commit_fetch(bench.feeds[5], fetch);
    ++n;
  }
}

BENCHMARK(BM_AssignStoryUnique)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AssignStoryDuplicate)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CommitFetchOneNewItem)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--items=", 8) == 0) stored_items = std::stoul(argv[i] + 8);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
