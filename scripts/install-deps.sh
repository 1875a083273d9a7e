#!/usr/bin/env bash
# Installs the Debian 12 packages feedd needs to build and test. Idempotent: when every
# package is already installed it does nothing (no `apt-get update`, no network).
#   scripts/install-deps.sh           build and test (make, make test, make run, make fuzz)
#   scripts/install-deps.sh --bench   also what the benchmarks compare with (make bench)
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libpugixml-dev libsqlitecpp-dev libsqlite3-dev sqlite3 libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libgumbo-dev libssl-dev zlib1g-dev libdeflate-dev libxxhash-dev
  libtomlplusplus-dev libcli11-dev libsystemd-dev
  clang-14 libclang-rt-14-dev llvm-14
  python3
  # The writers' round-trip test reads our Atom and RSS back with python feedparser.
  python3-feedparser
  # The publishing end-to-end tests: headless Chromium (tests/browser/cdp_check.py) renders the
  # dashboard and merged entries; newsboat subscribes to the merged feed as a real reader would.
  chromium newsboat
  # The service tests (tests/service): systemd-analyze rates the unit and expands its syscall
  # filter, strace records a real run's system calls (pgrep from procps finds it), dpkg-dev and
  # fakeroot build the .deb (dpkg-shlibdeps computes its dependencies).
  systemd strace procps dpkg-dev fakeroot
)
# python3-feedparser: the reference parser timed next to ours by tests/bench/run_parse_bench.sh.
# nginx-light, wrk, curl, time, bc: shared/tools/pollbench (docs/BENCHMARKS.md, pollbench).
BENCH_PACKAGES=(python3-feedparser nginx-light wrk curl time bc)

case "${1:-}" in
  "") ;;
  --bench) PACKAGES+=("${BENCH_PACKAGES[@]}") ;;
  *) echo "usage: $0 [--bench]" >&2; exit 2 ;;
esac

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
