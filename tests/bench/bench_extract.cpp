// bench_extract: feeds::extract_article throughput (pages/s, bytes/s) over the Readability test
// pages (the extract-eval dev set), text only and with the sanitized content HTML, next to the
// bare HTML parse (feeds::parse_html_document) of the same bytes as the floor.
//
//   bench_extract [--dev-corpus=DIR] [benchmark flags]
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

#include "feeds/html/dom.hpp"
#include "feeds/html/extract.hpp"

namespace {

struct Pages {
  std::vector<std::string> documents;
  std::int64_t total_bytes = 0;
};

/// Every <case>/source.html below `folder`, in name order.
Pages load_pages(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const auto source = entry.path() / "source.html";
    if (entry.is_directory() && std::filesystem::is_regular_file(source)) paths.push_back(source);
  }
  std::sort(paths.begin(), paths.end());
  Pages pages;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    pages.documents.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    pages.total_bytes += static_cast<std::int64_t>(pages.documents.back().size());
  }
  return pages;
}

void report(benchmark::State& state, const Pages& pages, std::int64_t failed) {
  const auto count = static_cast<std::int64_t>(pages.documents.size());
  state.SetBytesProcessed(pages.total_bytes * state.iterations());
  state.counters["pages/s"] = benchmark::Counter(static_cast<double>(count * state.iterations()),
                                                 benchmark::Counter::kIsRate);
  state.counters["pages"] = static_cast<double>(count);
  state.counters["no_article"] =
      static_cast<double>(failed / std::max<std::int64_t>(1, state.iterations()));
}

void bench_extract(benchmark::State& state, const Pages* pages, bool produce_html) {
  std::int64_t failed = 0;
  feeds::ExtractOptions options;
  options.produce_html = produce_html;
  for (auto _ : state) {
    for (const auto& document : pages->documents) {
      feeds::ExtractRequest request;
      request.bytes = document;
      request.url = "http://fakehost/test/page.html";
      auto article = feeds::extract_article(request, options);
      if (!article) ++failed;
      benchmark::DoNotOptimize(article);
    }
  }
  report(state, *pages, failed);
}

void bench_parse_html(benchmark::State& state, const Pages* pages) {
  for (auto _ : state) {
    for (const auto& document : pages->documents) {
      pugi::xml_document tree;
      feeds::parse_html_document(document, tree);
      benchmark::DoNotOptimize(tree);
    }
  }
  report(state, *pages, 0);
}

// Takes --name=VALUE out of argv so benchmark::Initialize does not see it.
std::string take_flag(int& argc, char** argv, std::string_view name, std::string fallback) {
  const std::string prefix = "--" + std::string(name) + "=";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
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
  const std::string folder = take_flag(argc, argv, "dev-corpus", FEEDD_BENCH_EXTRACT_CORPUS);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (!std::filesystem::is_directory(folder)) {
    std::fprintf(stderr, "bench_extract: corpus folder not found: %s\n", folder.c_str());
    return 1;
  }
  const Pages pages = load_pages(folder);
  std::fprintf(stderr, "bench_extract: %zu pages, %lld bytes from %s\n", pages.documents.size(),
               static_cast<long long>(pages.total_bytes), folder.c_str());
  benchmark::RegisterBenchmark("extract_article/text", bench_extract, &pages, false)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("extract_article/text+html", bench_extract, &pages, true)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("parse_html_document", bench_parse_html, &pages)
      ->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
