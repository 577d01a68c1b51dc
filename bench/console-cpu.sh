#!/usr/bin/env bash
# Console CPU benchmark: what an attached console costs while it watches a busy engine. Starts a
# headless engine on fresh embedded stores with an in-engine firehose load at 2,000 req/s, then
# attaches the terminal console (in tmux, 80x24) and the desktop console (under Xvfb) one after
# the other, and prints each JVM's CPU over 20 s, measured after a 40 s start-up.
#
#   bench/console-cpu.sh [-p port]
#
# Needs tmux, Xvfb (Debian: tmux, xvfb, libgtk-3-0) and curl.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${PORT:-18095}"
while getopts "p:" opt; do
  case $opt in
    p) port=$OPTARG ;;
    *) echo "usage: bench/console-cpu.sh [-p port]" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
need_tool tmux
need_tool Xvfb xvfb
need_tool curl

out="$root/bench/results/$(date +%Y%m%d-%H%M%S)-console-cpu"
mkdir -p "$out"
session="sluice-console-cpu-$$"
xvfb_pid="" gui_pid=""
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  [ -n "$gui_pid" ] && kill "$gui_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  stop_engine
}
trap cleanup EXIT
start_engine "$out" "$port"
api="http://127.0.0.1:$port"
curl -s -XPOST "$api/control/load" -d '{"profile":"firehose","model":"open","rate":2000,"duration":300}' >/dev/null

ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
measure() { # name pid
  local a b
  sleep 40
  a=$(ticks "$2"); sleep 20; b=$(ticks "$2")
  awk -v n="$1" -v d=$((b - a)) -v hz="$hz" 'BEGIN { printf "%s: %.1f%% of one core over 20 s (after a 40 s start)\n", n, 100 * d / hz / 20 }' \
    | tee -a "$out/summary.txt"
}
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); engine under a 2,000 req/s in-engine firehose load" | tee "$out/summary.txt"

tmux new-session -d -s "$session" -x 80 -y 24 "$root/sluice tui --attach $api"
sleep 2
tui_pid=$(pgrep -f "dev.sluice.tui.Main --attach $api" | head -1)
measure "tui --attach (whole JVM)" "$tui_pid"
tmux kill-session -t "$session"

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1440x900x24 >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
DISPLAY="$display" "$root/sluice" gui --attach "$api" >"$out/gui.out" 2>&1 &
gui_pid=$!
sleep 2
gui_java=$(pgrep -f "dev.sluice.gui.GuiMain --attach $api" | head -1)
measure "gui --attach (whole JVM, Xvfb, software rendering)" "$gui_java"
echo "results: $out"
