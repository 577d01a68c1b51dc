#!/usr/bin/env bash
# The seed-003 queue on a fresh engine: enqueue rate (POST /message from -c connections over
# channels one, two, three), then consume rate with -k consumers (GET /queue/{channel}), each as
# a warm-up of -w and -r measured rounds of -d. A round reports wrk's req/s, p50, p99 and non-2xx,
# and what PostgreSQL shows: messages added to queue_messages per second (enqueue) or moved to
# queue_archive per second (consume; a 204 moves nothing). Then the median round and the spread.
#
#   bench/queue.sh [-d 20s] [-w 10s] [-r 3] [-c 64] [-k 8] [-p port] [-- engine flags]
#
# Results go to bench/results/queue-<time>/. Needs wrk, psql and jq.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration=20s warmup=10s rounds=3 connections=64 consumers=8 port="${PORT:-18932}"
command_line="bench/queue.sh $*"
while getopts "d:w:r:c:k:p:" opt; do
  case $opt in
    d) duration=$OPTARG ;; w) warmup=$OPTARG ;; r) rounds=$OPTARG ;; c) connections=$OPTARG ;;
    k) consumers=$OPTARG ;; p) port=$OPTARG ;;
    *) echo "usage: bench/queue.sh [-d 20s] [-w 10s] [-r 3] [-c 64] [-k 8] [-p port] [-- engine flags]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool wrk
need_tool psql postgresql-client
need_tool jq

begin_run "queue-" "$port" "$@"
{
  echo "command: $command_line"
  machine_line
  echo "load average at start: $load_at_start; engine start ${engine_start_seconds}s; enqueue: wrk -t1 -c$connections, consume: wrk -t1 -c$consumers; warm-up $warmup, $rounds rounds of $duration"
} | tee "$out/summary.txt"

count() { psql "$pg_url" -tAqc "SELECT count(*) FROM $1"; }

round() { # kind connections seconds name table
  local kind=$1 c=$2 d=$3 name=$4 table=$5 before after t0 t1
  before=$(count "$table")
  t0=$(date +%s.%N)
  KIND=$kind wrk -t1 -c"$c" -d"$d" --latency -s "$root/bench/workload.lua" "$api" >"$out/wrk-$name.txt"
  t1=$(date +%s.%N)
  after=$(count "$table")
  awk -v n="$name" -v rows=$((after - before)) -v t0="$t0" -v t1="$t1" -v table="$table" '
    /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 } /Non-2xx/ { err = $NF }
    END { printf "%s: req/s %8.0f  %s/s %8.0f  p50 %8s  p99 %8s  non-2xx %s\n", n, rps, table, rows / (t1 - t0), p50, p99, err ? err : 0 }
  ' "$out/wrk-$name.txt" | tee -a "$out/summary.txt"
}

median() { # prefix table
  grep "^$1 round" "$out/summary.txt" | awk -v n="$1" -v key="$2/s" '{
      for (i = 1; i <= NF; i++) { if ($i == key) v[NR] = $(i+1); if ($i == "p99") p[NR] = $(i+1) }
    } END {
      m = NR; for (i = 1; i <= m; i++) o[i] = i
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[o[j]] + 0 < v[o[i]] + 0) { t = o[i]; o[i] = o[j]; o[j] = t }
      med = o[int((m + 1) / 2)]
      printf "%s median of %d rounds: %s %s (spread %s-%s), p99 %s\n", n, m, key, v[med], v[o[1]], v[o[m]], p[med]
    }' | tee -a "$out/summary.txt"
}

round enqueue "$connections" "$warmup" "enqueue warm-up" queue_messages
for k in $(seq 1 "$rounds"); do round enqueue "$connections" "$duration" "enqueue round $k" queue_messages; done
median "enqueue" queue_messages
echo "queued before the consumers start: $(count queue_messages)" | tee -a "$out/summary.txt"
round consume "$consumers" "$warmup" "consume warm-up" queue_archive
for k in $(seq 1 "$rounds"); do round consume "$consumers" "$duration" "consume round $k" queue_archive; done
median "consume" queue_archive
{
  echo "left in the queue: $(count queue_messages); archived: $(count queue_archive)"
  echo "engine's view: $(curl -s "$api/control/snapshot" | jq -c '.queue | {enqueuedTotal, consumedTotal, depth, refusedTotal, failedTotal}')"
} | tee -a "$out/summary.txt"
echo "results: $out"
