#!/usr/bin/env bash
# Screenshots of every page of the real RelayDesk GUI with real mail in it,
# into docs/screenshots/ (issue 4).
#
#   scripts/screenshots.sh [--build DIR] [--out DIR] [--keep]
#
# On a virtual desktop (Xvfb 1280x800 + openbox + trayer) it starts an
# upstream on loopback that delivers some recipients, defers some (451 4.7.1)
# and rejects others (550 5.1.1, 552 5.2.2, 535 5.7.139, 550 5.7.26, 554
# 5.7.1), starts relaydesk with a temporary HOME and configuration whose
# smarthost is that upstream, sends ~30 messages with swaks from three
# devices (127.0.0.2-4, EHLO scanner-2f, nas, invoice-app), waits until the
# relay has tried each one, then opens each page (relaydesk --page NAME,
# --open-message ID, --show-tray-menu) and saves the screen with `import`.
# Everything stays on 127.0.0.x; every process started here is stopped by
# its PID. Needs: scripts/install-deps.sh --test, a build of relaydesk.
set -euo pipefail
cd "$(dirname "$0")/.."
# In a private D-Bus session with an unlocked gnome-keyring, so that the
# Credentials tab shows a real keychain (never the user's own keyring).
if [ -z "${RELAYDESK_SCREENSHOT_KEYRING:-}" ]; then
  RELAYDESK_SCREENSHOT_KEYRING=1 exec tests/core/auth/run-with-keyring.sh "$0" "$@"
fi
ROOT=$PWD
BUILD=build
OUTDIR=docs/screenshots
KEEP=
while [ $# -gt 0 ]; do
  case $1 in
    --build) BUILD=$2; shift 2 ;;
    --out) OUTDIR=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
GUI=$ROOT/$BUILD/app/gui/relaydesk
[ -x "$GUI" ] || { echo "no $GUI: build the relaydesk target first" >&2; exit 2; }
PY=/usr/bin/python3 # Debian's, with aiosmtpd
mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)

WORK=$(mktemp -d)
PIDS=()
GUI_PID=
cleanup() {
  [ -n "$GUI_PID" ] && kill "$GUI_PID" 2>/dev/null || true
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$KEEP" ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Looks at the socket table, not by connecting: a probe connection would show
# up on the Devices page as a session from 127.0.0.1.
listening() { ss -Hltn "sport = :$1" | grep -q LISTEN; }
wait_port() { # wait_port PORT: until something listens on it (max 30 s)
  for _ in $(seq 150); do listening "$1" && return 0; sleep 0.2; done
  echo "nothing listens on port $1" >&2; return 1
}
PORT=$(free_port)
UPPORT=$(free_port)

# The upstream: the recipient's local part picks the answer at RCPT, so one
# message can be delivered to some recipients and deferred or bounced for
# others, with the texts real providers send.
cat >"$WORK/upstream.py" <<'PYEOF'
import asyncio, sys
from aiosmtpd.controller import Controller

ANSWERS = [
    ("greylist", "451 4.7.1 <{a}>: Recipient address rejected: Greylisted, please try again in 300 seconds"),
    ("busy", "451 4.7.1 Service unavailable; too many concurrent connections, try again later"),
    ("nosuch", "550 5.1.1 <{a}>: Recipient address rejected: User unknown in virtual mailbox table"),
    ("full", "552 5.2.2 <{a}>: Mailbox full: quota exceeded"),
    ("authfail", "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant"),
    ("dmarc", "550 5.7.26 Unauthenticated email from office.example is not accepted due to domain's DMARC policy"),
    ("spam", "554 5.7.1 Message rejected as spam by Content Filtering"),
]

class Handler:
    async def handle_RCPT(self, server, session, envelope, address, options):
        local = address.split("@")[0].lower()
        for key, answer in ANSWERS:
            if key in local:
                return answer.format(a=address)
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        return "250 2.0.0 Ok: queued as %X" % (abs(hash(envelope.content)) % 0xFFFFFFFF)

controller = Controller(Handler(), hostname="127.0.0.1", port=int(sys.argv[1]),
                        server_hostname="mx.provider.example")
controller.start()
print("READY", flush=True)
asyncio.get_event_loop().run_forever()
PYEOF
$PY "$WORK/upstream.py" "$UPPORT" >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
wait_port "$UPPORT"

mkdir -p "$WORK/home"
mkdir -p -m 700 "$WORK/data"
# A self-signed certificate for the listeners (Security > Certificates), and
# a second listener that lets old printers use TLS 1.0 (its warning).
DAEMON=$ROOT/$BUILD/app/daemon/relaydeskd
TLS_CONF=
# Its key is encrypted; the passphrase is in the relay's file store and the
# INI names it (Security > Credentials lists it as the key's).
if [ -x "$DAEMON" ] && echo "Key-Passphrase-2026" | "$DAEMON" cert generate --out "$WORK/tls" \
  --name relay.office.lan --encrypt >"$WORK/cert.log" 2>&1 &&
  echo "Key-Passphrase-2026" | "$DAEMON" --data-dir "$WORK/data" secret set local:tls-key \
    >>"$WORK/cert.log" 2>&1; then
  TLS_CONF="[tls]
cert-file = $WORK/tls/relaydesk-cert.pem
key-file = $WORK/tls/relaydesk-key.pem
key-passphrase-ref = local:tls-key
[listener.old-printers]
address = 127.0.0.1
port = $(free_port)
min-tls = 1.0"
fi
cat >"$WORK/relaydesk.ini" <<INI
[general]
data-dir = $WORK/data
hostname = relay.office.lan
$TLS_CONF
[listener.lan]
address = 127.0.0.1
port = $PORT
[relay]
allowed-networks = 127.0.0.0/8
[smarthost]
host = 127.0.0.1
port = $UPPORT
tls = none
# A backup smarthost whose password was typed into the file: the Security
# page offers to move it into the keychain.
[smarthost.backup]
host = 127.0.0.1
port = $UPPORT
tls = none
username = relay@office.example
password = Backup-Pass-2026
# Deferred mail stays deferred while the pictures are taken.
[retry]
schedule = 30m,1h
INI

export XDG_RUNTIME_DIR=$WORK/xdg
mkdir -m 700 "$XDG_RUNTIME_DIR"
DISP=
for n in $(seq 90 120); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then DISP=:$n; break; fi
done
[ -n "$DISP" ] || { echo "no free X display" >&2; exit 1; }
Xvfb "$DISP" -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
PIDS+=($!)
export DISPLAY=$DISP
for _ in $(seq 50); do xprop -root >/dev/null 2>&1 && break; sleep 0.1; done
# The main window maximised (1280x776 under the tray strip), dialogs as they open.
cat >"$WORK/rc.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <applications>
    <application class="*" type="normal"><maximized>yes</maximized></application>
  </applications>
</openbox_config>
XML
openbox --config-file "$WORK/rc.xml" >"$WORK/openbox.log" 2>&1 &
PIDS+=($!)
trayer --edge top --align right --widthtype request --height 24 --SetDockType true --SetPartialStrut true \
  --transparent false --tint 0x404040 >"$WORK/trayer.log" 2>&1 &
PIDS+=($!)

# The GUI with its own HOME: its QSettings, the single-instance lock and
# the window layout start fresh. QT_QPA_PLATFORMTHEME is cleared so the
# host's theme plugin cannot change the look.
start_gui() {
  HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share \
    QT_QPA_PLATFORMTHEME= QT_QPA_PLATFORM=xcb \
    "$GUI" --config "$WORK/relaydesk.ini" "$@" >>"$WORK/gui.log" 2>&1 &
  GUI_PID=$!
  wait_port "$PORT"
}
stop_gui() {
  kill -TERM "$GUI_PID" 2>/dev/null || true
  wait "$GUI_PID" 2>/dev/null || true
  GUI_PID=
  # The listener is gone once the process is.
  for _ in $(seq 50); do listening "$PORT" || return 0; sleep 0.1; done
}
db() { sqlite3 -readonly "$WORK/data/queue.db" "$1" 2>/dev/null || echo; }

# Local SMTP AUTH accounts for the apps that can log in (Security > Accounts).
if [ -x "$DAEMON" ]; then
  for account in scanner-2f invoice-app; do
    echo "Pw-for-$account-$RANDOM$RANDOM" | "$DAEMON" --data-dir "$WORK/data" user add "$account" \
      >>"$WORK/accounts.log" 2>&1 || echo "could not add account $account (see $WORK/accounts.log)"
  done
fi

start_gui

# --- The mail: three devices, a few recipients each, varied sizes. ---
send() { # send IP HELO FROM SUBJECT RCPT...
  local ip=$1 helo=$2 from=$3 subject=$4; shift 4
  local to
  to=$(IFS=,; echo "$*")
  swaks --silent 2 --server 127.0.0.1 --port "$PORT" --local-interface "$ip" --helo "$helo" \
    --from "$from" --to "$to" --header "Subject: $subject" \
    --body "$subject. Sent through the office relay.${BODY:+$NL$BODY}" >/dev/null || true
}
NL=$'\n'
PAD=$(for n in $(seq 1 80); do echo "Item $n: consulting services, 1 h, 120.00 EUR"; done)
for i in $(seq 1 10); do
  case $((i % 5)) in
    0) to=(reception@office.example greylist.sales@partner.example) ;;
    1) to=(anna.berg@office.example) ;;
    2) to=(nosuch.jdoe@customer.example) ;;
    3) to=(accounts@office.example full.archive@customer.example) ;;
    4) to=(busy.frontdesk@hotel.example) ;;
  esac
  send 127.0.0.2 scanner-2f scanner-2f@office.example "Scan from scanner-2f ($i pages)" "${to[@]}"
done
for i in $(seq 1 10); do
  case $((i % 4)) in
    0) to=(it@office.example) ;;
    1) to=(authfail.backup@office.example) ;;
    2) to=(it@office.example greylist.ops@msp.example) ;;
    3) to=(dmarc.alerts@monitor.example) ;;
  esac
  send 127.0.0.3 nas nas@office.example "NAS backup report: job $i finished" "${to[@]}"
done
for i in $(seq 1 10); do
  case $((i % 5)) in
    0) to=(billing@customer.example) ;;
    1) to=(spam.orders@shop.example) ;;
    2) to=(greylist.payables@supplier.example) ;;
    3) to=(nosuch.old-contact@customer.example) ;;
    4) to=(finance@office.example ap@supplier.example) ;;
  esac
  BODY=$PAD send 127.0.0.4 invoice-app billing@office.example "Invoice 2026-$((1100 + i))" "${to[@]}"
done
# A message from the relay host itself (the admin testing), with no failure.
send 127.0.0.1 admin-laptop admin@office.example "Relay test" admin@office.example

# Until every recipient had its first attempt (none Queued or in flight).
for _ in $(seq 120); do
  left=$(db "SELECT COUNT(*) FROM recipients WHERE state IN (0, 1)")
  [ "$left" = 0 ] && break
  sleep 0.5
done
echo "recipients by state: $(db "SELECT group_concat(state || ':' || n, ' ') FROM (SELECT state, COUNT(*) n FROM recipients GROUP BY state)")"

# Saves the whole screen, reduced to a 256-colour palette (small PNGs).
shoot() {
  local name=$1 tmp=$WORK/shot.png
  import -window root "$tmp"
  convert "$tmp" -colors 256 -define png:compression-level=9 PNG8:"$OUTDIR/$name.png"
  echo "saved $OUTDIR/$name.png ($(stat -c %s "$OUTDIR/$name.png") bytes)"
}
# Waits for the window and its first answers from the core.
settle() { sleep "${1:-3}"; }

# Every page the window has: asked for an unknown one, it lists them.
stop_gui
: >"$WORK/gui.log"
start_gui --page '?'
stop_gui
PAGES=$(sed -n 's/.*no page "?" (pages: \(.*\))$/\1/p' "$WORK/gui.log" | tail -1 | tr -d ,)
[ -n "$PAGES" ] || PAGES="overview queue log bounces devices"
echo "pages: $PAGES"
for page in $PAGES; do
  start_gui --page "$page"
  settle 3
  shoot "$page"
  stop_gui
done

# The tabs of the pages that have them.
for tab in security/accounts security/certificates security/lockouts security/audit \
  settings/settingsRoutesTab settings/settingsLimitsTab; do
  start_gui --page "$tab"
  settle 3
  shoot "$(echo "$tab" | sed "s|/settings\(.*\)Tab$|-\L\1|; s|/|-|")"
  stop_gui
done

# The detail of a deferred message (with its attempt and transcript).
deferred=$(db "SELECT message_id FROM recipients WHERE state = 2 ORDER BY message_id LIMIT 1")
if [ -n "$deferred" ]; then
  start_gui --page queue --open-message "$deferred"
  settle 3
  shoot message-detail
  stop_gui
fi

start_gui --page overview --show-tray-menu
settle 3
shoot tray-menu
stop_gui

start_gui --page overview --dark
settle 3
shoot overview-dark
stop_gui
echo "screenshots in $OUTDIR"
