#!/usr/bin/env bash
# Runs the real desktop console under Xvfb (a virtual X display) on a fresh embedded stack with a
# load running, and saves a screenshot of the window.
#
#   console-gui/scripts/xvfb-screenshot.sh [OUT.png] [extra ./sluice gui flags...]
#
# Defaults: OUT = docs/console-gui.png, load = firehose with 8 users, screenshot after 40 s.
# Needs the Debian packages xvfb and libgtk-3-0:  apt-get install -y xvfb libgtk-3-0
# Env: SHOT_AFTER (default 40s), SHOT_LOAD (default "--load firehose --users 8"), SHOT_SIZE (1600x1000),
#      SLUICE_GUI_CP (run java on this classpath instead of ./sluice gui, e.g. to skip the build step).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/docs/console-gui.png}"
shift || true
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

for tool in Xvfb; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "xvfb-screenshot: $tool not found; install it with: apt-get install -y xvfb libgtk-3-0" >&2
    exit 2
  fi
done
if ! ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0'; then
  echo "xvfb-screenshot: libgtk-3 not found; install it with: apt-get install -y libgtk-3-0" >&2
  exit 2
fi

# a free display number: the first without an X lock file
display=99
while [ -e "/tmp/.X${display}-lock" ]; do display=$((display + 1)); done
size="${SHOT_SIZE:-1600x1000}"
Xvfb ":$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
data="$(mktemp -d -t sluice-shot-XXXXXX)"
cleanup() {
  kill "$xvfb_pid" 2>/dev/null || true
  wait "$xvfb_pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 50); do
  [ -e "/tmp/.X11-unix/X${display}" ] && break
  sleep 0.1
done

mkdir -p "$(dirname "$out")"
echo "xvfb-screenshot: display :$display ($size), data in $data, screenshot after ${SHOT_AFTER:-40s} -> $out" >&2
launch=("$root/sluice" gui)
if [ -n "${SLUICE_GUI_CP:-}" ]; then
  # an already built classpath: skips the launcher's build step
  launch=("${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$SLUICE_GUI_CP" dev.sluice.gui.GuiMain)
fi
set +e
# shellcheck disable=SC2086
DISPLAY=":$display" "${launch[@]}" --data-dir "$data" --port 0 ${SHOT_LOAD:---load firehose --users 8} \
  --screenshot "$out" --screenshot-after "${SHOT_AFTER:-40s}" "$@"
status=$?
set -e
if [ -f "$data/console-gui.log" ]; then
  grep -E "WARN|ERROR" "$data/console-gui.log" | tail -5 >&2 || true
fi
[ -s "$out" ] || { echo "xvfb-screenshot: no screenshot was written" >&2; exit 1; }
echo "xvfb-screenshot: saved $out" >&2
exit "$status"
