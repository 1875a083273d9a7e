// bench_parse: feeds::parse_feed throughput (bytes/s, items/s) over two corpora, next to a bare
// pugi::xml_document::load_buffer of the same bytes as the floor; and the content fingerprint
// of every parsed item (XXH3, and the SHA-1 form earlier versions stored).
//
//   bench_parse --gen-corpus=DIR [--dev-corpus=DIR] [benchmark flags]
//
// --gen-corpus: the feeds/ folder of shared/tools/pollbench/gen_feeds.py output (RSS 2.0 and
// Atom, 6% legacy charsets). --dev-corpus: feedparser's test files (default: the shared copy).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "feeds/dedup/identity.hpp"
#include "feeds/parse/feed_parser.hpp"

namespace {

struct Corpus {
  std::string name;
  std::vector<std::string> documents;
  std::int64_t total_bytes = 0;
};

bool is_feed_file(const std::filesystem::path& path) {
  static const std::vector<std::string> extensions = {".xml", ".rss", ".atom", ".rdf"};
  return std::find(extensions.begin(), extensions.end(), path.extension().string()) !=
         extensions.end();
}

Corpus load_corpus(std::string name, const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && is_feed_file(entry.path())) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  Corpus corpus{std::move(name), {}, 0};
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    corpus.documents.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    corpus.total_bytes += static_cast<std::int64_t>(corpus.documents.back().size());
  }
  return corpus;
}

void bench_parse_feed(benchmark::State& state, const Corpus* corpus) {
  std::int64_t items = 0;
  std::int64_t failed = 0;
  for (auto _ : state) {
    for (const auto& document : corpus->documents) {
      feeds::ParseRequest request;
      request.bytes = document;
      request.base_url = "https://bench.test/feed";
      auto result = feeds::parse_feed(request);
      if (result) {
        items += static_cast<std::int64_t>(result->items.size());
      } else {
        ++failed;
      }
      benchmark::DoNotOptimize(result);
    }
  }
  const auto documents = static_cast<std::int64_t>(corpus->documents.size());
  state.SetBytesProcessed(corpus->total_bytes * state.iterations());
  state.SetItemsProcessed(items);
  state.counters["docs/s"] = benchmark::Counter(static_cast<double>(documents * state.iterations()),
                                                benchmark::Counter::kIsRate);
  state.counters["docs"] = static_cast<double>(documents);
  state.counters["failed_docs"] = static_cast<double>(failed / std::max<std::int64_t>(1, state.iterations()));
}

void bench_pugixml_load(benchmark::State& state, const Corpus* corpus) {
  std::int64_t failed = 0;
  for (auto _ : state) {
    for (const auto& document : corpus->documents) {
      pugi::xml_document xml;
      auto loaded = xml.load_buffer(document.data(), document.size());
      if (!loaded) ++failed;
      benchmark::DoNotOptimize(xml);
    }
  }
  const auto documents = static_cast<std::int64_t>(corpus->documents.size());
  state.SetBytesProcessed(corpus->total_bytes * state.iterations());
  state.counters["docs/s"] = benchmark::Counter(static_cast<double>(documents * state.iterations()),
                                                benchmark::Counter::kIsRate);
  state.counters["docs"] = static_cast<double>(documents);
  state.counters["failed_docs"] = static_cast<double>(failed / std::max<std::int64_t>(1, state.iterations()));
}

std::vector<feeds::Item> parsed_items(const Corpus& corpus) {
  std::vector<feeds::Item> items;
  for (const auto& document : corpus.documents) {
    feeds::ParseRequest request;
    request.bytes = document;
    request.base_url = "https://bench.test/feed";
    auto result = feeds::parse_feed(request);
    if (!result) continue;
    for (auto& item : result->items) items.push_back(std::move(item));
  }
  return items;
}

// fingerprint: feeds::content_fingerprint or feeds::sha1_content_fingerprint.
template <std::string (*fingerprint)(const feeds::Item&)>
void bench_content_fingerprint(benchmark::State& state, const Corpus* corpus) {
  const auto items = parsed_items(*corpus);
  std::int64_t bytes = 0;
  for (const auto& item : items)
    bytes += static_cast<std::int64_t>(item.content_html ? item.content_html->size() : 0);
  for (auto _ : state) {
    for (const auto& item : items) benchmark::DoNotOptimize(fingerprint(item));
  }
  state.SetBytesProcessed(bytes * state.iterations());
  state.SetItemsProcessed(static_cast<std::int64_t>(items.size()) * state.iterations());
}

// Takes --name=VALUE out of argv so benchmark::Initialize does not see it.
std::string take_flag(int& argc, char** argv, std::string_view name, std::string fallback) {
  std::string prefix = "--" + std::string(name) + "=";
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.substr(0, prefix.size()) == prefix) {
      std::string value(arg.substr(prefix.size()));
      std::copy(argv + i + 1, argv + argc, argv + i);
      --argc;
      return value;
    }
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  std::string gen_folder = take_flag(argc, argv, "gen-corpus", "");
  std::string dev_folder = take_flag(argc, argv, "dev-corpus", FEEDD_BENCH_DEV_CORPUS);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  std::vector<Corpus> corpora;
  corpora.reserve(2);
  for (auto [name, folder] : {std::pair{"generated", gen_folder}, std::pair{"feedparser-dev", dev_folder}}) {
    if (folder.empty()) continue;
    if (!std::filesystem::is_directory(folder)) {
      std::fprintf(stderr, "bench_parse: %s corpus folder not found: %s\n", name, folder.c_str());
      return 1;
    }
    corpora.push_back(load_corpus(name, folder));
    std::fprintf(stderr, "bench_parse: %s corpus: %zu files, %lld bytes from %s\n", name,
                 corpora.back().documents.size(), static_cast<long long>(corpora.back().total_bytes),
                 folder.c_str());
  }
  if (corpora.empty()) {
    std::fprintf(stderr, "bench_parse: no corpus; pass --gen-corpus=DIR and/or --dev-corpus=DIR\n");
    return 1;
  }
  for (const auto& corpus : corpora) {
    benchmark::RegisterBenchmark(("parse_feed/" + corpus.name).c_str(), bench_parse_feed, &corpus)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("pugixml_load/" + corpus.name).c_str(), bench_pugixml_load, &corpus)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("content_fingerprint_xxh3/" + corpus.name).c_str(),
                                 bench_content_fingerprint<feeds::content_fingerprint>, &corpus)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("content_fingerprint_sha1/" + corpus.name).c_str(),
                                 bench_content_fingerprint<feeds::sha1_content_fingerprint>,
                                 &corpus)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
