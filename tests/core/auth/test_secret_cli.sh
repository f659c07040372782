#!/bin/sh
# End-to-end test of `relaydeskd secret set|delete REF` (the binary comes in
# $RELAYDESKD): the local: store in <data-dir>/credentials, the keychain
# against a real Secret Service (gnome-keyring through run-with-keyring.sh),
# and the errors. Exits non-zero with a message on the first failure.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${RELAYDESKD:?RELAYDESKD must name the relaydeskd binary}"
PYTHON=${PYTHON:-/usr/bin/python3}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# run NAME STDIN ARGS...: runs relaydeskd, leaves $status, $out, $errout.
run() {
    name=$1
    input=$2
    shift 2
    status=0
    printf '%s' "$input" | "$RELAYDESKD" "$@" >"$scratch/$name.out" 2>"$scratch/$name.err" ||
        status=$?
    out=$(cat "$scratch/$name.out")
    errout=$(cat "$scratch/$name.err")
}

expect_status() {
    [ "$status" -eq "$1" ] ||
        fail "$2: exit status $status, expected $1; stdout: $out; stderr: $errout"
}

expect_in() {
    case "$1" in
    *"$2"*) ;;
    *) fail "$3: \"$2\" not in: $1" ;;
    esac
}

# lookup NAME: prints the secret the Secret Service holds for RelayDesk/NAME
# (QtKeychain's attributes: server = service, user = key), or nothing.
lookup() {
    "$PYTHON" - "$1" <<'EOF'
import sys
import dbus

bus = dbus.SessionBus()
service = dbus.Interface(bus.get_object("org.freedesktop.secrets", "/org/freedesktop/secrets"),
                         "org.freedesktop.Secret.Service")
unlocked, locked = service.SearchItems({"server": "RelayDesk", "user": sys.argv[1]})
if locked:
    sys.exit("locked items found: the test keyring should be unlocked")
if not unlocked:
    sys.exit(0)
_, session = service.OpenSession("plain", dbus.String("", variant_level=1))
secrets = service.GetSecrets(unlocked, session)
for _, _, value, _ in secrets.values():
    sys.stdout.write(bytes(value).decode("utf-8") + "\n")
EOF
}

keychain_phase() {
    data="$scratch/keychain-data"
    run keychain-set 'kc pass:word
' --data-dir "$data" secret set keychain:x
    expect_status 0 "secret set keychain:x"
    expect_in "$out" "stored keychain:x" "secret set keychain:x output"
    [ "$(lookup x)" = "kc pass:word" ] || fail "the keychain holds \"$(lookup x)\" for x"
    [ ! -e "$data/credentials" ] || fail "secret set keychain: wrote the local credentials file"

    run keychain-replace 'second
' --data-dir "$data" secret set keychain:x
    expect_status 0 "secret set keychain:x again"
    [ "$(lookup x)" = "second" ] || fail "the keychain holds \"$(lookup x)\" after replacing"

    run keychain-delete '' --data-dir "$data" secret delete keychain:x
    expect_status 0 "secret delete keychain:x"
    expect_in "$out" "deleted keychain:x" "secret delete keychain:x output"
    [ -z "$(lookup x)" ] || fail "keychain:x still there after secret delete"
}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/relaydesk-secret-cli.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM

if [ "${1:-}" = "--keychain-phase" ]; then
    keychain_phase
    exit 0
fi

data="$scratch/data"

# local: a 0600 file in the data dir, NAME:base64(secret), one line per name.
run local-set 'pa:ss word
' --data-dir "$data" secret set local:x
expect_status 0 "secret set local:x"
expect_in "$out" "stored local:x" "secret set local:x output"
[ -f "$data/credentials" ] || fail "no $data/credentials after secret set local:x"
[ "$(stat -c %a "$data/credentials")" = 600 ] ||
    fail "credentials file mode is $(stat -c %a "$data/credentials"), expected 600"
expected="x:$(printf 'pa:ss word' | base64)"
[ "$(cat "$data/credentials")" = "$expected" ] ||
    fail "credentials file holds \"$(cat "$data/credentials")\", expected \"$expected\""
case "$out$errout" in *"pa:ss word"*) fail "the secret was echoed" ;; esac

# A second name is added, the same name replaced (CRLF from a Windows pipe
# is not part of the secret).
run local-other 'other
' --data-dir "$data" secret set local:y
expect_status 0 "secret set local:y"
run local-replace "$(printf 'new\r\n')" --data-dir "$data" secret set local:x
expect_status 0 "secret set local:x again"
[ "$(grep -c '^x:' "$data/credentials")" -eq 1 ] || fail "x appears more than once"
grep -qx "x:$(printf new | base64)" "$data/credentials" || fail "x was not replaced"
grep -qx "y:$(printf other | base64)" "$data/credentials" || fail "y was lost"

run local-delete '' --data-dir "$data" secret delete local:x
expect_status 0 "secret delete local:x"
expect_in "$out" "deleted local:x" "secret delete local:x output"
! grep -q '^x:' "$data/credentials" || fail "x still in the file after secret delete"
grep -qx "y:$(printf other | base64)" "$data/credentials" || fail "secret delete removed y"

# Errors.
run empty '' --data-dir "$data" secret set local:z
expect_status 1 "secret set with nothing on stdin"
expect_in "$errout" "no secret on stdin" "empty stdin"
! grep -q '^z:' "$data/credentials" || fail "an empty secret was stored"

chmod 644 "$data/credentials"
run open-file 'pw
' --data-dir "$data" secret set local:z
expect_status 1 "secret set with a credentials file open to others"
expect_in "$errout" "accessible by group or others (mode 0644)" "credentials file mode"
chmod 600 "$data/credentials"

run file-ref 'pw
' --data-dir "$data" secret set file:/tmp/pw
expect_status 2 "secret set file:"
expect_in "$errout" "a file: reference is a file you manage yourself" "file: reference"

run bad-ref 'pw
' --data-dir "$data" secret set smarthost
expect_status 2 "secret set without a scheme"
expect_in "$errout" "not a credential reference" "reference without a scheme"

# No Secret Service: a clear error, no fallback to the local file.
status=0
printf 'pw\n' | env DBUS_SESSION_BUS_ADDRESS="unix:path=$scratch/no-such-bus" \
    "$RELAYDESKD" --data-dir "$scratch/nokeychain" secret set keychain:x \
    >"$scratch/nokc.out" 2>"$scratch/nokc.err" || status=$?
out=$(cat "$scratch/nokc.out")
errout=$(cat "$scratch/nokc.err")
expect_status 1 "secret set keychain: without a Secret Service"
expect_in "$errout" "secret set keychain:x: the OS keychain (freedesktop Secret Service) is not available" \
    "keychain unavailable"
expect_in "$errout" "local:NAME" "keychain unavailable hint"
[ ! -e "$scratch/nokeychain/credentials" ] || fail "fell back to the local file"

# The keychain, against gnome-keyring in a private D-Bus session.
"$here/run-with-keyring.sh" "$here/test_secret_cli.sh" --keychain-phase ||
    fail "keychain phase"

echo "PASS"
