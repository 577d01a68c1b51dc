#!/usr/bin/env bash
# What the day partitions of logs (V4) and each of its indexes cost a COPY: rows/s of one binary
# COPY of -n rows (one connection, as one worker's flush, but much larger) into tables of each
# layout, on the embedded PostgreSQL of a headless engine.
#
#   bench/partitions.sh [-n 200000] [-r 5] [-p port]
#
# Layouts (each a table in schema bench, made from the same SQL as the migrations):
#   plain        the table before V4: identity primary key, UNIQUE (event_id), the legacy partial index
#   part-pk      partitioned by day, primary key (id, received_at) only: the cost of partitioning itself
#   part         the V4 layout: + UNIQUE (received_at, event_id), the redelivery guard and the index by time
#   part-gin     + the --gin-index index: GIN (event jsonb_path_ops)
#   part-gin-ops + a GIN with the default jsonb_ops instead (what a plain "USING gin (event)" costs)
# The rows: ~130-byte JSON events of the shape bench/lib.sh's write_batch sends, a random event id
# each, received_at spread over three days (so rows go to three partitions), written once to a
# binary COPY file. Each round TRUNCATEs the table and COPYs the file; the first round warms the
# caches and is not counted. Prints the command, the machine, the load average at start, each round,
# then per layout the median rows/s and the spread (slowest and fastest round).
# Results go to bench/results/partitions-<time>/. Needs psql.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows=200000 rounds=5 port="${PORT:-18080}"
command_line="bench/partitions.sh $*"
while getopts "n:r:p:" opt; do
  case $opt in
    n) rows=$OPTARG ;; r) rounds=$OPTARG ;; p) port=$OPTARG ;;
    *) echo "usage: bench/partitions.sh [-n 200000] [-r 5] [-p port]" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool psql postgresql-client

# the engine is only the way to an embedded PostgreSQL 17 with Sluice's schema: no warm-up, no load
begin_run "partitions-" "$port" --warm-up 0s
sql() { psql "$pg_url" -v ON_ERROR_STOP=1 -tAqc "$1"; }

{
  echo "command: $command_line"
  machine_line
  echo "load average at start: $load_at_start; $rows rows per COPY, one connection, $rounds rounds per layout after a warm-up round"
  echo "postgres: $(sql 'SHOW server_version')"
} | tee "$out/summary.txt"

columns="id bigint GENERATED ALWAYS AS IDENTITY, event jsonb NOT NULL, received_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), stream_id text COLLATE \"C\", event_id uuid"
days="'2026-01-01', '2026-01-02', '2026-01-03'"

make_table() { # NAME LAYOUT
  local t="bench.$1"
  case $2 in
    plain)
      sql "CREATE TABLE $t ($columns, PRIMARY KEY (id), UNIQUE (event_id));
           CREATE INDEX ON $t (stream_id) WHERE event_id IS NULL" ;;
    part*)
      sql "CREATE TABLE $t ($columns, PRIMARY KEY (id, received_at)) PARTITION BY RANGE (received_at);
           CREATE INDEX ON $t (stream_id) WHERE event_id IS NULL;
           CREATE TABLE ${t}_default PARTITION OF $t DEFAULT"
      for d in 2026-01-01 2026-01-02 2026-01-03; do
        sql "CREATE TABLE ${t}_p${d//-/} PARTITION OF $t FOR VALUES FROM ('$d 00:00+00') TO ('$(date -u -d "$d + 1 day" +%F) 00:00+00')"
      done
      [ "$2" = part-pk ] || sql "ALTER TABLE $t ADD UNIQUE (received_at, event_id)"
      [ "$2" = part-gin ] && sql "CREATE INDEX ON $t USING gin (event jsonb_path_ops)"
      [ "$2" = part-gin-ops ] && sql "CREATE INDEX ON $t USING gin (event)"
      ;;
  esac
  return 0
}

sql "DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench"
data="$out/rows.copy"
# \copy reads one line: the query is built as one
query="SELECT jsonb_build_object('level', 'INFO', 'service', 'checkout', 'message', 'order placed', 'order_id', i,"
query+=" 'latency_ms', 12.5, 'user', jsonb_build_object('id', i % 997, 'plan', 'pro')),"
query+=" ((ARRAY[$days]::date[])[1 + i % 3] + (i % 86400) * interval '1 second') AT TIME ZONE 'UTC',"
query+=" i || '-0', gen_random_uuid() FROM generate_series(1, $rows) AS i"
psql "$pg_url" -v ON_ERROR_STOP=1 -qc "\\copy ($query) TO '$data' (FORMAT binary)"
echo "data: $(du -h "$data" | cut -f1) of binary COPY for $rows rows" | tee -a "$out/summary.txt"

layouts=(plain part-pk part part-gin part-gin-ops)
for layout in "${layouts[@]}"; do
  name="t_${layout//-/_}"
  make_table "$name" "$layout"
  rates=()
  for k in $(seq 0 "$rounds"); do
    sql "TRUNCATE bench.$name" >/dev/null
    sql "CHECKPOINT" >/dev/null # each round starts without the previous one's dirty pages to write
    t0=$(date +%s.%N)
    psql "$pg_url" -v ON_ERROR_STOP=1 -qc "\\copy bench.$name (event, received_at, stream_id, event_id) FROM '$data' (FORMAT binary)"
    t1=$(date +%s.%N)
    landed=$(sql "SELECT count(*) FROM bench.$name")
    [ "$landed" -eq "$rows" ] || { echo "bench: $layout has $landed rows, expected $rows" >&2; exit 1; }
    rate=$(awk -v n="$rows" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", n / (b - a)}')
    [ "$k" -eq 0 ] && label="warm-up" || { label="round $k"; rates+=("$rate"); }
    echo "$layout $label: $rate rows/s" | tee -a "$out/summary.txt"
  done
  printf '%s\n' "${rates[@]}" | sort -n | awk -v l="$layout" '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s: median %.0f rows/s, spread %d..%d over %d rounds\n", l, m, v[1], v[NR], NR
  }' | tee -a "$out/summary.txt" "$out/medians.txt"
  sql "DROP TABLE bench.$name" >/dev/null
done

echo "--- medians" | tee -a "$out/summary.txt"
tee -a "$out/summary.txt" <"$out/medians.txt"
echo "results: $out"
