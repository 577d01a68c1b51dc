#!/usr/bin/env bash
# How fast the workers drain a backlog: fill the stream with the workers paused, then resume
# them with the knobs under test and time until every event is a row.
#
#   bench/drain.sh [-n 1000000] [-r 3] [-b 1000] [-p port] [KNOBS ...] [-- engine flags]
#
# KNOBS is a JSON object for PUT /control/knobs, one per case, e.g. '{"workers":2,"batchSize":5000}';
# none means the engine's defaults. For each case and round: TRUNCATE logs, pause, fill -n events
# with wrk (batches of -b), resume with the case's knobs, then print the drain time, rows/s, and
# the CPU each process spent per row (engine JVM, Redis, PostgreSQL with its backends) while
# draining. It prints the machine, the load average at the start and the exact command first.
# Results go to bench/results/<time>/. Needs wrk, psql and jq.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
events=1000000 rounds=3 batch=1000 port="${PORT:-18080}"
command_line="bench/drain.sh $*"
while getopts "n:r:b:p:" opt; do
  case $opt in
    n) events=$OPTARG ;; r) rounds=$OPTARG ;; b) batch=$OPTARG ;; p) port=$OPTARG ;;
    *) echo "usage: bench/drain.sh [-n 1000000] [-r 3] [-b 1000] [-p port] [KNOBS ...] [-- engine flags]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
cases=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do cases+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#cases[@]} -eq 0 ] && cases=('{}')

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool wrk
need_tool psql postgresql-client
need_tool jq

begin_run "drain-" "$port" "$@"
sql() { psql "$pg_url" -tAqc "$1"; }
knobs() { curl -sf -XPUT "$api/control/knobs" -d "$1" >/dev/null || { echo "bench: PUT /control/knobs $1 refused" >&2; exit 1; }; }
backlog() { curl -s "$api/control/snapshot" | jq -r '.stream.backlog'; }
hz="$(getconf CLK_TCK)"
defaults="$(curl -s "$api/control/knobs")"

body="$out/batch.json"
write_batch "$body" "$batch"

fill() { # wrk until $events events (whole batches) were answered 202, give or take its 16 connections
  # wrk runs for its whole -d even when its thread stops, so it is stopped once the backlog is there
  MAX_REQUESTS=$(( (events + batch - 1) / batch )) BODY_FILE="$body" \
    wrk -t1 -c16 -d10m -s "$root/bench/post.lua" "$api/write" >"$out/wrk-fill.txt" &
  local wrk_pid=$!
  while [ "$(backlog)" -lt "$events" ]; do sleep 0.2; done
  kill "$wrk_pid"; wait "$wrk_pid" 2>/dev/null || true
  sleep 1
}

{
  echo "command: $command_line"
  machine_line
  echo "load average at start: $load_at_start; backlog of about $events events (batches of $batch), $rounds rounds per case; engine flags: ${*:-(defaults)}"
  echo "default knobs: $defaults"
} | tee "$out/summary.txt"

# The first fill and drain warm the JIT and PostgreSQL's caches; it is not counted.
for c in "${cases[@]}"; do
  for k in $(seq 0 "$rounds"); do
    knobs '{"paused":true,"highWater":100000000,"lowWater":99999999}'
    sleep 0.5
    sql "TRUNCATE logs" >/dev/null
    fill
    filled=$(backlog)
    knobs "$(jq -c --argjson d "$defaults" '$d * . | .paused = true | .highWater = 100000000 | .lowWater = 99999999' <<<"$c")"
    e0=$(ticks "$engine_pid"); r0=$(ticks "$redis_pid"); p0=$(tree_ticks "$pg_pid")
    t0=$(date +%s.%N)
    knobs '{"paused":false}'
    while [ "$(backlog)" != "0" ]; do sleep 0.2; done # polling costs CPU the drain competes for
    t1=$(date +%s.%N)
    e1=$(ticks "$engine_pid"); r1=$(ticks "$redis_pid"); p1=$(tree_ticks "$pg_pid")
    rows=$(sql "SELECT count(*) FROM logs")
    [ "$k" -eq 0 ] && label="warm-up" || label="round $k"
    awk -v c="$c" -v l="$label" -v f="$filled" -v n="$rows" -v t0="$t0" -v t1="$t1" -v hz="$hz" \
        -v e="$((e1 - e0))" -v r="$((r1 - r0))" -v p="$((p1 - p0))" 'BEGIN {
      s = t1 - t0; if (n == 0) n = 1
      printf "%s %s: backlog %d, rows %d, drained in %.2f s, %.0f rows/s, CPU us/row: engine %.1f redis %.1f postgres %.1f\n",
        c, l, f, n, s, n / s, e / hz * 1e6 / n, r / hz * 1e6 / n, p / hz * 1e6 / n
    }' | tee -a "$out/summary.txt"
    knobs "$defaults"
  done
done
echo "results: $out"
