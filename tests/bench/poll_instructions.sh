#!/usr/bin/env bash
# Instructions (valgrind's callgrind, Ir) of one cold `feedd poll` of the first N feeds of a
# served pollbench corpus: a count that moves by about 0.2% between runs, where the wall and
# CPU times of this VM move by 10% and more within minutes. It counts the process's own
# instructions, on every thread, not the kernel's; cycles per instruction differ between code
# paths, so a change in this count is a direction, not a CPU time.
#
#   tests/bench/poll_instructions.sh FEEDD_BINARY URLS_FILE [N]     (N: default 300)
#
# URLS_FILE: the urls.txt of a corpus served by shared/tools/pollbench/server.sh
# (docs/BENCHMARKS.md, "Polling: pollbench"). Needs valgrind. Prints "Ir <millions> M" and
# leaves the profile in a temporary folder for callgrind_annotate.
set -euo pipefail

feedd=${1:?usage: poll_instructions.sh FEEDD_BINARY URLS_FILE [N]}
urls=${2:?usage: poll_instructions.sh FEEDD_BINARY URLS_FILE [N]}
count=${3:-300}
command -v valgrind >/dev/null || { echo "poll_instructions: valgrind is not installed" >&2; exit 1; }

work=$(mktemp -d /var/tmp/feedd-ir.XXXXXX)
head -n "$count" "$urls" > "$work/urls.txt"
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$feedd" poll --urls "$work/urls.txt" --database "$work/feedd.db" --no-full-text \
  > "$work/poll.out" 2> "$work/valgrind.err"
collected=$(awk '/Collected :/ {print $4}' "$work/valgrind.err")
[[ -n $collected ]] || { echo "poll_instructions: no count; see $work/valgrind.err" >&2; exit 1; }
tail -n 1 "$work/poll.out"
awk -v n="$collected" 'BEGIN { printf "Ir %.1f M\n", n / 1e6 }'
echo "profile: callgrind_annotate $work/callgrind.out"
