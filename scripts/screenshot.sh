#!/usr/bin/env bash
# Takes a screenshot of the real RelayDesk window on a virtual desktop
# (Xvfb + openbox + trayer), with a few messages queued through it.
#   scripts/screenshot.sh [OUT.png]     (needs: scripts/install-deps.sh --test, a build)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-screenshot.png}
WORK=$(mktemp -d)
PORT=$((20000 + RANDOM % 20000))
DISP=:$((90 + RANDOM % 9))
cleanup() { kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
[ -n "${KEEP_LOG:-}" ] && trap 'cat "$WORK/gui.log"; cleanup' EXIT
cat > "$WORK/relaydesk.ini" <<INI
[general]
data-dir = $WORK/data
hostname = relay.office.lan
[listener.lan]
address = 127.0.0.1
port = $PORT
INI
export XDG_RUNTIME_DIR=$WORK/xdg; mkdir -m 700 "$XDG_RUNTIME_DIR"
Xvfb "$DISP" -screen 0 1280x800x24 >/dev/null 2>&1 &
sleep 1
export DISPLAY=$DISP
openbox >/dev/null 2>&1 &
trayer --edge top --align right --widthtype request --height 24 >/dev/null 2>&1 &
HOME=$WORK build/app/gui/relaydesk --config "$WORK/relaydesk.ini" >"$WORK/gui.log" 2>&1 &
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.2; done
for i in 1 2 3; do
  swaks --silent 2 --server 127.0.0.1:$PORT --helo scanner-$i.office.lan \
        --from scanner@office.example --to "user$i@example.com" >/dev/null
done
sleep 2
import -window root "$OUT"
echo "screenshot: $OUT"
