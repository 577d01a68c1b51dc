#!/usr/bin/env bash
# loadgen vs wrk: the same endpoint, duration and connection count, both on this machine beside the
# server. Prints each tool's req/s per round and the ratio loadgen/wrk (issue 4 asks for >= 0.80).
#
#   bench/loadgen-vs-wrk.sh [-d 20s] [-c 64] [-t 2] [-r 3] [-w 10s] [-p port] [-u URL] [-- engine flags]
#
#   -d  duration of each run            -c  connections (wrk -c, loadgen --connections/--users)
#   -t  threads (wrk -t, loadgen --io-threads)                  -r  rounds (order alternates)
#   -w  warm-up of the server with wrk, not counted             -p  engine port (default 18080)
#   -u  use an already running target instead of starting an engine
#   ENGINE_CMD overrides how the engine starts (default: "<repo>/sluice engine"), e.g. to run an
#   already built engine without the launcher's rebuild check:
#   ENGINE_CMD="java -cp 'engine/target/classes:engine/target/lib/*' dev.sluice.engine.Main"
#
# Both tools POST single log events to /write: loadgen's firehose profile (varied events, ~310
# bytes on average) and, for wrk, one fixed event of that typical size. Between runs the script
# waits until the engine's stream backlog is 0, so no run pays for the previous one.
# Results go to bench/results/<timestamp>-loadgen-vs-wrk/ and stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration=20s connections=64 threads=2 rounds=3 warmup=10s port="${PORT:-18081}" url=""
while getopts "d:c:t:r:w:p:u:" opt; do
  case $opt in
    d) duration=$OPTARG ;; c) connections=$OPTARG ;; t) threads=$OPTARG ;; r) rounds=$OPTARG ;;
    w) warmup=$OPTARG ;; p) port=$OPTARG ;; u) url=$OPTARG ;;
    *) echo "usage: bench/loadgen-vs-wrk.sh [-d 20s] [-c 64] [-t 2] [-r 3] [-w 10s] [-p port] [-u URL] [-- engine flags]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool wrk

out="$root/bench/results/$(date +%Y%m%d-%H%M%S)-loadgen-vs-wrk"
mkdir -p "$out"
"$root/sluice" loadgen --help >/dev/null   # build loadgen now, not inside a timed run

redis_port=""
trap stop_engine EXIT
if [ -z "$url" ]; then
  start_engine "$out" "$port" "$@"
  url="http://127.0.0.1:$port"
fi

xlen() {
  exec 3<>/dev/tcp/127.0.0.1/"$redis_port"
  printf 'XLEN logs_stream\r\n' >&3
  local line; read -r line <&3; exec 3>&-
  echo "${line//[^0-9]/}"
}
drain() { # wait (at most 60 s) until the engine has persisted everything, then let it settle
  [ -z "$redis_port" ] && { sleep 2; return; }
  for _ in $(seq 1 300); do [ "$(xlen)" = "0" ] && break; sleep 0.2; done
  sleep 1
}

body="$out/event.json"
cat >"$body" <<'JSON'
{"ts":"2025-11-22T07:07:35.062Z","level":"INFO","service":"checkout","host":"checkout-3","message":"order placed","trace_id":"6360fdd658e13bfbf082878d1d510057","span_id":"b9265e416f5bee1b","user_id":141574,"latency_ms":12.4,"http":{"method":"POST","path":"/api/orders/81723","status":200,"bytes":5120}}
JSON

run_wrk() { # round
  BODY_FILE="$body" wrk -t"$threads" -c"$connections" -d"$duration" -s "$root/bench/post.lua" "$url/write" >"$out/wrk-$1.txt"
  awk '/Requests\/sec/{printf "%.0f", $2}' "$out/wrk-$1.txt"
}
run_loadgen() { # round
  "$root/sluice" loadgen --url "$url" --profile firehose --users "$connections" --connections "$connections" \
    --io-threads "$threads" --duration "$duration" --quiet --report "$out/loadgen-$1" >"$out/loadgen-$1.txt"
  sed -n 's/^ *"requests_per_sec" *: *\([0-9.]*\).*/\1/p' "$out/loadgen-$1/summary.json" | awk '{printf "%.0f", $1}'
}

{
  echo "machine: $(nproc) cores, $(uname -sr); $(java -version 2>&1 | head -1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "target $url/write; $duration per run, $connections connections, $threads threads, $rounds rounds, warm-up $warmup"
} | tee "$out/summary.txt"
if [ "$warmup" != "0" ] && [ "$warmup" != "0s" ]; then
  BODY_FILE="$body" wrk -t"$threads" -c"$connections" -d"$warmup" -s "$root/bench/post.lua" "$url/write" >"$out/warmup.txt"
  drain
fi

wrk_sum=0 lg_sum=0 ratios=""
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then
    w=$(run_wrk "$r"); drain; l=$(run_loadgen "$r"); drain
  else
    l=$(run_loadgen "$r"); drain; w=$(run_wrk "$r"); drain
  fi
  wrk_sum=$((wrk_sum + w)); lg_sum=$((lg_sum + l))
  ratios="$ratios $(awk -v w="$w" -v l="$l" 'BEGIN { printf "%.3f", l / w }')"
  # the 1-minute load average shows when something else on the machine took CPU during the round
  awk -v r="$r" -v w="$w" -v l="$l" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "round %d  wrk %8d req/s   loadgen %8d req/s   ratio %.2f   (load average %s)\n", r, w, l, l / w, load }' \
    | tee -a "$out/summary.txt"
done
# the median round ratio is printed too: one round where the server stalled should not decide it
median=$(printf '%s\n' $ratios | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
awk -v w="$wrk_sum" -v l="$lg_sum" -v n="$rounds" -v m="$median" 'BEGIN {
  printf "mean     wrk %8.0f req/s   loadgen %8.0f req/s   ratio %.2f (median round %.2f)  %s: loadgen >= 0.80 x wrk\n",
    w / n, l / n, l / w, m, (l / w >= 0.80 ? "PASS" : "FAIL") }' | tee -a "$out/summary.txt"
echo "results: $out"
