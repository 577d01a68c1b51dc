#!/usr/bin/env bash
# Sluice against the Python service it replaces: same machine, same payload, same wrk, one run.
#
#   bench/vs-python.sh [-d 20s] [-r 3] [-c 64] [-t 1] [-u standard|plain] [-p port] [-- engine flags]
#
#   1. a fresh engine (its start includes the JIT warm-up; pass -- --warm-up 0s to go without):
#      wrk for -d on POST /write with single events, the first seconds it serves;
#   2. the seeds' Python API (bench/python/seed_api.py: FastAPI under gunicorn with 2 uvicorn
#      workers, one per core) in both variants, seed 000's buffered XADD pipeline and seed 002's
#      awaited XADD, writing to a stream of its own on the engine's Redis: -r rounds of -d
#      alternating Python and the (now warm) engine, with req/s, p99 and the ratio per round, and
#      the median ratio. -u standard (default) runs uvicorn with uvloop and httptools, as
#      pip's uvicorn[standard] would; -u plain without them (asyncio and h11, plain pip install uvicorn).
#      After each Python round, its stream's length shows the events it answered did reach Redis.
# The Python API runs no consumer (its stream just grows), so it has both cores for its requests:
# the comparison favours it. Results go to bench/results/vs-python-<time>/. Needs wrk, jq and
# gunicorn with Debian's python3-fastapi, -uvicorn, -uvloop, -httptools and -redis (installed when missing).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration=20s rounds=3 connections=64 threads=1 uvicorn=standard port="${PORT:-18080}"
command_line="bench/vs-python.sh $*"
usage="usage: bench/vs-python.sh [-d 20s] [-r 3] [-c 64] [-t 1] [-u standard|plain] [-p port] [-- engine flags]"
while getopts "d:r:c:t:u:p:" opt; do
  case $opt in
    d) duration=$OPTARG ;; r) rounds=$OPTARG ;; c) connections=$OPTARG ;; t) threads=$OPTARG ;; p) port=$OPTARG ;;
    u) uvicorn=$OPTARG ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
case $uvicorn in standard) worker=uvicorn.workers.UvicornWorker ;; plain) worker=seed_api.PlainWorker ;;
  *) echo "bench/vs-python.sh: -u is standard or plain, not '$uvicorn'" >&2; exit 2 ;; esac
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool wrk
need_tool jq
need_tool gunicorn
need_tool redis-cli redis-tools
# the interpreter gunicorn runs (Debian's, whatever python3 is first on PATH), with uvloop and
# httptools, which uvicorn picks up when present (what pip's uvicorn[standard] brings)
py="$(head -1 "$(command -v gunicorn)" | sed 's/^#!//; s/ .*//')"
if ! "$py" -c "import fastapi, uvicorn, redis.asyncio, uvloop, httptools" 2>/dev/null; then
  echo "installing python3-fastapi python3-uvicorn python3-redis python3-uvloop python3-httptools..." >&2
  (apt-get update -qq && apt-get install -y -qq python3-fastapi python3-uvicorn python3-redis python3-uvloop python3-httptools) >/dev/null \
    || { echo "bench: FastAPI, uvicorn, uvloop, httptools and redis-py are needed for $py (apt-get install python3-fastapi python3-uvicorn python3-redis python3-uvloop python3-httptools)" >&2; exit 2; }
fi

py_pid=""
stop_python() { if [ -n "$py_pid" ]; then kill -TERM "$py_pid" 2>/dev/null && wait "$py_pid" 2>/dev/null || true; fi; py_pid=""; }
begin_run "vs-python-" "$port" "$@"
trap 'stop_python; stop_engine' EXIT
py_port=$((port + 1))
single="$out/single.json"
echo '{"level":"INFO","service":"checkout","message":"order placed","order_id":81723,"latency_ms":12.5,"user":{"id":991,"plan":"pro"}}' >"$single"

run_wrk() { # name base_url
  BODY_FILE="$single" wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$root/bench/post.lua" "$2/write" >"$out/wrk-$1.txt"
  awk -v n="$1" '/requests in/ {total = $1} /Requests\/sec/ {rps = $2} $1 == "99%" {p99 = $2} /Non-2xx/ {err = $NF}
    END {printf "%-22s req/s %8.0f  p99 %8s  requests %d, non-2xx %s\n", n, rps, p99, total, err + 0}' "$out/wrk-$1.txt" | tee -a "$out/summary.txt"
}
rps_of() { awk '/Requests\/sec/ {print $2}' "$out/wrk-$1.txt"; }

start_python() { # mode
  (cd "$root/bench/python" && REDIS_URL="redis://127.0.0.1:$redis_port" STREAM="py_logs_stream" MODE="$1" \
    exec gunicorn seed_api:app -w 2 -k "$worker" -b "127.0.0.1:$py_port" --log-level warning) \
    >>"$out/python.log" 2>&1 &
  py_pid=$!
  for _ in $(seq 1 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary @"$single" \
      "http://127.0.0.1:$py_port/write")" = 202 ] && return 0
    sleep 0.2
  done
  echo "bench: the Python API did not start:"; cat "$out/python.log"; exit 1
}

{
  echo "command: $command_line"
  machine_line
  echo "load average at start: $load_at_start; wrk -t$threads -c$connections, rounds of $duration; uvicorn $uvicorn; engine flags: ${*:-(defaults)}"
} | tee "$out/summary.txt"
run_wrk "sluice fresh" "$api"
for mode in buffered awaited; do
  start_python "$mode"
  BODY_FILE="$single" wrk -t1 -c"$connections" -d5s -s "$root/bench/post.lua" "http://127.0.0.1:$py_port/write" >/dev/null # its workers' first requests
  for k in $(seq 1 "$rounds"); do
    redis-cli -p "$redis_port" DEL py_logs_stream >/dev/null
    run_wrk "python $mode $k" "http://127.0.0.1:$py_port"
    sleep 0.2 # the last buffer flush
    echo "python $mode $k: $(redis-cli -p "$redis_port" XLEN py_logs_stream) entries in its stream" | tee -a "$out/summary.txt"
    run_wrk "sluice $k ($mode)" "$api"
    awk -v p="$(rps_of "python $mode $k")" -v s="$(rps_of "sluice $k ($mode)")" \
      'BEGIN {printf "round %d: sluice / python %s = %.2f\n", '"$k"', "'"$mode"'", s / p}' | tee -a "$out/summary.txt"
  done
  stop_python
  # the Python stream is nobody's backlog
  redis-cli -p "$redis_port" DEL py_logs_stream >/dev/null
done
awk '/^round/ {split($0, a, " = "); mode = $6; r[mode, ++n[mode]] = a[2]}
  END {
    for (mode in n) {
      m = n[mode]; for (i = 1; i <= m; i++) v[i] = r[mode, i]
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
      printf "sluice / python %s: median %.2f (spread %.2f-%.2f over %d rounds)\n", mode, v[int((m + 1) / 2)], v[1], v[m], m
    }
  }' "$out/summary.txt" | tee -a "$out/summary.txt"
echo "results: $out"
