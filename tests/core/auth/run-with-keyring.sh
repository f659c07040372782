#!/bin/sh
# Runs a command in a private D-Bus session with an unlocked gnome-keyring
# Secret Service, so keychain tests use the real thing without touching the
# user's keyring. Usage: run-with-keyring.sh COMMAND [ARGS...]
set -eu

scratch=$(mktemp -d "${TMPDIR:-/tmp}/relaydesk-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
chmod 700 "$scratch"

# gnome-keyring keeps its control socket in XDG_RUNTIME_DIR and the
# keyrings in XDG_DATA_HOME: both go to the scratch directory.
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
    XDG_RUNTIME_DIR="$scratch/runtime"
    mkdir -m 700 "$XDG_RUNTIME_DIR"
    export XDG_RUNTIME_DIR
fi
XDG_DATA_HOME="$scratch/data"
mkdir -m 700 "$XDG_DATA_HOME"
export XDG_DATA_HOME

status=0
dbus-run-session -- sh -c 'printf "pw\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' \
    sh "$@" || status=$?
exit "$status"
