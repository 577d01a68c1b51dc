#!/usr/bin/env bash
# Slow-clients benchmark: starts a headless engine on fresh embedded stores, measures normal
# single-event POST /write latency with wrk (unloaded), then again while 1,000 hostile
# connections stay open (half dribble their headers, half their body, one byte a second; each
# one cut off is replaced at once), all in the same run. Prints both p99s and their ratio
# (the target: loaded p99 at most 2x unloaded).
#
#   bench/slow-clients.sh [-d 20s] [-w 30s] [-c 16] [-t 1] [-n 1000] [-p port] [-- extra engine flags]
#
#   -d  each measured wrk run     -w  warm-up before the first one (the JIT is slow here)
#   -c  wrk connections           -n  slow connections
#
# Needs wrk and python3 (Debian: apt-get install wrk); installs wrk if missing and apt-get is
# available. Results go to bench/results/<timestamp>-slow/ and stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration=20s warmup=30s connections=16 threads=1 slow=1000 port="${PORT:-18081}"
while getopts "d:w:c:t:n:p:" opt; do
  case $opt in
    d) duration=$OPTARG ;; w) warmup=$OPTARG ;; c) connections=$OPTARG ;; t) threads=$OPTARG ;;
    n) slow=$OPTARG ;; p) port=$OPTARG ;;
    *) echo "usage: bench/slow-clients.sh [-d 20s] [-w 30s] [-c 16] [-t 1] [-n 1000] [-p port] [-- engine flags]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool wrk
command -v python3 >/dev/null || { echo "bench: python3 is needed" >&2; exit 2; }
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((slow * 2 + 1000)) ]; then
  echo "bench: ulimit -n is $(ulimit -n); $slow slow connections need at least $((slow * 2 + 1000)) (client and server side)" >&2
  exit 2
fi

out="$root/bench/results/$(date +%Y%m%d-%H%M%S)-slow"
mkdir -p "$out"
slow_pid=
cleanup() {
  [ -n "$slow_pid" ] && kill -TERM "$slow_pid" 2>/dev/null && wait "$slow_pid" 2>/dev/null || true
  stop_engine
}
trap cleanup EXIT
start_engine "$out" "$port" "$@"

single="$out/single.json"
echo '{"level":"INFO","service":"checkout","message":"order placed","order_id":81723,"latency_ms":12.5,"user":{"id":991,"plan":"pro"}}' >"$single"
url="http://127.0.0.1:$port/write"

to_ms() { # wrk latency like 812.00us, 1.23ms, 2.01s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
measure() { # name
  local name=$1
  BODY_FILE="$single" wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$root/bench/post.lua" "$url" >"$out/wrk-$name.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/{print $2}' "$out/wrk-$name.txt")
  p50=$(awk '$1=="50%"{print $2}' "$out/wrk-$name.txt")
  p99=$(awk '$1=="99%"{print $2}' "$out/wrk-$name.txt")
  errors=$(awk '/Non-2xx/{print $NF}' "$out/wrk-$name.txt"); errors=${errors:-0}
  printf "%-9s req/s %8.0f  p50 %9s  p99 %9s  non-2xx %s\n" "$name" "$rps" "$p50" "$p99" "$errors" | tee -a "$out/summary.txt"
  eval "p99_$name=\$(to_ms \"\$p99\")"
}

{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); $(java -version 2>&1 | head -1)"
  echo "wrk -t$threads -c$connections -d$duration single events, after a $warmup warm-up; $slow slow connections; engine flags: ${*:-(defaults)}"
} | tee "$out/summary.txt"
BODY_FILE="$single" wrk -t"$threads" -c"$connections" -d"$warmup" -s "$root/bench/post.lua" "$url" >"$out/wrk-warmup.txt"
measure unloaded

# the slow clients run a little longer than the loaded measurement, then stop by themselves
slow_seconds=$(( $(echo "$duration" | sed 's/s$//') + 60 ))
python3 "$root/bench/slow_clients.py" --port "$port" --connections "$slow" --seconds "$slow_seconds" >"$out/slow-clients.txt" 2>&1 &
slow_pid=$!
for _ in $(seq 1 300); do
  tail -1 "$out/slow-clients.txt" 2>/dev/null | grep -q "open=$slow " && break
  kill -0 $slow_pid 2>/dev/null || { echo "bench: slow clients exited:"; cat "$out/slow-clients.txt"; exit 1; }
  sleep 0.2
done
# past the header timeout, so the measurement sees cut-offs and replacements, not just opens
sleep 12
echo "slow clients before: $(tail -1 "$out/slow-clients.txt")" | tee -a "$out/summary.txt"
measure loaded
echo "slow clients after:  $(tail -1 "$out/slow-clients.txt")" | tee -a "$out/summary.txt"
kill -TERM "$slow_pid" 2>/dev/null; wait "$slow_pid" 2>/dev/null || true; slow_pid=

awk -v u="$p99_unloaded" -v l="$p99_loaded" 'BEGIN {
  printf "p99 unloaded %.2f ms, loaded %.2f ms: ratio %.2f (target <= 2)\n", u, l, (u > 0 ? l / u : 0)
}' | tee -a "$out/summary.txt"
echo "results: $out"
