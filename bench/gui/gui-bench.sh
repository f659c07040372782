#!/usr/bin/env bash
# Runs gui-bench (bench/gui/main.cpp) on a virtual X display (Xvfb +
# openbox), as a user's desktop would paint it; arguments go to gui-bench
# (--messages, --runs, --rate, --sessions, --seconds, --skip-launch,
# --skip-stall). Without Xvfb it runs offscreen.
#   cmake --build build --target gui-bench && bench/gui/gui-bench.sh [--build DIR] [ARGS]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=build
if [ "${1:-}" = --build ]; then BUILD=$2; shift 2; fi
BENCH=$PWD/$BUILD/bench/gui/gui-bench
[ -x "$BENCH" ] || { echo "no $BENCH: build the gui-bench target first" >&2; exit 2; }
if ! command -v Xvfb >/dev/null; then
  QT_QPA_PLATFORM=offscreen exec "$BENCH" "$@"
fi
PIDS=()
WORK=$(mktemp -d)
cleanup() {
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
DISP=
for n in $(seq 121 150); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then DISP=:$n; break; fi
done
Xvfb "$DISP" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
PIDS+=($!)
export DISPLAY=$DISP
for _ in $(seq 50); do xprop -root >/dev/null 2>&1 && break; sleep 0.1; done
openbox >/dev/null 2>&1 &
PIDS+=($!)
export XDG_RUNTIME_DIR=$WORK
QT_QPA_PLATFORMTHEME= QT_QPA_PLATFORM=xcb "$BENCH" "$@"
