# feedd entry points. On a fresh Debian 12, as root: `make test`, `make run`.
# Every target first runs scripts/install-deps.sh (idempotent: no network when all is installed).
#
#   make           Release build of build/feedd
#   make test      Release build + CTest, ASan/UBSan build + CTest, libFuzzer build + 20 s per target
#   make run       build, then the daemon on config/demo.toml (dashboard on http://127.0.0.1:8080)
#   make fuzz      each fuzz target for FUZZ_SECONDS (600) with JOBS (2) parallel jobs
#   make bench     bench_parse next to python3-feedparser (docs/BENCHMARKS.md)
#   make bench-serve  wrk on feedd's /feed.atom next to nginx (docs/BENCHMARKS.md)
#   make package   Debian package build/feedd_VERSION_ARCH.deb (README: Install as a service)
#   make clean     remove the build folders
#
# Knobs: JOBS=2, FEEDD_SHARED_DIR=../shared, FUZZ_SECONDS=600, CMAKE_ARGS='-D...' (every configure).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.NOTPARALLEL:
.DEFAULT_GOAL := all

JOBS ?= 2
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FEEDD_SHARED_DIR ?= $(abspath $(CURDIR)/../shared)
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := fuzz_feed fuzz_date fuzz_url fuzz_sanitize fuzz_html_extract
CMAKE_ARGS ?=
DEMO_CONFIG ?= config/demo.toml

export FEEDD_SHARED_DIR

CONFIGURE = cmake -S . -G Ninja -DFEEDD_SHARED_DIR=$(FEEDD_SHARED_DIR) $(CMAKE_ARGS) -B
CTEST = ctest --output-on-failure -j$(JOBS) --test-dir
SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1 \
                UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: all deps build test test-release test-asan test-fuzz fuzz-build fuzz run bench bench-serve package clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(CONFIGURE) $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j$(JOBS) --target feedd

# Runs all three stages even when one fails, then reports which failed.
test: deps
	@start=$$SECONDS; failed=(); \
	for stage in test-release test-asan test-fuzz; do \
	  stage_start=$$SECONDS; \
	  if $(MAKE) --no-print-directory $$stage; then result=passed; else result=FAILED; failed+=($$stage); fi; \
	  echo "make test: $$stage $$result in $$((SECONDS - stage_start)) s"; \
	done; \
	echo "make test: total $$((SECONDS - start)) s"; \
	if (( $${#failed[@]} )); then echo "make test: FAILED: $${failed[*]}"; exit 1; fi; \
	echo "make test: all stages passed"

test-release: deps
	$(CONFIGURE) $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j$(JOBS)
	$(CTEST) $(BUILD)

# Benchmarks are timing, not correctness: the sanitizer build leaves them out.
test-asan: deps
	$(CONFIGURE) $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DFEEDD_SANITIZE=ON -DFEEDD_BUILD_BENCHMARKS=OFF
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	$(SANITIZER_ENV) $(CTEST) $(ASAN_BUILD)

fuzz-build: deps
	CC=clang-14 CXX=clang++-14 $(CONFIGURE) $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFEEDD_FUZZ=ON
	cmake --build $(FUZZ_BUILD) -j$(JOBS)

test-fuzz: fuzz-build
	$(CTEST) $(FUZZ_BUILD) -L fuzz

# -jobs writes fuzz-<n>.log into the working folder, hence one log folder per target.
fuzz: fuzz-build
	@failed=(); \
	for target in $(FUZZ_TARGETS); do \
	  logs=$(FUZZ_BUILD)/tests/fuzz/logs/$$target; artifacts=$(FUZZ_BUILD)/tests/fuzz/artifacts/$$target; \
	  mkdir -p $$logs $$artifacts; before=$$(ls $$artifacts | wc -l); \
	  echo "make fuzz: $$target for $(FUZZ_SECONDS) s, $(JOBS) jobs (logs: $$logs)"; \
	  status=0; (cd $$logs && sh ../../run_$$target.sh -max_total_time=$(FUZZ_SECONDS) \
	                -jobs=$(JOBS) -workers=$(JOBS)) || status=$$?; \
	  if (( status != 0 || $$(ls $$artifacts | wc -l) > before )); then \
	    failed+=($$target); tail -n 40 $$logs/fuzz-*.log || true; \
	  fi; \
	done; \
	echo "make fuzz: corpus in $(FUZZ_BUILD)/tests/fuzz/corpus, artifacts in $(FUZZ_BUILD)/tests/fuzz/artifacts"; \
	if (( $${#failed[@]} )); then echo "make fuzz: FAILED (new artifacts or errors): $${failed[*]}"; exit 1; fi

# The daemon on the offline demo: three bundled feeds (file: URLs) whose articles are extracted;
# the dashboard and the merged feeds on http://127.0.0.1:8080.
run: build
	@echo "make run: feedd run -c $(DEMO_CONFIG) (offline demo feeds under config/demo/; database /tmp/feedd-demo.db)."
	@echo "make run: dashboard http://127.0.0.1:8080/ · merged feed http://127.0.0.1:8080/feed.atom (.rss, .json) · Ctrl-C stops it."
	$(BUILD)/feedd run -c $(DEMO_CONFIG)

bench:
	@scripts/install-deps.sh --bench
	$(CONFIGURE) $(BUILD) -DCMAKE_BUILD_TYPE=Release
	tests/bench/run_parse_bench.sh $(BUILD)

bench-serve:
	@scripts/install-deps.sh --bench
	$(CONFIGURE) $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j$(JOBS) --target feedd
	tests/bench/run_serve_bench.sh $(BUILD)

# CPack, not `--target package`: that would build every test first. Dependencies come from
# dpkg-shlibdeps; the unit, config, man pages and docs are the install rules of packaging/.
package: build
	cd $(BUILD) && cpack
	@ls $(BUILD)/feedd_*.deb

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
