#!/usr/bin/env bash
# A long run at a steady offered rate: does the engine's memory stay flat, and how long does an
# accepted event take to become a row?
#
#   bench/soak.sh [-R 7000] [-d 30m] [-i 10s] [-P firehose] [-p port] [-- engine flags]
#
# Starts an engine on fresh embedded stores and offers -R requests/s of profile -P with
# `./sluice loadgen` (open model: the rate is held whatever the latency) for -d. Every -i it
# samples the engine JVM's resident memory (VmRSS), the accepted req/s, API p99 and
# accept->commit p99 of the engine's last snapshot, and the backlog. At the end it prints the
# RSS of the first and last fifth of the run, the accept->commit p99 over the samples (median and
# worst), and the load generator's own summary. Results go to bench/results/soak-<time>/.
# Needs psql and jq.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rate=7000 duration=30m interval=10s profile=firehose port="${PORT:-18080}"
command_line="bench/soak.sh $*"
while getopts "R:d:i:P:p:" opt; do
  case $opt in
    R) rate=$OPTARG ;; d) duration=$OPTARG ;; i) interval=$OPTARG ;; P) profile=$OPTARG ;; p) port=$OPTARG ;;
    *) echo "usage: bench/soak.sh [-R 7000] [-d 30m] [-i 10s] [-P firehose] [-p port] [-- engine flags]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool psql postgresql-client
need_tool jq

begin_run "soak-" "$port" "$@"
trap 'kill "${loadgen_pid:-}" 2>/dev/null || true; stop_engine' EXIT
{
  echo "command: $command_line"
  machine_line
  echo "load average at start: $load_at_start; profile $profile at $rate req/s for $duration, a sample every $interval; engine flags: ${*:-(defaults)}"
} | tee "$out/summary.txt"

"$root/sluice" loadgen --url "$api" --profile "$profile" --rate "$rate" --duration "$duration" --quiet \
  --report "$out/loadgen" >"$out/loadgen.txt" 2>&1 &
loadgen_pid=$!
printf "elapsed_s\trss_mb\tok_per_s\tapi_p99_ms\tcommit_p99_ms\tbacklog\n" >"$out/samples.tsv"
start=$(date +%s)
while kill -0 "$loadgen_pid" 2>/dev/null; do
  sleep "$(seconds "$interval")"
  kill -0 "$loadgen_pid" 2>/dev/null || break
  rss_kb=$(awk '/VmRSS/{print $2}' "/proc/$engine_pid/status")
  curl -s "$api/control/snapshot" | jq -r --argjson t "$(( $(date +%s) - start ))" --argjson rss "$rss_kb" \
    '[$t, ($rss / 1024 | floor), (.api.okPerSec | floor), (.api.latency.p99Micros / 1000), (.workers.acceptToCommit.p99Micros / 1000), .stream.backlog] | @tsv' \
    | tee -a "$out/samples.tsv"
done
wait "$loadgen_pid" || true
awk -F'\t' 'NR > 1 { n++; rss[n] = $2; c[n] = $5 } END {
  fifth = int(n / 5); if (fifth < 1) fifth = 1
  for (i = 1; i <= fifth; i++) { if (rss[i] > a) a = rss[i] }
  for (i = n - fifth + 1; i <= n; i++) { if (rss[i] > b) b = rss[i] }
  for (i = 1; i <= n; i++) { if (rss[i] > m) m = rss[i]; s[i] = c[i] + 0 }
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (s[j] < s[i]) { x = s[i]; s[i] = s[j]; s[j] = x }
  printf "engine RSS: max %d MB over the first fifth of the run, %d MB over the last fifth, %d MB at most (%d samples)\n", a, b, m, n
  printf "accept->commit p99 over the samples: median %.1f ms, worst %.1f ms\n", s[int((n + 1) / 2)], s[n]
}' "$out/samples.tsv" | tee -a "$out/summary.txt"
grep -v '^\s*$' "$out/loadgen.txt" | tail -12 | tee -a "$out/summary.txt"
echo "results: $out"
