#!/bin/sh
# `relaydeskd user add --generate/--allow-sender/--rate`, `user list` and
# `cert generate|show` end to end, with the real openssl tool as the judge.
set -eu
: "${RELAYDESKD:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A generated password is shown once and is 24 characters long.
out=$("$RELAYDESKD" --data-dir "$work/data" user add scanner --generate \
      --allow-sender scan@office.example --allow-sender @billing.example --rate 30 </dev/null)
echo "$out"
pw=$(printf '%s\n' "$out" | sed -n 's/^password: //p')
[ ${#pw} -eq 24 ] || fail "generated password has ${#pw} characters"
# ...and stored only as a hash.
grep -q "$pw" "$work/data/accounts" && fail "password stored in clear"
grep -q '^scanner:\$scrypt\$.*:senders=scan@office.example,@billing.example rate=30$' \
    "$work/data/accounts" || fail "policy not stored: $(cat "$work/data/accounts")"
[ "$(stat -c %a "$work/data/accounts")" = 600 ] || fail "accounts file not 0600"

# An account from stdin with the default policy; list shows both.
printf 'secret\n' | "$RELAYDESKD" --data-dir "$work/data" user add legacy >/dev/null
list=$("$RELAYDESKD" --data-dir "$work/data" user list)
echo "$list"
printf '%s\n' "$list" | grep -q '^legacy	senders: any; rate: \[limits\] defaults$' || fail "list: legacy"
printf '%s\n' "$list" | grep -q '^scanner	senders: scan@office.example, @billing.example; rate: 30 messages/min$' \
    || fail "list: scanner"

# A bad sender is refused and nothing is added.
if "$RELAYDESKD" --data-dir "$work/data" user add bad --generate --allow-sender nobody \
    >/dev/null 2>"$work/err"; then fail "bad sender accepted"; fi
grep -q 'not an address' "$work/err" || fail "no reason given: $(cat "$work/err")"
"$RELAYDESKD" --data-dir "$work/data" user list | grep -q '^bad' && fail "bad account added"

# Each change is in the audit log, as the GUI's are; no password in it.
audit=$(sqlite3 -readonly "$work/data/queue.db" \
    "SELECT action || ' ' || subject || ' ' || after_value FROM audit_log ORDER BY id")
echo "$audit"
printf '%s\n' "$audit" | grep -q '^account.add scanner senders: scan@office.example' \
    || fail "account.add scanner not audited"
printf '%s\n' "$audit" | grep -q '^account.add legacy ' || fail "account.add legacy not audited"
printf '%s\n' "$audit" | grep -q 'account.add bad' && fail "refused account audited"
printf '%s\n' "$audit" | grep -q -e "$pw" -e secret && fail "a password reached the audit log"

# cert generate: RSA with an extra name; openssl checks name and key.
"$RELAYDESKD" cert generate --out "$work/tls" --rsa --name relay.office.example --days 90 \
    >"$work/gen"
cert="$work/tls/relaydesk-cert.pem"
key="$work/tls/relaydesk-key.pem"
[ "$(stat -c %a "$key")" = 600 ] || fail "key not 0600"
openssl verify -CAfile "$cert" -verify_hostname relay.office.example "$cert" >/dev/null \
    || fail "openssl does not accept the certificate for relay.office.example"
[ "$(openssl x509 -in "$cert" -noout -pubkey | openssl sha256)" = \
  "$(openssl pkey -in "$key" -pubout | openssl sha256)" ] || fail "key does not match"
openssl x509 -in "$cert" -noout -text | grep -q 'Public-Key: (3072 bit)' || fail "not RSA 3072"
# No silent overwrite.
if "$RELAYDESKD" cert generate --out "$work/tls" >/dev/null 2>&1; then fail "overwrote"; fi

# cert show agrees with openssl on the fingerprint.
show=$("$RELAYDESKD" cert show "$cert")
echo "$show"
fp=$(openssl x509 -in "$cert" -noout -fingerprint -sha256 | sed 's/.*=//')
printf '%s\n' "$show" | grep -q "SHA-256:     $fp" || fail "fingerprint differs"
printf '%s\n' "$show" | grep -q 'DNS:relay.office.example' || fail "name missing"
printf '%s\n' "$show" | grep -q 'Warning: expires' && fail "90 days warned as expiring"

# An encrypted key: the passphrase from stdin, never on the command line.
printf 'pass phrase\n' | "$RELAYDESKD" cert generate --out "$work/enc" --encrypt >/dev/null
grep -q 'ENCRYPTED PRIVATE KEY' "$work/enc/relaydesk-key.pem" || fail "key not encrypted"
openssl pkey -in "$work/enc/relaydesk-key.pem" -passin 'pass:pass phrase' -noout \
    || fail "passphrase does not open the key"
echo "PASS"
