# Shared by the bench/ scripts (source it; it defines functions and sets nothing else).

# need_tool TOOL [DEBIAN_PACKAGE]: installs the package when the tool is missing and apt-get is there.
need_tool() {
  local tool=$1 pkg=${2:-$1}
  command -v "$tool" >/dev/null && return 0
  echo "installing $pkg..." >&2
  (apt-get update -qq && apt-get install -y -qq "$pkg") >/dev/null || { echo "bench: $tool is needed (apt-get install $pkg)" >&2; exit 2; }
}

# start_engine OUT_DIR PORT [engine flags...]: a headless engine on fresh embedded stores in a
# temporary data directory; waits until it serves. Sets engine_pid, engine_start_seconds, engine_data, pg_url,
# redis_port, and the pids of its stores, redis_pid and pg_pid (the postmaster). ENGINE_CMD replaces "./sluice engine"; ENGINE_JAVA_OPTS (read by ./sluice) adds JVM options.
start_engine() {
  local out=$1 port=$2
  shift 2
  engine_data="$(mktemp -d /tmp/sluice-bench.XXXXXX)"
  bash -c "exec ${ENGINE_CMD:-\"\$0\" engine} \"\$@\"" "$root/sluice" --data-dir "$engine_data" --port "$port" "$@" \
    >"$out/engine.out" 2>"$out/engine.log" &
  engine_pid=$!
  local started_at; started_at=$(date +%s.%N)
  for _ in $(seq 1 600); do
    grep -q "engine running" "$out/engine.out" 2>/dev/null && break
    kill -0 "$engine_pid" 2>/dev/null || { echo "bench: engine exited:"; cat "$out/engine.out" "$out/engine.log"; exit 1; }
    sleep 0.2
  done
  # from the launch to "engine running": the stores, the schema and the JIT warm-up (--warm-up)
  engine_start_seconds=$(awk -v a="$started_at" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
  pg_url="$(awk '$1=="postgres"{print $2}' "$out/engine.out")"
  redis_port="$(awk '$1=="redis"{print $2}' "$out/engine.out" | sed 's/.*://')"
  redis_pid="$(cat "$engine_data/redis/redis.pid" 2>/dev/null || true)"
  pg_pid="$(head -1 "$engine_data/postgres/postmaster.pid" 2>/dev/null || true)"
}

# stop_engine: SIGTERM (drain) the engine start_engine started, then remove its data. Idempotent.
stop_engine() {
  if [ -n "${engine_pid:-}" ]; then kill -TERM "$engine_pid" 2>/dev/null && wait "$engine_pid" 2>/dev/null || true; fi
  engine_pid=""
  # an engine that died (kill -9, out of memory) leaves its stores running: stop them too
  for p in ${redis_pid:-} ${pg_pid:-}; do kill -TERM "$p" 2>/dev/null || true; done
  if [ -n "${engine_data:-}" ]; then rm -rf "$engine_data"; fi
  engine_data=""
}

# write_batch FILE N: a JSON array of N ~130-byte log events, each with its own order_id.
write_batch() {
  local file=$1 n=$2 i
  {
    printf '['
    for i in $(seq 1 "$n"); do
      [ "$i" -gt 1 ] && printf ','
      printf '{"level":"INFO","service":"checkout","message":"order placed","order_id":%d,"latency_ms":12.5,"user":{"id":991,"plan":"pro"}}' "$i"
    done
    printf ']'
  } >"$file"
}

# ticks PID: CPU clock ticks (user + system) of a process and of its children that have exited.
ticks() { [ -r "/proc/$1/stat" ] && sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13 + $14 + $15}' || echo 0; }

# tree_ticks PID: ticks of the process and of every live descendant (PostgreSQL's backends).
tree_ticks() {
  local total=0 p q
  for p in $1 $(pgrep -P "$1" 2>/dev/null); do
    total=$((total + $(ticks "$p")))
    [ "$p" != "$1" ] && for q in $(pgrep -P "$p" 2>/dev/null); do total=$((total + $(ticks "$q"))); done
  done
  echo "$total"
}

# begin_run PREFIX PORT [engine flags...]: a results directory bench/results/PREFIX<time> ($out),
# the load average before anything starts ($load_at_start), and an engine (start_engine) that is
# stopped on exit; $api is its base URL.
begin_run() {
  local prefix=$1 port=$2
  shift 2
  out="$root/bench/results/$prefix$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$out"
  load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"
  trap stop_engine EXIT
  start_engine "$out" "$port" "$@"
  api="http://127.0.0.1:$port"
}

# machine_line: the date, the machine and the JDK the engine runs on, for a summary's head.
machine_line() {
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"
}

# seconds 30s|2m|45: whole seconds.
seconds() { local v=$1; case $v in *m) echo $(( ${v%m} * 60 )) ;; *s) echo "${v%s}" ;; *) echo "$v" ;; esac; }
