#!/usr/bin/env bash
# Cold polls of the first N pollbench feeds by feedd and by pollbench's curl floor, in turn,
# round after round. On a VM whose speed moves by 30-40% within minutes, a ratio taken within
# one round, and its median over the rounds, repeats better than two medians taken minutes
# apart (docs/BENCHMARKS.md, "Polling: pollbench"). Each poll starts from an empty state
# folder; the corpus must be served by ../shared/tools/pollbench/server.sh.
#
#   tests/bench/poll_rounds.sh FEEDD_BINARY [N] [ROUNDS]      (N: 1000, ROUNDS: 8)
#
# Env: CORPUS (/tmp/pollbench-corpus), POLLBENCH (the pollbench folder, found from here),
# OTHER (a second feedd binary, an earlier build, polled in each round too).
# Prints one line per round (wall and CPU seconds, and feedd's ratios to the floor), then the
# medians. Needs /usr/bin/time and curl.
set -euo pipefail

feedd=${1:?usage: poll_rounds.sh FEEDD_BINARY [N] [ROUNDS]}
count=${2:-1000}
rounds=${3:-8}
corpus=${CORPUS:-/tmp/pollbench-corpus}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pollbench=${POLLBENCH:-$here/../../../shared/tools/pollbench}
other=${OTHER:-}

[[ -x $feedd ]] || { echo "poll_rounds: $feedd is not an executable" >&2; exit 1; }
[[ -z $other || -x $other ]] || { echo "poll_rounds: OTHER=$other is not an executable" >&2; exit 1; }
[[ -x $pollbench/pollers/curl_floor.sh ]] ||
  { echo "poll_rounds: no pollbench at $pollbench (set POLLBENCH)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "poll_rounds: /usr/bin/time is not installed" >&2; exit 1; }
"$pollbench/server.sh" status > /dev/null ||
  { echo "poll_rounds: nginx is not serving; $pollbench/server.sh start $corpus" >&2; exit 1; }

work=$(mktemp -d /var/tmp/feedd-rounds.XXXXXX)
trap 'rm -rf "$work"' EXIT
head -n "$count" "$corpus/urls.txt" > "$work/urls.txt"
[[ $(wc -l < "$work/urls.txt") -eq $count ]] ||
  { echo "poll_rounds: $corpus/urls.txt has fewer than $count feeds" >&2; exit 1; }

# Runs a command on an empty state folder; prints "wall cpu".
timed() {
  rm -rf "$work/state"
  mkdir "$work/state"
  if ! STATE_DIR=$work/state URLS_FILE=$work/urls.txt \
      /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > "$work/out" 2>&1; then
    echo "poll_rounds: failed: $*" >&2
    tail -n 5 "$work/out" >&2
    exit 1
  fi
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$work/time"
}

poll() {
  timed "$1" poll --urls "$work/urls.txt" --database "$work/state/feedd.db" --no-full-text
}

# Times are in hundredths: a floor of a few feeds can take "0.00" CPU-s.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else printf "no floor" }'; }

median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: > "$work/rows"
for round in $(seq 1 "$rounds"); do
  # Assignments, not process substitutions: a failed poll must end the script (set -e).
  times=$(timed "$pollbench/pollers/curl_floor.sh" 16)
  read -r floor_wall floor_cpu <<< "$times"
  times=$(poll "$feedd")
  read -r wall cpu <<< "$times"
  line="round $round: floor ${floor_wall} s ${floor_cpu} CPU-s, feedd ${wall} s ${cpu} CPU-s"
  line+=" (wall $(ratio "$wall" "$floor_wall"), CPU $(ratio "$cpu" "$floor_cpu"))"
  other_cpu=0
  if [[ -n $other ]]; then
    times=$(poll "$other")
    read -r other_wall other_cpu <<< "$times"
    line+=", other ${other_wall} s ${other_cpu} CPU-s"
  fi
  echo "$line"
  echo "$floor_wall $floor_cpu $wall $cpu $other_cpu" >> "$work/rows"
done

column_median() { awk -v c="$1" '{ print $c }' "$work/rows" | median; }
echo "medians over $rounds rounds, $count feeds cold:" \
  "floor $(column_median 1) s $(column_median 2) CPU-s," \
  "feedd $(column_median 3) s $(column_median 4) CPU-s;" \
  "feedd/floor wall $(awk '$1 > 0 { print $3 / $1 }' "$work/rows" | median)x," \
  "CPU $(awk '$2 > 0 { print $4 / $2 }' "$work/rows" | median)x" \
  "(rounds over 2x wall: $(awk '$3 > 2 * $1' "$work/rows" | wc -l)," \
  "over 3x CPU: $(awk '$4 > 3 * $2' "$work/rows" | wc -l))"
if [[ -n $other ]]; then
  echo "other: $(column_median 5) CPU-s; feedd/other CPU $(awk '$5 > 0 { print $4 / $5 }' "$work/rows" | median)x"
fi
