#!/usr/bin/env bash
# Ingest benchmark: starts a headless engine on fresh embedded stores, drives POST /write with
# wrk on loopback (single events, then batches), and reports what the clients saw and what
# PostgreSQL actually landed.
#
#   bench/ingest.sh [-d 30s] [-c 64] [-t 2] [-b 200] [-- extra engine flags]
#
# Needs wrk and psql (Debian: apt-get install wrk postgresql-client); installs them if missing
# and apt-get is available. Results go to bench/results/<timestamp>/ and stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration=30s connections=64 threads=2 batch=200 port="${PORT:-18080}"
while getopts "d:c:t:b:p:" opt; do
  case $opt in
    d) duration=$OPTARG ;; c) connections=$OPTARG ;; t) threads=$OPTARG ;; b) batch=$OPTARG ;; p) port=$OPTARG ;;
    *) echo "usage: bench/ingest.sh [-d 30s] [-c 64] [-t 2] [-b 200] [-p port] [-- engine flags]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool wrk
need_tool psql postgresql-client

out="$root/bench/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
trap stop_engine EXIT
start_engine "$out" "$port" "$@"
rows() { psql "$pg_url" -tAqc "SELECT count(*) FROM logs"; }
xlen() {
  exec 3<>/dev/tcp/127.0.0.1/"$redis_port"
  printf 'XLEN logs_stream\r\n' >&3
  local line; read -r line <&3; exec 3>&-
  echo "${line//[^0-9]/}"
}

single="$out/single.json"
echo '{"level":"INFO","service":"checkout","message":"order placed","order_id":81723,"latency_ms":12.5,"user":{"id":991,"plan":"pro"}}' >"$single"
batchfile="$out/batch.json"
{
  printf '['
  for i in $(seq 1 "$batch"); do
    [ "$i" -gt 1 ] && printf ','
    printf '{"level":"INFO","service":"checkout","message":"order placed","order_id":%d,"latency_ms":12.5,"user":{"id":991,"plan":"pro"}}' "$i"
  done
  printf ']'
} >"$batchfile"

run_case() { # name body events_per_request
  local name=$1 body=$2 per=$3
  local rows0 t0 rows1 t1 backlog drained_at rows2
  rows0=$(rows); t0=$(date +%s.%N)
  BODY_FILE="$body" wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$root/bench/post.lua" \
    "http://127.0.0.1:$port/write" >"$out/wrk-$name.txt"
  t1=$(date +%s.%N); rows1=$(rows); backlog=$(xlen)
  while [ "$(xlen)" != "0" ]; do sleep 0.2; done
  drained_at=$(date +%s.%N); rows2=$(rows)
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/{print $2}' "$out/wrk-$name.txt")
  p50=$(awk '$1=="50%"{print $2}' "$out/wrk-$name.txt")
  p99=$(awk '$1=="99%"{print $2}' "$out/wrk-$name.txt")
  errors=$(awk '/Non-2xx/{print $NF}' "$out/wrk-$name.txt"); errors=${errors:-0}
  awk -v n="$name" -v rps="$rps" -v per="$per" -v p50="$p50" -v p99="$p99" -v err="$errors" \
      -v r0="$rows0" -v r1="$rows1" -v r2="$rows2" -v t0="$t0" -v t1="$t1" -v t2="$drained_at" -v bl="$backlog" 'BEGIN {
    printf "%-8s req/s %9.0f  events/s %9.0f  p50 %8s  p99 %8s  non-2xx %s\n", n, rps, rps*per, p50, p99, err
    printf "%-8s landed during load %9.0f rows/s; backlog at end %d; drained in %.1f s; landed overall %9.0f rows/s (%d rows)\n",
      "", (r1-r0)/(t1-t0), bl, t2-t1, (r2-r0)/(t2-t0), r2-r0
  }' | tee -a "$out/summary.txt"
}

{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); $(java -version 2>&1 | head -1)"
  echo "wrk -t$threads -c$connections -d$duration; engine flags: ${*:-(defaults)}"
} | tee "$out/summary.txt"
run_case single "$single" 1
run_case "batch$batch" "$batchfile" "$batch"
echo "results: $out"
