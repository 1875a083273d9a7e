#!/usr/bin/env bash
# Serving the merged feed: wrk on feedd's /feed.atom (100 full-text entries) next to nginx
# serving the same bytes (gzip_static) in the same run; 200 and 304 paths; feedd's RSS.
#   tests/bench/run_serve_bench.sh BUILD_DIR        (a Release build holding BUILD_DIR/feedd)
# Env: BENCH_THREADS (wrk -t, default 2), BENCH_CONNECTIONS (wrk -c, 50), BENCH_SECONDS (10),
#      BENCH_ROUNDS (alternating rounds per case, 2), NGINX_WORKERS (worker_processes, 1),
#      NGINX_SENDFILE (on: the page-cache path nginx uses by default; off: nginx copies like feedd).
# Scratch files live in a mktemp folder, removed on exit with every process started here.
set -euo pipefail

build=$(cd "${1:?usage: run_serve_bench.sh BUILD_DIR}" && pwd)
feedd=$build/feedd
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-50}
seconds=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-2}
nginx_workers=${NGINX_WORKERS:-1}
nginx_sendfile=${NGINX_SENDFILE:-on}
items=100
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "run_serve_bench: $tool missing; run scripts/install-deps.sh --bench" >&2; exit 1; }
done
[[ -x $feedd ]] || { echo "run_serve_bench: no $feedd (build the feedd target)" >&2; exit 1; }

work=$(mktemp -d /tmp/feedd-serve-bench.XXXXXX)
feedd_pid=
nginx_pid=
sampler_pid=
cleanup() {
  for pid in $sampler_pid $feedd_pid $nginx_pid; do kill "$pid" 2>/dev/null || true; done
  for pid in $sampler_pid $feedd_pid $nginx_pid; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Bounded wait (10 s) for a URL to answer 200.
wait_for_url() {
  local url=$1 pid=$2
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || { echo "run_serve_bench: server for $url exited" >&2; return 1; }
    curl -sf -o /dev/null --max-time 1 "$url" && return 0
    sleep 0.1
  done
  echo "run_serve_bench: $url not answering after 10 s" >&2
  return 1
}

echo "== fixture in $work: two feeds of $((items / 2)) items linking to $items article pages (file: URLs)"
python3 - "$work" "$items" <<'EOF'
import datetime, random, sys, pathlib
root, count = pathlib.Path(sys.argv[1]), int(sys.argv[2])
rng = random.Random(7)
words = ("harbour tide ferry engine crane quay lantern gull storm rope ledger cargo pilot beacon "
         "timber kelp dredge mooring chart sounding tug hull keel rudder anchor bollard slipway "
         "netting trawler skipper weather forecast council budget survey bridge tunnel school "
         "market festival library museum garden orchard river valley meadow").split()
articles = root / "articles"
articles.mkdir()
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
entries = []
for i in range(count):
    paragraphs = []
    while sum(len(p) for p in paragraphs) < 5000:
        sentences = []
        for _ in range(rng.randint(4, 7)):
            sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 16)))
            sentences.append(sentence.capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    title = f"Story {i}: " + " ".join(rng.choice(words) for _ in range(5))
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    (articles / f"a{i}.html").write_text(
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        f"<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        f"<main><article><h1>{title}</h1>\n{body}\n</article></main>"
        f"<footer><p>Copyright the Harbour Gazette</p></footer></body></html>\n")
    date = (now - datetime.timedelta(minutes=7 * i)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    entries.append(f"<item><title>{title}</title><link>file://{articles}/a{i}.html</link>"
                   f"<guid>urn:bench:{i}</guid><pubDate>{date}</pubDate>"
                   f"<description>Summary of story {i}.</description></item>")
# Two feeds of 50: a feed's first fetch keeps only its 50 newest items.
for f in range(2):
    (root / f"feed{f}.xml").write_text(
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Harbour Gazette {f}</title><link>https://gazette.example/{f}/</link>"
        "<description>Bench fixture</description>" + "".join(entries[f::2]) + "</channel></rss>\n")
EOF

feedd_port=$(free_port)
cat >"$work/feedd.toml" <<EOF
[daemon]
database = "$work/feedd.db"
listen = "127.0.0.1:$feedd_port"
log_level = "warn"

[retention]

[[feed]]
url = "file://$work/feed0.xml"
full_text = "always"

[[feed]]
url = "file://$work/feed1.xml"
full_text = "always"
EOF

echo "== feedd poll"
"$feedd" poll -c "$work/feedd.toml" >"$work/poll.log" 2>&1 || { cat "$work/poll.log" >&2; exit 1; }
tail -n 3 "$work/poll.log"

"$feedd" run -c "$work/feedd.toml" >"$work/feedd.log" 2>&1 &
feedd_pid=$!
wait_for_url "http://127.0.0.1:$feedd_port/healthz" "$feedd_pid"

feed_url="http://127.0.0.1:$feedd_port/feed.atom"
curl -sf --max-time 10 -D "$work/feedd.headers" -o "$work/feed.atom" "$feed_url"
curl -sf --max-time 10 --compressed -o "$work/feed.atom.decoded" "$feed_url"
curl -sf --max-time 10 -H 'Accept-Encoding: gzip' -D "$work/feedd.gz.headers" -o "$work/feed.atom.gz" "$feed_url"
cmp -s "$work/feed.atom" "$work/feed.atom.decoded" || { echo "run_serve_bench: gzip body differs from plain body" >&2; exit 1; }
grep -qi '^Content-Encoding: gzip' "$work/feedd.gz.headers" || { echo "run_serve_bench: feedd did not gzip /feed.atom" >&2; exit 1; }
feedd_etag=$(grep -i '^ETag:' "$work/feedd.headers" | cut -d' ' -f2- | tr -d '\r')
[[ -n $feedd_etag ]] || { echo "run_serve_bench: no ETag from feedd" >&2; exit 1; }
entries=$(grep -o '<entry' "$work/feed.atom" | wc -l)
(( entries == items )) || { echo "run_serve_bench: /feed.atom has $entries entries, expected $items" >&2; exit 1; }
# Full text, not the one-line summaries: each article body is ~5 KB of paragraphs.
with_text=$(python3 -c 'import re, sys; print(len(re.findall(r"<content[^>]*>[^<]{2000,}", open(sys.argv[1], encoding="utf-8").read())))' "$work/feed.atom")
echo "feedd /feed.atom: $entries entries, $(stat -c %s "$work/feed.atom") bytes plain," \
     "$(stat -c %s "$work/feed.atom.gz") bytes gzip, ETag $feedd_etag; $with_text entries carry > 2 KB of content"

echo "== nginx (nginx-light, gzip_static, worker_processes $nginx_workers, sendfile $nginx_sendfile) on the same bytes"
nginx_port=$(free_port)
mkdir -p "$work/nginx/root" "$work/nginx/logs"
# Run as root, nginx's workers are `nobody`: they must be able to read the root.
chmod go+rx "$work" "$work/nginx" "$work/nginx/root"
cp "$work/feed.atom" "$work/nginx/root/feed.atom"
cp "$work/feed.atom.gz" "$work/nginx/root/feed.atom.gz"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes $nginx_workers;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp;
  types { application/atom+xml atom; }
  keepalive_timeout 65;
  keepalive_requests 100000;
  sendfile $nginx_sendfile;
  tcp_nopush on;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/root;
    gzip_static on;
    gzip_vary on;
    etag on;
  }
}
EOF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port/feed.atom"
wait_for_url "$nginx_url" "$nginx_pid"
curl -sf --max-time 10 -H 'Accept-Encoding: gzip' -D "$work/nginx.headers" -o "$work/nginx.gz" "$nginx_url"
cmp -s "$work/nginx.gz" "$work/feed.atom.gz" || { echo "run_serve_bench: nginx serves other gzip bytes" >&2; exit 1; }
nginx_etag=$(grep -i '^ETag:' "$work/nginx.headers" | cut -d' ' -f2- | tr -d '\r')
for check in "$feed_url $feedd_etag" "$nginx_url $nginx_etag"; do
  set -- $check
  code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: gzip' -H "If-None-Match: $2" "$1")
  [[ $code == 304 ]] || { echo "run_serve_bench: $1 with If-None-Match $2 answered $code, not 304" >&2; exit 1; }
done

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$feedd_pid/status"; }

# Samples feedd's RSS every 0.2 s into FILE until killed.
sample_rss() {
  while kill -0 "$feedd_pid" 2>/dev/null; do rss_kb >>"$1"; sleep 0.2; done
}

# run_wrk NAME URL [HEADER...]: wrk output into $work/NAME.txt, one line of numbers to results.
run_wrk() {
  local name=$1 url=$2; shift 2
  local headers=()
  for header in "$@"; do headers+=(-H "$header"); done
  timeout $((seconds + 30)) wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency \
    "${headers[@]}" "$url" >"$work/$name.txt"
  python3 - "$work/$name.txt" "$name" >>"$work/results.txt" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
def grab(pattern):
    match = re.search(pattern, text, re.M)
    return match.group(1) if match else "?"
non2xx = grab(r"Non-2xx or 3xx responses: (\d+)")
errors = grab(r"(Socket errors: .*)$")
print(sys.argv[2], grab(r"Requests/sec:\s+([\d.]+)"), grab(r"^\s+50%\s+(\S+)"), grab(r"^\s+99%\s+(\S+)"),
      grab(r"Transfer/sec:\s+(\S+)"), non2xx if non2xx != "?" else "0", errors if errors != "?" else "-", sep="\t")
EOF
}

: >"$work/results.txt"
: >"$work/rss.txt"
rss_before=$(rss_kb)
echo "== wrk -t$threads -c$connections -d${seconds}s --latency, $rounds alternating rounds per case"
for round in $(seq "$rounds"); do
  sample_rss "$work/rss.txt" &
  sampler_pid=$!
  run_wrk "feedd-200-r$round" "$feed_url" 'Accept-Encoding: gzip'
  kill "$sampler_pid"; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=
  run_wrk "nginx-200-r$round" "$nginx_url" 'Accept-Encoding: gzip'
  run_wrk "feedd-304-r$round" "$feed_url" 'Accept-Encoding: gzip' "If-None-Match: $feedd_etag"
  run_wrk "nginx-304-r$round" "$nginx_url" 'Accept-Encoding: gzip' "If-None-Match: $nginx_etag"
done
sleep 1  # let the last responses drain before the "after" sample
rss_after=$(rss_kb)
rss_peak=$(sort -n "$work/rss.txt" | tail -n 1)

echo
echo "cores: $(nproc); load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "both servers on 127.0.0.1, measured alternately in the same run by the same wrk; wrk shares the cores"
printf '%-14s %12s %10s %10s %12s %8s  %s\n' run requests/s p50 p99 transfer/s non-2xx/3xx socket-errors
while IFS=$'\t' read -r name rps p50 p99 transfer non2xx errors; do
  printf '%-14s %12s %10s %10s %12s %8s  %s\n' "$name" "$rps" "$p50" "$p99" "$transfer" "$non2xx" "$errors"
done <"$work/results.txt"
echo "feedd RSS (VmRSS): before ${rss_before} kB, peak during the 200 runs ${rss_peak} kB, after ${rss_after} kB"
if [[ -n ${BENCH_KEEP:-} ]]; then
  mkdir -p "$BENCH_KEEP" && cp "$work"/*.txt "$work"/*.headers "$BENCH_KEEP"/ && echo "wrk outputs copied to $BENCH_KEEP"
fi
