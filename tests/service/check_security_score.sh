#!/usr/bin/env bash
# The unit's exposure level by `systemd-analyze security --offline=true` must be at most
# THRESHOLD (security.md §5: 1.5; Miniflux's unit rates 5.7).
#   check_security_score.sh UNIT_FILE THRESHOLD
set -euo pipefail
unit=$1
threshold=$2
report=$(SYSTEMD_COLORS=0 systemd-analyze security --offline=true --no-pager "$unit" 2>&1) || true
score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' <<<"$report")
if [[ -z "$score" ]]; then
  echo "no overall exposure level in the report:"; echo "$report"; exit 1
fi
echo "$(basename "$unit"): exposure level $score (threshold $threshold)"
if awk -v score="$score" -v threshold="$threshold" 'BEGIN { exit !(score > threshold) }'; then
  grep '✗' <<<"$report" || true
  echo "FAILED: $score > $threshold"
  exit 1
fi
