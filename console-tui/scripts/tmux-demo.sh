#!/usr/bin/env bash
# Runs the terminal console for real, in a tmux pane: starts `./sluice tui` on a fresh data
# directory, waits for the engine, posts some events with curl, presses keys, resizes the pane,
# measures the console's CPU while idle, quits with q and checks the terminal was restored.
# Every screen it sees is captured to a text file.
#
#   console-tui/scripts/tmux-demo.sh [OUT_DIR]        (default console-tui/target/tmux-demo)
#
# Environment:
#   SLUICE_TUI   the console command (default "./sluice tui"); e.g. the java line the launcher runs
#   COLS, ROWS   pane size to start with (default 80x24)
#   IDLE_SECS    how long to sample CPU while idle (default 20)
# Needs tmux and curl. Everything it starts stops when it ends; the data directory is removed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/console-tui/target/tmux-demo}"
cmd="${SLUICE_TUI:-./sluice tui}"
cols="${COLS:-80}"
rows="${ROWS:-24}"
idle="${IDLE_SECS:-20}"
session="sluice-tui-demo-$$"
data="$(mktemp -d /tmp/sluice-tui-demo.XXXXXX)"
mkdir -p "$out"
for tool in tmux curl; do
  command -v "$tool" >/dev/null || { echo "tmux-demo: $tool is needed (apt-get install $tool)" >&2; exit 2; }
done

cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  # a console killed with its session leaves embedded stores behind; stop them by their pid files
  for pidfile in "$data"/postgres/postmaster.pid "$data"/redis/*.pid; do
    [ -f "$pidfile" ] && kill "$(head -1 "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$data"
}
trap cleanup EXIT

capture() { tmux capture-pane -p -t "$session" > "$out/$1.txt"; echo "tmux-demo: captured $out/$1.txt" >&2; }
screen_has() { tmux capture-pane -p -t "$session" | grep -q -- "$1"; }
wait_for() { # TEXT SECONDS
  local deadline=$((SECONDS + $2))
  until screen_has "$1"; do
    if ! tmux has-session -t "$session" 2>/dev/null; then
      echo "tmux-demo: the pane closed before '$1' appeared" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      capture "timeout"
      echo "tmux-demo: '$1' did not appear in $2 s; see $out/timeout.txt" >&2
      exit 1
    fi
    sleep 0.5
  done
}
keys() { for k in "$@"; do tmux send-keys -t "$session" -l "$k"; sleep 0.3; done; }

# The pane runs the console, then reports whether the terminal settings came back and the exit code.
pane_script="$data/pane.sh"
cat > "$pane_script" <<PANE
cd '$root'
before=\$(stty -g)
$cmd --data-dir '$data' --port 0
rc=\$?
if [ "\$(stty -g)" = "\$before" ]; then echo 'tmux-demo: terminal settings restored'; else echo 'tmux-demo: TERMINAL NOT RESTORED'; fi
echo "tmux-demo: console exit code \$rc"
sleep 600
PANE
tmux new-session -d -s "$session" -x "$cols" -y "$rows" -e LANG=C.UTF-8 -e TERM=tmux-256color "bash '$pane_script'"

echo "tmux-demo: starting the console (first start builds and unpacks PostgreSQL; up to 5 min)" >&2
wait_for "RUNNING" 300
capture "01-started"
port="$(tmux capture-pane -p -t "$session" | sed -n 's/.*api 127\.0\.0\.1:\([0-9]*\).*/\1/p' | head -1)"
[ -n "$port" ] || { echo "tmux-demo: no API port in the header" >&2; exit 1; }
echo "tmux-demo: engine API on 127.0.0.1:$port" >&2

# some traffic for the charts: 600 batches of 20 events, spread over about 12 s
(
  for _ in $(seq 600); do
    curl -s -o /dev/null -XPOST "http://127.0.0.1:$port/write" -H 'Content-Type: application/json' \
      -d '[{"n":1},{"n":2},{"n":3},{"n":4},{"n":5},{"n":6},{"n":7},{"n":8},{"n":9},{"n":10},{"n":11},{"n":12},{"n":13},{"n":14},{"n":15},{"n":16},{"n":17},{"n":18},{"n":19},{"n":20}]' || true
    sleep 0.02
  done
) &
traffic=$!
sleep 6
keys + + ']'
sleep 2
capture "02-traffic-and-knobs"
keys '?'
sleep 1
capture "03-help"
tmux send-keys -t "$session" Escape
sleep 1
keys l
sleep 4
capture "04-load-key"
wait "$traffic" || true
tmux resize-window -t "$session" -x 200 -y 60
sleep 2
capture "05-resized-200x60"
tmux resize-window -t "$session" -x "$cols" -y "$rows"
sleep 2
capture "06-back-to-${cols}x${rows}"

# stop the load (if the engine has a load generator, l started one) so the CPU sample is idle
if screen_has "● running"; then
  keys l
  sleep 3
fi

# CPU of the console's JVM (console plus the embedded engine; the stores are other processes)
pane_pid="$(tmux display-message -p -t "$session" '#{pane_pid}')"
jvm="$(pgrep -P "$pane_pid" java || true)"
if [ -n "$jvm" ]; then
  ticks="$(getconf CLK_TCK)"
  t0="$(awk '{print $14 + $15}' "/proc/$jvm/stat")"
  sleep "$idle"
  t1="$(awk '{print $14 + $15}' "/proc/$jvm/stat")"
  awk -v a="$t0" -v b="$t1" -v hz="$ticks" -v s="$idle" -v pid="$jvm" \
    'BEGIN { printf "pid %s: %.2f%% of one core over %d s idle at 1 Hz (console + embedded engine JVM)\n", pid, (b - a) / hz / s * 100, s }' \
    | tee "$out/cpu.txt" >&2
fi

# quit while a load runs: the console asks first, y stops the load and drains
keys l
sleep 3
keys q
sleep 1
if screen_has "A load is running"; then
  capture "07-quit-prompt"
  keys y
fi
wait_for "console exit code" 120
capture "08-after-quit"
grep -q "terminal settings restored" "$out/08-after-quit.txt" && grep -q "console exit code 0" "$out/08-after-quit.txt"
echo "tmux-demo: ok; screens in $out" >&2
