#!/usr/bin/env bash
# The pollbench comparison of issue 4, repeated: each campaign runs the issue's commands
# (docs/BENCHMARKS.md, "Polling: pollbench") in this order, with the curl floor before and after
# feedd: 1000 feeds cold and warm (3 repetitions each), then 5000 feeds (2 each). Campaigns are
# PAUSE seconds apart, so they sample the VM in more than one of its states; at the end
# pool_campaigns.py prints each campaign's ratios and the medians of every poll of every campaign.
#
#   tests/bench/poll_campaigns.sh FEEDD_BINARY [CAMPAIGNS] [PAUSE]   (7 campaigns, 240 s apart)
#
# Env: OUTDIR (/tmp/feedd-poll-campaigns, which must hold no campaigns yet; campaign K goes
# to OUTDIR/cK), NS ("1000 5000"), POLLBENCH (the pollbench folder, found from here). The corpus
# must be served by ../shared/tools/pollbench/server.sh. Needs /usr/bin/time, curl and Debian's
# python3.
set -euo pipefail

feedd=${1:?usage: poll_campaigns.sh FEEDD_BINARY [CAMPAIGNS] [PAUSE]}
campaigns=${2:-7}
pause=${3:-240}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pollbench=${POLLBENCH:-$here/../../../shared/tools/pollbench}
outdir=${OUTDIR:-/tmp/feedd-poll-campaigns}
sizes=${NS:-1000 5000}

[[ -x $feedd ]] || { echo "poll_campaigns: $feedd is not an executable" >&2; exit 1; }
[[ -x $pollbench/bench_cmd.sh ]] ||
  { echo "poll_campaigns: no pollbench at $pollbench (set POLLBENCH)" >&2; exit 1; }
"$pollbench/server.sh" status > /dev/null ||
  { echo "poll_campaigns: nginx is not serving; $pollbench/server.sh start CORPUS" >&2; exit 1; }
# bench_cmd.sh appends to a campaign's results.tsv: an earlier run's rows would be pooled too.
[[ ! -e $outdir/c1 ]] ||
  { echo "poll_campaigns: $outdir already holds campaigns; set another OUTDIR" >&2; exit 1; }

export FEEDD
FEEDD=$(realpath "$feedd")
# Single quotes: bench_cmd.sh expands these in the shell that runs each poll.
# shellcheck disable=SC2016
floor='$PB_DIR/pollers/curl_floor.sh 16'
# shellcheck disable=SC2016
poll='"$FEEDD" poll --urls "$URLS_FILE" --database "$STATE_DIR/feedd.db" --no-full-text'

run_campaign() {
  local dir=$1 n reps
  mkdir -p "$dir"
  for n in $sizes; do
    reps=3
    ((n >= 5000)) && reps=2
    for label in curl-floor-p16 feedd curl-floor-p16-again; do
      local command=$floor
      [[ $label == feedd ]] && command=$poll
      (cd "$pollbench" && OUTDIR=$dir RESULTS=$dir/results.tsv N=$n REPS=$reps \
        PHASES="cold warm" ./bench_cmd.sh -l "$label" "$command") > "$dir/$label-$n.log" 2>&1 ||
        { echo "poll_campaigns: $label at $n feeds failed; see $dir/$label-$n.log" >&2; exit 1; }
    done
  done
}

results=()
for ((campaign = 1; campaign <= campaigns; ++campaign)); do
  echo "campaign $campaign of $campaigns: $(date -u +%T)"
  run_campaign "$outdir/c$campaign"
  results+=("$outdir/c$campaign/results.tsv")
  ((campaign == campaigns)) || sleep "$pause"
done
/usr/bin/python3 "$here/pool_campaigns.py" "${results[@]}"
