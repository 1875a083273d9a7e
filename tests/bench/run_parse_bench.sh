#!/usr/bin/env bash
# Runs bench_parse and, in the same run, python feedparser on the same generated corpus.
#   tests/bench/run_parse_bench.sh [BUILD_DIR]      (default: build; a Release build)
# Env: BENCH_FEEDS (feeds in the generated corpus, default 300), BENCH_SEED (42),
#      FEEDD_SHARED_DIR (default: ../shared next to the repository), BENCH_ARGS (extra flags
#      for bench_parse, e.g. --benchmark_repetitions=5).
# Writes the corpus to BUILD_DIR/bench-corpus/ and results to BUILD_DIR/bench-results/.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
shared=${FEEDD_SHARED_DIR:-$repo/../shared}
feeds=${BENCH_FEEDS:-300}
seed=${BENCH_SEED:-42}
corpus=$build/bench-corpus/n$feeds-seed$seed
results=$build/bench-results
mkdir -p "$results"

if ! /usr/bin/python3 -c 'import feedparser' 2>/dev/null; then
  echo "run_parse_bench: /usr/bin/python3 has no feedparser; run scripts/install-deps.sh --bench" >&2
  exit 1
fi

cmake --build "$build" --target bench_parse -j2

if [[ ! -f $corpus/urls.txt ]]; then
  # gen_feeds.py is deterministic in (seed, i): regenerating gives the same bytes.
  rm -rf "$corpus"
  /usr/bin/python3 "$shared/tools/pollbench/gen_feeds.py" gen --out "$corpus" --n "$feeds" --seed "$seed" --jobs 2
fi
/usr/bin/python3 "$shared/tools/pollbench/gen_feeds.py" stats --out "$corpus"

echo "== bench_parse (feeds::parse_feed and pugixml load_buffer)"
# shellcheck disable=SC2086  # BENCH_ARGS is a list of flags
"$build/tests/bench/bench_parse" --gen-corpus="$corpus/feeds" \
  --dev-corpus="$shared/corpora/feedparser-tests" \
  --benchmark_out="$results/bench_parse.json" --benchmark_out_format=json ${BENCH_ARGS:-}

echo "== python3-feedparser on the same generated corpus"
/usr/bin/python3 "$shared/tools/parse-diff/feedparser_oracle.py" --bench "$corpus/feeds" | tee "$results/feedparser_generated.json"
echo "== python3-feedparser on the feedparser dev corpus (.xml files)"
/usr/bin/python3 "$shared/tools/parse-diff/feedparser_oracle.py" --bench "$shared/corpora/feedparser-tests" | tee "$results/feedparser_dev.json"

echo "results: $results/bench_parse.json $results/feedparser_generated.json $results/feedparser_dev.json"
