#!/usr/bin/env bash
# One engine node against two on the same Redis and PostgreSQL, on this one machine.
#
#   bench/cluster.sh [-d 20s] [-w 20s] [-r 3] [-c 64] [-b 200] [-k all|single|batch] [-p port] [-- engine flags]
#
# Phase 1: node A (embedded stores) alone; wrk sends every connection to it.
# Phase 2: node B joins on A's stores (--pg-url/--redis-url, its own data directory and id); two
#          wrk processes send half the connections each, as a load balancer would.
# Each phase: a warm-up of -w, then -r rounds of -d: events/s answered 202 (both wrk together;
# a 429 above the high water mark counts in non-2xx, not here),
# rows/s committed (the logs table), the worse p99 of the wrk processes, and the CPU per event of
# the engine JVMs together, Redis and PostgreSQL. Then the median round and the spread.
# The cores are the same in both phases: a second node adds a JVM, not a machine.
# Results go to bench/results/cluster-<time>/ (wrk outputs, engine logs, summary.txt).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration=20s warmup=20s rounds=3 connections=64 batch=200 cases=all port="${PORT:-18080}"
command_line="bench/cluster.sh $*"
while getopts "d:w:r:c:b:k:p:" opt; do
  case $opt in
    d) duration=$OPTARG ;; w) warmup=$OPTARG ;; r) rounds=$OPTARG ;; c) connections=$OPTARG ;;
    b) batch=$OPTARG ;; k) cases=$OPTARG ;; p) port=$OPTARG ;;
    *) echo "usage: bench/cluster.sh [-d 20s] [-w 20s] [-r 3] [-c 64] [-b 200] [-k all|single|batch] [-p port] [-- engine flags]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool wrk
need_tool psql postgresql-client
need_tool jq

node_b_pid="" node_b_data=""
stop_all() {
  if [ -n "$node_b_pid" ]; then kill -TERM "$node_b_pid" 2>/dev/null && wait "$node_b_pid" 2>/dev/null || true; fi
  [ -n "$node_b_data" ] && rm -rf "$node_b_data"
  stop_engine
}
begin_run cluster- "$port" "$@"
trap stop_all EXIT
api_a="$api" api_b="http://127.0.0.1:$((port + 1))"
redis_url="redis://127.0.0.1:$redis_port"
hz="$(getconf CLK_TCK)"

rows() { psql "$pg_url" -tAqc "SELECT count(*) FROM logs"; }
nodes_seen() { curl -s "$1/control/snapshot" | jq -r '.cluster.nodes | length'; }

start_node_b() {
  node_b_data="$(mktemp -d /tmp/sluice-bench-b.XXXXXX)"
  bash -c "exec ${ENGINE_CMD:-\"\$0\" engine} \"\$@\"" "$root/sluice" --data-dir "$node_b_data" --port "$((port + 1))" \
    --pg-url "$pg_url" --redis-url "$redis_url" "$@" >"$out/engine-b.out" 2>"$out/engine-b.log" &
  node_b_pid=$!
  for _ in $(seq 1 600); do
    grep -q "engine running" "$out/engine-b.out" 2>/dev/null && break
    kill -0 "$node_b_pid" 2>/dev/null || { echo "bench: node B exited:"; cat "$out/engine-b.out" "$out/engine-b.log"; exit 1; }
    sleep 0.2
  done
  for _ in $(seq 1 50); do [ "$(nodes_seen "$api_a")" = 2 ] && break; sleep 0.2; done
}

# wrk_split NAME BODY SECONDS URL...: one wrk per URL, the connections shared out; waits for all
wrk_split() {
  local name=$1 body=$2 secs=$3
  shift 3
  local per=$((connections / $#)) i=0 pids=()
  for url in "$@"; do
    i=$((i + 1))
    BODY_FILE="$body" wrk -t1 -c"$per" -d"$secs" --latency -s "$root/bench/post.lua" "$url/write" >"$out/wrk-$name-$i.txt" &
    pids+=($!)
  done
  wait "${pids[@]}"
}

engine_ticks() { local t=0 p; for p in "$engine_pid" $node_b_pid; do t=$((t + $(ticks "$p"))); done; echo "$t"; }

measured_round() { # phase name body per-request round urls...
  local phase=$1 name=$2 body=$3 per=$4 k=$5
  shift 5
  local e0 r0 p0 rows0 e1 r1 p1 rows1 wall0 wall1
  e0=$(engine_ticks); r0=$(ticks "$redis_pid"); p0=$(tree_ticks "$pg_pid"); rows0=$(rows)
  wall0=$(date +%s.%N)
  wrk_split "$phase-$name-$k" "$body" "$duration" "$@"
  wall1=$(date +%s.%N)
  # what was accepted in the round lands within a second or two at these rates
  sleep 2
  e1=$(engine_ticks); r1=$(ticks "$redis_pid"); p1=$(tree_ticks "$pg_pid"); rows1=$(rows)
  local ok=0 p99=0 err=0 f
  for f in "$out"/wrk-"$phase-$name-$k"-*.txt; do
    # requests answered 2xx: all of them less the non-2xx (429 above the high water mark)
    ok=$(awk -v a="$ok" '/requests in/{n = $1} /Non-2xx/{bad = $NF} END {print a + n - bad}' "$f")
    p99=$(awk -v a="$p99" '$1=="99%"{v=$2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else if (v ~ /s$/) v = v * 1000; print (v > a ? v : a)}' "$f")
    err=$(awk -v a="$err" '/Non-2xx/{a += $NF} END {print a}' "$f")
  done
  awk -v ph="$phase" -v n="$name" -v k="$k" -v ok="$ok" -v per="$per" -v p99="$p99" -v err="$err" -v hz="$hz" \
      -v e="$((e1 - e0))" -v r="$((r1 - r0))" -v p="$((p1 - p0))" -v wall0="$wall0" -v wall1="$wall1" \
      -v rows="$((rows1 - rows0))" 'BEGIN {
    secs = wall1 - wall0; ev = ok * per / secs; div = rows > 0 ? rows : 1
    printf "%s %s round %d: events/s %8.0f  rows/s %8.0f  p99 %7.1f ms  non-2xx %s  CPU us/event: engines %.1f redis %.1f postgres %.1f\n",
      ph, n, k, ev, rows / secs, p99, err, e / hz * 1e6 / div, r / hz * 1e6 / div, p / hz * 1e6 / div
  }' | tee -a "$out/rounds-$phase-$name.txt" | tee -a "$out/summary.txt"
}

median_line() { # phase name
  awk -v ph="$1" -v n="$2" '{
      for (i = 1; i <= NF; i++) {
        if ($i == "events/s") ev[NR] = $(i+1); if ($i == "rows/s") rows[NR] = $(i+1)
        if ($i == "p99") p99[NR] = $(i+1); if ($i == "engines") eng[NR] = $(i+1)
      }
    } END {
      m = NR; for (i = 1; i <= m; i++) o[i] = i
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (ev[o[j]] + 0 < ev[o[i]] + 0) { t = o[i]; o[i] = o[j]; o[j] = t }
      med = o[int((m + 1) / 2)]
      printf "%s %s median of %d rounds: events/s %s (spread %s-%s), rows/s %s, p99 %s ms, engines CPU %s us/event\n",
        ph, n, m, ev[med], ev[o[1]], ev[o[m]], rows[med], p99[med], eng[med]
    }' "$out/rounds-$1-$2.txt" | tee -a "$out/summary.txt"
}

single="$out/single.json"
echo '{"level":"INFO","service":"checkout","message":"order placed","order_id":81723,"latency_ms":12.5,"user":{"id":991,"plan":"pro"}}' >"$single"
batchfile="$out/batch.json"
write_batch "$batchfile" "$batch"

run_phase() { # phase urls...
  local phase=$1
  shift
  case $cases in all | single)
    wrk_split "$phase-single-warmup" "$single" "$warmup" "$@"
    for k in $(seq 1 "$rounds"); do measured_round "$phase" single "$single" 1 "$k" "$@"; done
    median_line "$phase" single ;;
  esac
  case $cases in all | batch)
    wrk_split "$phase-batch-warmup" "$batchfile" "$warmup" "$@"
    for k in $(seq 1 "$rounds"); do measured_round "$phase" "batch$batch" "$batchfile" "$batch" "$k" "$@"; done
    median_line "$phase" "batch$batch" ;;
  esac
}

{
  echo "command: $command_line"
  machine_line
  echo "load average at start: $load_at_start; wrk -c$connections in all (split over the nodes); warm-up $warmup per case, then $rounds rounds of $duration; engine flags: ${*:-(defaults)}"
} | tee "$out/summary.txt"
run_phase one-node "$api_a"
start_node_b "$@"
echo "node B joined: node A sees $(nodes_seen "$api_a") nodes" | tee -a "$out/summary.txt"
run_phase two-nodes "$api_a" "$api_b"
echo "results: $out"
