#!/usr/bin/env bash
# The seeds' comparisons as README "Reproduce the seeds" prints them: ./sluice experiment NAME, each
# on a fresh embedded stack of its own, one after another, R times, each run's wall time measured
# (the engine's start and the stores' included) and its table and report kept.
#
#   bench/experiments.sh [-r REPEATS] [-q] [NAME...] [-- experiment flags]
#
#   -r N   runs of each experiment (default 1); the README's spread comes from N >= 2
#   -q     --quick pace (the whole experiment in about 3 minutes); default: the full pace
#   NAME   built-in experiments (default: stages insert-vs-copy workers max-rate)
#
# Run it with nothing else on the machine. Results: bench/results/experiments-<time>/NAME-<i>/
# (stdout with the table, the --report directory) and summary.txt (each run's wall time and table).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
repeats=1
pace=()
names=()
while [ $# -gt 0 ]; do
  case $1 in
    -r) repeats=$2; shift 2 ;;
    -q) pace=(--quick); shift ;;
    --) shift; break ;;
    -*) echo "bench/experiments.sh: unknown option $1 (see the comment at the top)" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
[ ${#names[@]} -eq 0 ] && names=(stages insert-vs-copy workers max-rate)
out="$root/bench/results/experiments-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
{
  echo "command: bench/experiments.sh -r $repeats ${pace[*]:-} ${names[*]} ${*:+-- $*}"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} | tee "$out/summary.txt"
for name in "${names[@]}"; do
  for i in $(seq 1 "$repeats"); do
    run="$out/$name-$i"
    mkdir -p "$run"
    data="$(mktemp -d /tmp/sluice-experiment.XXXXXX)"
    started=$(date +%s.%N)
    status=0
    "$root/sluice" experiment "$name" "${pace[@]}" --port 0 --data-dir "$data" --report "$run/report" "$@" \
      >"$run/stdout.txt" 2>"$run/stderr.txt" || status=$?
    wall=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')
    rm -rf "$data"
    {
      echo
      echo "--- $name run $i: exit $status, wall time ${wall} s"
      # the table: from its title line (the one naming the pace) to the end
      awk '/ pace\)$/ {t=1} t' "$run/stdout.txt"
    } | tee -a "$out/summary.txt"
  done
done
echo "results: $out"
