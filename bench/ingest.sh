#!/usr/bin/env bash
# Ingest throughput on a fresh engine: single events, then batches, the way a user first meets it.
#
#   bench/ingest.sh [-d 20s] [-w 30s] [-r 3] [-c 64] [-t 1] [-b 200] [-k all|single|batch] [-p port] [-- engine flags]
#
# For each case (single events, then batches of -b):
#   1. warm-up: wrk for -w, printing the engine's own per-second rate and p99 (the warm-up curve;
#      for the first case that is the first seconds of a fresh JVM);
#   2. -r measured rounds of -d each: req/s, p50/p99 and non-2xx (wrk), events/s answered 202 and
#      rows/s committed (the engine's totals), and the CPU each process spent per event accepted
#      (engine JVM, Redis, PostgreSQL with its backends, wrk);
#   3. the median round and the spread (min-max), and the backlog drain after the last round.
# It prints the machine, the load average at the start and the exact command first. Results go
# to bench/results/<time>/ (wrk outputs, engine log, summary.txt). Needs wrk, psql and jq.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration=20s warmup=30s rounds=3 connections=64 threads=1 batch=200 cases=all port="${PORT:-18080}"
command_line="bench/ingest.sh $*"
while getopts "d:w:r:c:t:b:k:p:" opt; do
  case $opt in
    d) duration=$OPTARG ;; w) warmup=$OPTARG ;; r) rounds=$OPTARG ;; c) connections=$OPTARG ;;
    t) threads=$OPTARG ;; b) batch=$OPTARG ;; k) cases=$OPTARG ;; p) port=$OPTARG ;;
    *) echo "usage: bench/ingest.sh [-d 20s] [-w 30s] [-r 3] [-c 64] [-t 1] [-b 200] [-k all|single|batch] [-p port] [-- engine flags]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool wrk
need_tool psql postgresql-client
need_tool jq

begin_run "" "$port" "$@"
rows() { psql "$pg_url" -tAqc "SELECT count(*) FROM logs"; }
backlog() { curl -s "$api/control/snapshot" | jq -r '.stream.backlog'; }
totals() { curl -s "$api/control/snapshot" | jq -r '"\(.totals.eventsAccepted) \(.totals.rowsCommitted)"'; }

single="$out/single.json"
echo '{"level":"INFO","service":"checkout","message":"order placed","order_id":81723,"latency_ms":12.5,"user":{"id":991,"plan":"pro"}}' >"$single"
batchfile="$out/batch.json"
write_batch "$batchfile" "$batch"

wrk_run() { # name body seconds
  BODY_FILE="$2" wrk -t"$threads" -c"$connections" -d"$3" --latency -s "$root/bench/post.lua" "$api/write" >"$out/wrk-$1.txt"
}

# The engine's own view of a warm-up run, second by second: after the run, the snapshot history
# (one per tick, default 1 s) gives each tick's accepted requests/s and API p99, without polling.
warmup_curve() { # name body
  local name=$1 body=$2 since now
  since=$(curl -s "$api/control/snapshot" | jq -r '.seq')
  # start right after a tick, so second 1 of the curve is a whole second of load, not a part of one
  for _ in $(seq 1 30); do
    now=$(curl -s "$api/control/snapshot" | jq -r '.seq')
    [ "$now" != "$since" ] && break
    sleep 0.05
  done
  since=$now
  wrk_run "$name-warmup" "$body" "$warmup"
  curl -s "$api/control/history" | jq -r --argjson since "$since" \
    '.[] | select(.seq > $since) | "\(.seq - $since) \(.api.okPerSec | floor) \(.api.latency.p99Micros)"' >"$out/warmup-$name.tsv"
  echo "$name warm-up, accepted req/s each second: $(awk '{printf " %ds:%d", $1, $2}' "$out/warmup-$name.tsv")" | tee -a "$out/summary.txt"
  echo "$name warm-up, API p99 ms each second: $(awk '{printf " %.1f", $3 / 1000}' "$out/warmup-$name.tsv")" | tee -a "$out/summary.txt"
  awk -v n="$name" '$1<=10 {a+=$2; na++} $1>10 && $1<=20 {b+=$2; nb++} $1<=20 {c+=$2; nc++} END {
    printf "%s warm-up: mean req/s over s1-10 %.0f, s11-20 %.0f, s1-20 %.0f\n", n, na?a/na:0, nb?b/nb:0, nc?c/nc:0 }' \
    "$out/warmup-$name.tsv" | tee -a "$out/summary.txt"
}


hz="$(getconf CLK_TCK)"

measured_round() { # name body per-request round
  local name=$1 body=$2 per=$3 k=$4
  local e0 r0 p0 e1 r1 p1 totals0 totals1
  e0=$(ticks "$engine_pid"); r0=$(ticks "$redis_pid"); p0=$(tree_ticks "$pg_pid")
  totals0=$(totals)
  local wall0; wall0=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$out/wrk-$name-$k.cpu" bash -c \
    "BODY_FILE='$body' exec wrk -t$threads -c$connections -d$duration --latency -s '$root/bench/post.lua' '$api/write'" \
    >"$out/wrk-$name-$k.txt"
  local wall1; wall1=$(date +%s.%N)
  sleep 1.2 # the next tick holds the requests answered at the end of the run
  e1=$(ticks "$engine_pid"); r1=$(ticks "$redis_pid"); p1=$(tree_ticks "$pg_pid")
  totals1=$(totals)
  local rps p50 p99 errors wrk_cpu
  rps=$(awk '/Requests\/sec/{print $2}' "$out/wrk-$name-$k.txt")
  p50=$(awk '$1=="50%"{print $2}' "$out/wrk-$name-$k.txt")
  p99=$(awk '$1=="99%"{print $2}' "$out/wrk-$name-$k.txt")
  errors=$(awk '/Non-2xx/{print $NF}' "$out/wrk-$name-$k.txt"); errors=${errors:-0}
  wrk_cpu=$(awk '{print $1 + $2}' "$out/wrk-$name-$k.cpu")
  # events/s counts only events answered 202 (a 429 stores nothing); rows/s what the workers
  # committed meanwhile, over the run and the 1.2 s after it. Both come from the engine's totals,
  # which move once a tick (1 s): about 5% in a 20 s round.
  awk -v n="$name" -v k="$k" -v rps="$rps" -v p50="$p50" -v p99="$p99" -v err="$errors" -v hz="$hz" \
      -v e="$((e1 - e0))" -v r="$((r1 - r0))" -v p="$((p1 - p0))" -v w="$wrk_cpu" -v wall0="$wall0" -v wall1="$wall1" \
      -v t0="$totals0" -v t1="$totals1" 'BEGIN {
    split(t0, a0, " "); split(t1, a1, " "); secs = wall1 - wall0
    ev = a1[1] - a0[1]; rows = a1[2] - a0[2]; div = ev > 0 ? ev : 1
    printf "%s round %d: req/s %8.0f  events/s %8.0f  rows/s %8.0f  p50 %8s  p99 %8s  non-2xx %s  CPU us/event: engine %.1f redis %.1f postgres %.1f wrk %.1f\n",
      n, k, rps, ev / secs, rows / (secs + 1.2), p50, p99, err, e / hz * 1e6 / div, r / hz * 1e6 / div, p / hz * 1e6 / div, w * 1e6 / div
  }' | tee -a "$out/rounds-$name.txt" | tee -a "$out/summary.txt"
}

# the median round (by events/s accepted) and the spread of each column over the rounds
median_line() { # name
  awk -v n="$1" '{
      for (i = 1; i <= NF; i++) {
        if ($i == "req/s") rps[NR] = $(i+1); if ($i == "events/s") evs[NR] = $(i+1); if ($i == "rows/s") rows[NR] = $(i+1)
        if ($i == "p99") p99[NR] = $(i+1); if ($i == "engine") eng[NR] = $(i+1)
      }
    } END {
      m = NR; for (i = 1; i <= m; i++) { o[i] = i }
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (evs[o[j]] + 0 < evs[o[i]] + 0) { t = o[i]; o[i] = o[j]; o[j] = t }
      med = o[int((m + 1) / 2)]
      printf "%s median of %d rounds: events/s %s (spread %s-%s), rows/s %s, req/s %s, p99 %s, engine CPU %s us/event\n",
        n, m, evs[med], evs[o[1]], evs[o[m]], rows[med], rps[med], p99[med], eng[med]
    }' "$out/rounds-$1.txt" | tee -a "$out/summary.txt"
}

# GET /health on the same engine right after the single-event rounds: the HTTP layer's own
# ceiling in this JVM (a route that does nothing), against which POST /write is measured
health_round() {
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$api/health" >"$out/wrk-health.txt"
  awk -v hps="$(awk '/Requests\/sec/{print $2}' "$out/wrk-health.txt")" '/^single median of/ {
      for (i = 1; i <= NF; i++) if ($i == "req/s") w = $(i+1)
      sub(",", "", w); printf "GET /health %.0f req/s on the same engine; POST /write median %.0f req/s, %.0f%% of it\n", hps, w, 100 * w / hps
    }' "$out/summary.txt" | tee -a "$out/summary.txt"
}

run_case() { # name body events_per_request
  local name=$1 body=$2 per=$3
  warmup_curve "$name" "$body"
  for k in $(seq 1 "$rounds"); do measured_round "$name" "$body" "$per" "$k"; done
  median_line "$name"
  if [ "$per" = 1 ]; then health_round; fi
  local t1 bl; t1=$(date +%s.%N); bl=$(backlog)
  while [ "$(backlog)" != "0" ]; do sleep 0.2; done
  awk -v n="$name" -v bl="$bl" -v t1="$t1" -v t2="$(date +%s.%N)" 'BEGIN {
    printf "%s backlog after the last round %d events, drained in %.1f s\n", n, bl, t2 - t1 }' | tee -a "$out/summary.txt"
}

{
  echo "command: $command_line"
  machine_line
  echo "load average at start: $load_at_start; wrk -t$threads -c$connections; warm-up $warmup, then $rounds rounds of $duration; engine flags: ${*:-(defaults)}"
  echo "engine running $engine_start_seconds s after its launch (embedded stores, schema, JIT warm-up unless --warm-up 0s)"
} | tee "$out/summary.txt"
case $cases in all|single) run_case single "$single" 1 ;; esac
case $cases in all|batch) run_case "batch$batch" "$batchfile" "$batch" ;; esac
echo "results: $out"
