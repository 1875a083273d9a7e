#!/usr/bin/env bash
# Every system call `feedd run` makes in a full cycle (start, poll file: feeds, serve a loopback
# requests to the dashboard, the merged feed and /healthz, SIGTERM) must pass the unit's SystemCallFilter:
# in the groups it allows and in none it denies (`systemd-analyze syscall-filter` expands them).
#   syscall_filter_test.sh FEEDD_BINARY UNIT_FILE FEED_FILE
set -euo pipefail
feedd=$1
unit=$2
feed_file=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The names in a filter group, nested groups expanded.
expand_group() {
  systemd-analyze syscall-filter --no-pager "$1" | tail -n +2 | sed 's/^[[:space:]]*//' |
    grep -v -e '^#' -e '^$' | while read -r name; do
      if [[ $name == @* ]]; then expand_group "$name"; else echo "$name"; fi
    done
}

# SystemCallFilter= lines of the unit: the first allows (an allow-list), "~" lines deny.
allowed=() denied=()
while read -r value; do
  if [[ $value == "~"* ]]; then denied+=(${value#\~}); else allowed+=($value); fi
done < <(sed -n 's/^SystemCallFilter=//p' "$unit")
for group in "${allowed[@]}"; do expand_group "$group"; done | sort -u >"$work/allowed"
for group in "${denied[@]}"; do expand_group "$group"; done | sort -u >"$work/denied"

# Bounded waits: 200 x 0.1 s. No event tells another process's progress; look again shortly.
wait_for() {
  for _ in $(seq 200); do
    if "$@"; then return 0; fi
    sleep 0.1
  done
  return 1
}
answers() {
  python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2).close()' "$1" 2>/dev/null
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
feed_port=$(free_port)
mkdir "$work/served"
cp "$feed_file" "$work/feed.xml"
cp "$feed_file" "$work/served/feed.xml"
# One feed from a file, one over loopback HTTP (the client's network calls count too).
python3 -m http.server --bind 127.0.0.1 --directory "$work/served" "$feed_port" >/dev/null 2>&1 &
http_pid=$!
trap 'kill "$http_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
wait_for answers "$feed_port" || { echo "FAILED: the feed server did not start"; exit 1; }
cat >"$work/feedd.toml" <<TOML
[daemon]
database = "$work/feedd.db"
listen = "127.0.0.1:$port"
[poll]
allow_private_addresses = true
[fulltext]
enabled = false
[[feed]]
url = "file://$work/feed.xml"
[[feed]]
url = "http://127.0.0.1:$feed_port/feed.xml"
TOML

# The unit runs feedd as an unprivileged dynamic user; as root, SQLite would also fchown its
# journal files (an @privileged call), so a root test run drops to nobody like the unit does.
as_service_user=()
if [[ $(id -u) -eq 0 ]]; then
  chown -R nobody:nogroup "$work"
  as_service_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
fi
# NOTIFY_SOCKET and WATCHDOG_USEC as systemd sets them: sd_notify's calls are checked too.
"${as_service_user[@]}" env NOTIFY_SOCKET="$work/notify" WATCHDOG_USEC=2000000 strace -f -qq -e trace=all -o "$work/trace" "$feedd" run -c "$work/feedd.toml" 2>"$work/log" &
strace_pid=$!
# -readonly: the probe must not create the database before feedd does (it would be root's).
items_stored() {
  [[ -f "$work/feedd.db" ]] && [[ $(sqlite3 -readonly "$work/feedd.db" 'SELECT count(DISTINCT feed_id) FROM items' 2>/dev/null) -eq 2 ]]
}
feedd_pid() { pgrep -P "$strace_pid" -x feedd; }
if ! wait_for items_stored; then
  echo "FAILED: no items stored"; cat "$work/log"; kill "$strace_pid" 2>/dev/null || true; exit 1
fi
# The serving half of the cycle: dashboard, merged feed (gzip) and health check.
if ! wait_for answers "$port"; then
  echo "FAILED: nothing listens on 127.0.0.1:$port"; cat "$work/log"; kill "$strace_pid" 2>/dev/null || true; exit 1
fi
python3 - "$port" <<'PY' || { echo "FAILED: HTTP requests"; kill "$strace_pid" 2>/dev/null || true; exit 1; }
import sys, urllib.request
for path in ("/healthz", "/", "/feed.atom", "/feeds/1", "/metrics"):
    request = urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}{path}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
        print(f"GET {path}:", response.status)
PY
kill -TERM "$(feedd_pid)"
stopped() { ! kill -0 "$strace_pid" 2>/dev/null; }
if ! wait_for stopped; then
  echo "FAILED: feedd did not stop on SIGTERM"; kill -KILL "$strace_pid"; exit 1
fi
exit_status=0
wait "$strace_pid" || exit_status=$?

sed -n -e 's/^[0-9]\+ \+\([a-z0-9_]\+\)(.*/\1/p' -e 's/^[0-9]\+ \+<\.\.\. \([a-z0-9_]\+\) resumed>.*/\1/p' \
  "$work/trace" | sort -u >"$work/used"
echo "$(wc -l <"$work/used") distinct system calls: $(tr '\n' ' ' <"$work/used")"
outside=$(comm -23 "$work/used" "$work/allowed")
forbidden=$(comm -12 "$work/used" "$work/denied")
failed=0
if [[ -n "$outside$forbidden" ]]; then
  [[ -z "$outside" ]] || echo "FAILED: not in ${allowed[*]}: $outside"
  [[ -z "$forbidden" ]] || echo "FAILED: denied by ~${denied[*]}: $forbidden"
  failed=1
else
  echo "all allowed by SystemCallFilter=${allowed[*]} ~${denied[*]}"
fi
if ((exit_status != 0)); then
  echo "FAILED: feedd exited with status $exit_status after SIGTERM"; cat "$work/log"; failed=1
fi
exit $failed
