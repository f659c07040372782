#!/usr/bin/env bash
# Installs what RelayDesk needs, builds it and runs it: the GUI when a display
# is there, otherwise the headless daemon. Arguments go to the program, e.g.
#   scripts/run.sh --config /etc/relaydesk/relaydesk.ini
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/app/gui/relaydesk "$@"
fi
echo "run.sh: no display found, starting the headless daemon (Ctrl+C stops it)" >&2
exec build/app/daemon/relaydeskd "$@"
