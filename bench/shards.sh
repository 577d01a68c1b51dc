#!/usr/bin/env bash
# One stream key against several on the same embedded Redis: bench/ingest.sh run once per shard
# count, each on a fresh engine (its own warm-up), with --stream-shards N added to the engine flags.
#
#   bench/shards.sh [-s "1 4"] [ingest.sh options] [-- engine flags]
#
# On one Redis, shards buy nothing: Redis runs every key on the same thread. They exist for Redis
# Cluster, where each key's hash tag puts it on its own master; this measures what splitting costs
# when there is nothing to gain (more keys for the producer to take turns over, workers reading
# several keys each, a backlog script per key in the gauge). Prints each run's medians, then the
# medians side by side. Results: bench/results/shards-<time>/ and each ingest.sh run's own directory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
counts="1 4"
args=()
while [ $# -gt 0 ]; do
  case $1 in
    -s) counts=$2; shift 2 ;;
    --) break ;;
    *) args+=("$1"); shift ;;
  esac
done
[ "${1:-}" = "--" ] && shift
out="$root/bench/results/shards-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
echo "command: bench/shards.sh -s \"$counts\" ${args[*]:-} ${*:+-- $*}" | tee "$out/summary.txt"
for n in $counts; do
  echo "--- --stream-shards $n" | tee -a "$out/summary.txt"
  "$root/bench/ingest.sh" "${args[@]}" -- --stream-shards "$n" "$@" | tee "$out/ingest-$n.txt"
done
echo "--- medians" | tee -a "$out/summary.txt"
for n in $counts; do
  grep -h "median of" "$out/ingest-$n.txt" | sed "s/^/shards $n: /" | tee -a "$out/summary.txt"
done
echo "results: $out"
