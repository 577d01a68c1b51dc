#!/usr/bin/env bash
# What one stream entry costs Redis over its life: XADD, XREADGROUP, and the workers' acknowledge
# and delete script, in Redis CPU (INFO cpu) per entry, with no engine in the way.
#
#   bench/redis-entry-cost.sh [-n 200000] [-p port]
#
# Runs the embedded redis-server the engine ships (no AOF, so the disk is out of it) and feeds it
# with redis-cli --pipe: -n XADDs of a ~130-byte event in the engine's layout (three fields:
# event, event_id, received_at) and the same packed into one field, XREADGROUP COUNT 5000, and
# the engine's ACK_AND_DELETE script over 500 ids per call. Needs redis-cli, python3 and bc.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n=200000 port=16399
while getopts "n:p:" opt; do
  case $opt in
    n) n=$OPTARG ;; p) port=$OPTARG ;;
    *) echo "usage: bench/redis-entry-cost.sh [-n 200000] [-p port]" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool redis-cli redis-tools
need_tool bc

jar="$(ls "$root"/engine/target/lib/embedded-redis-*.jar 2>/dev/null | head -1)"
[ -n "$jar" ] || { echo "bench: build first (./mvnw -DskipTests package): no embedded-redis jar in engine/target/lib" >&2; exit 2; }
work="$(mktemp -d /tmp/sluice-redis-cost.XXXXXX)"
trap 'redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
(cd "$work" && unzip -q -o "$jar" 'redis-server-*-linux-amd64' && chmod +x redis-server-*)
"$work"/redis-server-*-linux-amd64 --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --dir "$work" --pidfile "$work/redis.pid" >/dev/null
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done

cpu() { redis-cli -p "$port" info cpu | awk -F: '/used_cpu_(sys|user):/{s+=$2} END{print s}'; }
per_entry() { echo "scale=2; ($2 - $1) * 1000000 / $n" | bc; }
# the engine's own script, read from its source so the two cannot drift apart
script="$(awk '/ACK_AND_DELETE = """/ { on = 1; next } on && /"""/ { sub(/""".*/, ""); print; exit } on' \
  "$root/engine/src/main/java/dev/sluice/engine/stream/StreamScripts.java" | sed 's/^ *//')"
[ -n "$script" ] || { echo "bench: ACK_AND_DELETE not found in StreamScripts.java" >&2; exit 2; }
sha="$(redis-cli -p "$port" script load "$script")"

# RESP commands for redis-cli --pipe, written by python3 (one prelude for both files below)
resp_py='def cmd(*args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a if isinstance(a, bytes) else a.encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out
'
python3 -c "$resp_py
import sys
n, work = int(sys.argv[1]), sys.argv[2]
ev = b'{\"level\":\"INFO\",\"service\":\"checkout\",\"message\":\"order placed\",\"order_id\":81723,\"latency_ms\":12.5,\"user\":{\"id\":991,\"plan\":\"pro\"}}'
with open(work + '/three.resp', 'wb') as f:
    f.write(cmd('XADD', 's3', '*', 'event', ev, 'event_id', b'0123456789abcdef', 'received_at', '1764680000000000') * n)
with open(work + '/one.resp', 'wb') as f:
    f.write(cmd('XADD', 's1', '*', 'e', b'0123456789abcdef1764680000000000' + ev) * n)
" "$n" "$work"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, $(uname -sr); $("$work"/redis-server-*-linux-amd64 --version | cut -d' ' -f1-3); $n entries each"
for layout in three one; do
  a=$(cpu); redis-cli -p "$port" --pipe <"$work/$layout.resp" >/dev/null; b=$(cpu)
  echo "XADD, $layout field(s): $(per_entry "$a" "$b") us/entry"
done
for s in s3 s1; do
  redis-cli -p "$port" xgroup create "$s" g 0 >/dev/null
  a=$(cpu)
  for _ in $(seq $(( (n + 4999) / 5000 ))); do redis-cli -p "$port" --no-raw xreadgroup group g c count 5000 streams "$s" '>' >/dev/null; done
  b=$(cpu)
  echo "XREADGROUP COUNT 5000 ($s): $(per_entry "$a" "$b") us/entry"
done
redis-cli -p "$port" xrange s3 - + | awk 'NR % 7 == 1' >"$work/ids"
python3 -c "$resp_py
import sys
sha, work = sys.argv[1], sys.argv[2]
ids = [l.strip().encode() for l in open(work + '/ids')]
with open(work + '/ack.resp', 'wb') as f:
    for i in range(0, len(ids), 500):
        # KEYS: the stream and its extra-events counter; ARGV: the group, no packed entries, the ids
        f.write(cmd('EVALSHA', sha, '2', 's3', '{s3}:extra-events', 'g', '0', *ids[i:i + 500]))
" "$sha" "$work"
a=$(cpu); redis-cli -p "$port" --pipe <"$work/ack.resp" >/dev/null; b=$(cpu)
echo "ACK_AND_DELETE script, 500 ids a call: $(per_entry "$a" "$b") us/entry (stream left: $(redis-cli -p "$port" xlen s3) entries)"
