#!/usr/bin/env bash
# Memory under large request bodies: batches of about 1 MB (900 events of ~1 KB) from -c
# connections for -d, against a fresh engine. Prints wrk's rate and non-2xx count, the answers by
# kind (the engine's /metrics: accepted, throttled = 429, unavailable = 503, ...), the engine's
# resident memory at the end of the load, its totals once the backlog is 0, the rows in `logs`,
# and any OutOfMemoryError in the engine's log. Set ENGINE_JAVA_OPTS (e.g. -Xmx256m) to see
# what a heap limit does.
#
#   bench/big-bodies.sh [-d 30s] [-c 64] [-p port] [-- engine flags]
#
# Results go to bench/results/big-<time>/. Needs wrk, psql, jq and python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration=30s connections=64 port="${PORT:-18931}"
command_line="${ENGINE_JAVA_OPTS:+ENGINE_JAVA_OPTS=$ENGINE_JAVA_OPTS }bench/big-bodies.sh $*"
while getopts "d:c:p:" opt; do
  case $opt in
    d) duration=$OPTARG ;; c) connections=$OPTARG ;; p) port=$OPTARG ;;
    *) echo "usage: bench/big-bodies.sh [-d 30s] [-c 64] [-p port] [-- engine flags]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool wrk
need_tool psql postgresql-client
need_tool jq

begin_run "big-" "$port" "$@"
{
  echo "command: $command_line"
  machine_line
  echo "load average at start: $load_at_start; wrk -t1 -c$connections -d$duration; engine flags: ${*:-(defaults)}"
} | tee "$out/summary.txt"
python3 -c "
import json
event = {'level': 'INFO', 'message': 'x' * 1000}
print(json.dumps([dict(event, seq=i) for i in range(900)]))" >"$out/big.json"
echo "body: $(wc -c <"$out/big.json") bytes, 900 events" | tee -a "$out/summary.txt"

BODY_FILE="$out/big.json" wrk -t1 -c"$connections" -d"$duration" -s "$root/bench/post.lua" "$api/write" >"$out/wrk.txt"
if ! kill -0 "$engine_pid" 2>/dev/null; then
  awk '/Requests\/sec/{print "req/s " $2} /Non-2xx/{print "non-2xx " $NF}' "$out/wrk.txt" | tee -a "$out/summary.txt"
  echo "the engine exited during the load: $(grep -m1 -i "outofmemory\|exception" "$out/engine.out" "$out/engine.log" || echo "see $out/engine.log")" | tee -a "$out/summary.txt"
  echo "rows in logs: $(psql "$pg_url" -tAqc 'SELECT count(*) FROM logs')" | tee -a "$out/summary.txt"
  echo "results: $out"
  exit 1
fi
rss="$(awk '/VmRSS/{printf "%.0f MB", $2 / 1024}' "/proc/$engine_pid/status")"
for _ in $(seq 120); do [ "$(curl -s "$api/control/snapshot" | jq -r .stream.backlog)" = 0 ] && break; sleep 1; done
{
  awk '/Requests\/sec/{print "req/s " $2} /Non-2xx/{print "non-2xx " $NF}' "$out/wrk.txt"
  echo "engine RSS at the end of the load: $rss"
  echo "totals after the drain: $(curl -s "$api/control/snapshot" | jq -c .totals)"
  echo "answers: $(curl -s "$api/metrics" | awk '/^sluice_write_requests_[a-z]+_total/ { sub(/sluice_write_requests_/, ""); sub(/_total/, ""); printf "%s %d  ", $1, $2 }')"
  grep -h -o '"detail":"[^"(]*' "$out/engine.log" 2>/dev/null | sort | uniq -c | sort -rn | head -3 || true
  echo "rows in logs: $(psql "$pg_url" -tAqc 'SELECT count(*) FROM logs')"
  echo "OutOfMemoryError in the engine log: $(grep -c OutOfMemoryError "$out/engine.log" || true)"
} | tee -a "$out/summary.txt"
echo "results: $out"
