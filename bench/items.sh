#!/usr/bin/env bash
# The seed-004 items API on a fresh engine: POST /items from -c connections for -w (through the
# stream, like seed 004's hey run; its req/s and how long until every item is committed), then GET /items (the first page of 100, like its wrk run) from -c
# connections with a warm cache, and with the cache bypassed (Cache-Control: no-cache: every page
# from PostgreSQL), each as a warm-up of -w and -r measured rounds of -d. A round reports wrk's
# req/s, p50, p99 and non-2xx, and the engine's cache hits over the pages it served; and GET /health
# for one round, the HTTP layer's ceiling on the same engine.
#
#   bench/items.sh [-d 20s] [-w 10s] [-r 3] [-c 64] [-p port] [-- engine flags]
#
# Results go to bench/results/items-<time>/. Needs wrk, psql and jq.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration=20s warmup=10s rounds=3 connections=64 port="${PORT:-18933}"
command_line="bench/items.sh $*"
while getopts "d:w:r:c:p:" opt; do
  case $opt in
    d) duration=$OPTARG ;; w) warmup=$OPTARG ;; r) rounds=$OPTARG ;; c) connections=$OPTARG ;;
    p) port=$OPTARG ;;
    *) echo "usage: bench/items.sh [-d 20s] [-w 10s] [-r 3] [-c 64] [-p port] [-- engine flags]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool wrk
need_tool psql postgresql-client
need_tool jq

begin_run "items-" "$port" "$@"
{
  echo "command: $command_line"
  machine_line
  echo "load average at start: $load_at_start; engine start ${engine_start_seconds}s; wrk -t1 -c$connections; warm-up $warmup, $rounds rounds of $duration"
} | tee "$out/summary.txt"

rows() { psql "$pg_url" -tAqc "SELECT count(*) FROM items"; }
pages() { curl -s "$api/control/snapshot" | jq -r '.items | "\(.pageReadsTotal) \(.cacheHitsTotal)"'; }

# read-your-write on a quiet engine: POST, then GET /items/{id}?wait=5s, 20 times; the time from
# sending the POST to the GET's answer is how long a new item takes to become readable
for i in $(seq 20); do
  t0=$(date +%s%N)
  id=$(curl -s -XPOST "$api/items" -H 'Content-Type: application/json' -d "{\"name\":\"ryw $i\"}" | jq -r .id)
  code=$(curl -s -o /dev/null -w '%{http_code}' "$api/items/$id?wait=5s")
  echo "$code $(( ($(date +%s%N) - t0) / 1000000 ))"
done >"$out/read-your-write.txt"
sort -n -k2 "$out/read-your-write.txt" | awk '{ ms[NR] = $2; if ($1 != 200) bad++ } END {
  printf "POST then GET ?wait=5s, 20 times: readable after p50 %d ms, max %d ms (non-200: %d)\n", ms[int((NR + 1) / 2)], ms[NR], bad }' | tee -a "$out/summary.txt"

KIND=post wrk -t1 -c"$connections" -d"$warmup" --latency -s "$root/bench/workload.lua" "$api" >"$out/wrk-post.txt"
t0=$(date +%s.%N)
sleep 1.2 # the next tick holds the posts answered at the end of the run
posted=$(curl -s "$api/control/snapshot" | jq -r '.items.postedTotal')
for _ in $(seq 1200); do [ "$(rows)" -ge "$posted" ] && break; sleep 0.1; done
awk -v t0="$t0" -v t1="$(date +%s.%N)" -v rows="$(rows)" -v posted="$posted" '
  /Requests\/sec/ { rps = $2 } $1 == "99%" { p99 = $2 } /Non-2xx/ { err = $NF }
  END { printf "POST /items: req/s %.0f  p99 %s  non-2xx %s; %d posted, %d in the table %.1f s after the last answer\n", rps, p99, err ? err : 0, posted, rows, t1 - t0 }
' "$out/wrk-post.txt" | tee -a "$out/summary.txt"

round() { # name [cache-control]
  local name=$1 p0 p1
  p0=$(pages)
  CACHE_CONTROL=${2:-} KIND=items wrk -t1 -c"$connections" -d"$3" --latency -s "$root/bench/workload.lua" "$api" >"$out/wrk-$name.txt"
  sleep 1.2 # the next tick holds the pages served at the end of the run
  p1=$(pages)
  awk -v n="$name" -v p0="$p0" -v p1="$p1" '
    /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 } /Non-2xx/ { err = $NF }
    END { split(p0, a, " "); split(p1, b, " "); served = b[1] - a[1]; hits = b[2] - a[2]
      printf "%s: req/s %8.0f  p50 %8s  p99 %8s  non-2xx %s  cache hits %.1f%%\n", n, rps, p50, p99, err ? err : 0, served ? 100 * hits / served : 0 }
  ' "$out/wrk-$name.txt" | tee -a "$out/summary.txt"
}

median() { # prefix
  grep "^$1 round" "$out/summary.txt" | awk -v n="$1" '{
      for (i = 1; i <= NF; i++) { if ($i == "req/s") v[NR] = $(i+1); if ($i == "p99") p[NR] = $(i+1) }
    } END {
      m = NR; for (i = 1; i <= m; i++) o[i] = i
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[o[j]] + 0 < v[o[i]] + 0) { t = o[i]; o[i] = o[j]; o[j] = t }
      med = o[int((m + 1) / 2)]
      printf "%s median of %d rounds: req/s %s (spread %s-%s), p99 %s\n", n, m, v[med], v[o[1]], v[o[m]], p[med]
    }' | tee -a "$out/summary.txt"
}

round "warm warm-up" "" "$warmup"
for k in $(seq 1 "$rounds"); do round "warm round $k" "" "$duration"; done
median "warm"
# the HTTP layer's own ceiling on the same engine: a route that does nothing
wrk -t1 -c"$connections" -d"$duration" --latency "$api/health" >"$out/wrk-health.txt"
awk '/Requests\/sec/ { printf "GET /health on the same engine: req/s %.0f\n", $2 }' "$out/wrk-health.txt" | tee -a "$out/summary.txt"
round "cold warm-up" no-cache "$warmup"
for k in $(seq 1 "$rounds"); do round "cold round $k" no-cache "$duration"; done
median "cold"
echo "engine's view: $(curl -s "$api/control/snapshot" | jq -c '.items | {postedTotal, landedTotal, rows, pageReadsTotal, cacheHitsTotal, refusedTotal, failedTotal}')" | tee -a "$out/summary.txt"
echo "results: $out"
