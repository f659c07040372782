#!/usr/bin/python3
"""Secrets never touch the config file or the logs (issue 5, "Done when";
label security).

A full run of the real relaydeskd on loopback, then a byte-level search of
everything it wrote for every secret it was given or offered:
  - the smarthost password lives in the daemon's file store (local:NAME),
    stored and then replaced through the CLI (`secret set`); the first one is
    wrong, so the upstream (tests/fixtures/upstream/upstream.py, aiosmtpd with
    AUTH, no TLS so that nothing hides the AUTH exchange) refuses it and the
    mail waits; after the replacement and a restart it is delivered;
  - two local SMTP AUTH accounts made with the CLI (`user add`, one with a
    password on stdin, one --generate'd and read from the CLI's output);
  - smtplib clients log in with AUTH PLAIN and AUTH LOGIN, with the right
    and with wrong passwords, and once with a password typed as the user name; mail is delivered, one recipient is refused by
    the upstream (a bounce follows), one unauthenticated relay attempt is
    refused by the relay;
  - debug logging is on for every relaydesk category.
Then each secret is searched for in plain text, base64 (at every alignment,
and the AUTH PLAIN "\\0user\\0pass" blobs), hex and UTF-16 in: the INI file,
the daemon's whole log (stdout+stderr, every start), queue.db and its
-wal/-shm (while running and after the stop), every other file under the
data dir and the CLI's output (the --generate'd password is shown once on
purpose). The deliberate stores (the 0600 credentials file and the account
hash file) are checked for mode 0600, and the account file for the absence
of any account password. A hit fails with the file, offset and form, never
the secret itself. TestGrepHelper shows that the search does find each form.
"""
import base64
import os
import re
import secrets
import smtplib
import stat
import subprocess
import sys
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seclib  # noqa: E402
from seclib import relaytest  # noqa: E402

UPSTREAM = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "upstream",
                        "upstream.py")
SMARTHOST_USER = "relay-office"
CREDENTIAL = "local:upstream"
APP, SCANNER = "app", "scanner"
# Files under the data dir that hold secrets on purpose.
CREDENTIAL_STORE = "credentials"
ACCOUNT_FILE = "accounts"


def new_secret(tag):
    # Distinctive and long enough that a hit is never a coincidence.
    return "%s-%s" % (tag, secrets.token_urlsafe(18))


def base64_forms(data):
    """Base64 text that any encoding of `data` contains, wherever it starts
    inside a larger encoded blob: for each of the three alignments, the
    quanta made of `data`'s bytes only."""
    forms = []
    for lead in range(3):
        enc = base64.b64encode(b"\0" * lead + data)
        first = 4 if lead else 0
        last = 4 * ((lead + len(data)) // 3)
        if last - first >= 16:
            forms.append(("base64/%d" % lead, enc[first:last]))
            forms.append(("base64url/%d" % lead,
                          base64.urlsafe_b64encode(b"\0" * lead + data)[first:last]))
    return forms


def secret_forms(name, secret, user=None):
    """[(label, bytes)] for every form of one secret that we search for."""
    raw = secret.encode()
    forms = [("plain", raw), ("hex", raw.hex().encode()), ("HEX", raw.hex().upper().encode()),
             ("utf-16le", secret.encode("utf-16-le")), ("utf-16be", secret.encode("utf-16-be"))]
    forms += base64_forms(raw)
    if user is not None:
        for blob_name, blob in (("AUTH PLAIN blob", b"\0" + user.encode() + b"\0" + raw),
                                ("AUTH PLAIN blob+authzid",
                                 user.encode() + b"\0" + user.encode() + b"\0" + raw)):
            forms.append((blob_name, base64.b64encode(blob)))
    return [("%s (%s)" % (name, label), needle) for label, needle in forms]


def find_secrets(path, needles):
    """[(path, offset, label)] of every needle in the file's bytes."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return []  # gone between listing and reading (e.g. a -wal at checkpoint)
    hits = []
    for label, needle in needles:
        for m in re.finditer(re.escape(needle), data, re.IGNORECASE if "hex" in label else 0):
            hits.append((path, m.start(), label))
    return hits


def describe(hits):
    """The failure text: where and in which form, never the secret."""
    return "\n".join("%s at offset %d: %s" % h for h in hits)


class TestGrepHelper(unittest.TestCase):
    """The search finds each form at its offset, says which one, and does
    not quote the secret; a clean file has no hits."""

    def test_finds_every_form(self):
        tmp = relaytest.TempDir("nosecrets-helper")
        self.addCleanup(tmp.cleanup)
        secret = new_secret("helper")
        needles = secret_forms("test secret", secret, user="someone")
        clean = os.path.join(tmp.path, "clean")
        with open(clean, "wb") as f:
            f.write(b"nothing to see here\n" * 100)
        self.assertEqual(find_secrets(clean, needles), [])
        samples = [
            ("plain", secret.encode()),
            ("hex", secret.encode().hex().encode()),
            ("HEX", secret.encode().hex().upper().encode()),
            ("utf-16le", secret.encode("utf-16-le")),
            # Inside a bigger base64 blob at each alignment.
            ("base64/0", base64.b64encode(secret.encode() + b"tail")),
            ("base64/1", base64.b64encode(b"x" + secret.encode())[4:]),
            ("base64/2", base64.b64encode(b"xy" + secret.encode() + b"z")[4:]),
            ("AUTH PLAIN blob", b"AUTH PLAIN " + base64.b64encode(
                b"\0someone\0" + secret.encode())),
        ]
        for form, payload in samples:
            with self.subTest(form=form):
                path = os.path.join(tmp.path, "leak")
                prefix = b"2024-01-01 relaydesk.core: something " + b"=" * len(form)
                with open(path, "wb") as f:
                    f.write(prefix + payload + b"\n")
                hits = find_secrets(path, needles)
                self.assertTrue(hits, "form %s not found" % form)
                self.assertIn("(%s)" % form, " ".join(h[2] for h in hits))
                self.assertTrue(all(h[1] >= len(prefix) - 4 for h in hits), describe(hits))
                self.assertNotIn(secret, describe(hits))


class NoSecrets(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = relaytest.TempDir("nosecrets")
        cls.up = None
        cls.relay = None
        cls.cli_outputs = []  # (what, bytes) that must hold no secret
        cls.live_hits = []
        try:
            cls.run_everything()
        except BaseException:
            cls.stop_all()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.stop_all()
        cls.tmp.cleanup()

    @classmethod
    def stop_all(cls):
        if cls.relay is not None:
            cls.exit_code = cls.relay.stop()
        if cls.up is not None:
            cls.up.stop()
            cls.up = None

    # --- the run -----------------------------------------------------------
    @classmethod
    def cli(cls, *args, stdin=None, secret_output=None):
        r = cls.relay.run_command(*args, stdin=stdin)
        if r.returncode != 0:
            raise AssertionError("relaydeskd %s failed (%d): %s" % (
                " ".join(args), r.returncode, r.stderr.decode(errors="replace")))
        out = r.stdout
        if secret_output:
            # The one deliberate display: --generate shows the password once.
            out = out.replace(secret_output.encode(), b"<shown once>")
        cls.cli_outputs.append(("relaydeskd " + " ".join(args), out + r.stderr))
        return r.stdout.decode()

    @classmethod
    def start_upstream(cls):
        log = os.path.join(cls.tmp.path, "upstream.log")
        cls.upstream_log = os.path.join(cls.tmp.path, "upstream.jsonl")
        cls.up = relaytest.Process(
            [relaytest.PYTHON, UPSTREAM, "--port", "0", "--log", cls.upstream_log,
             "--auth", "%s:%s" % (SMARTHOST_USER, cls.smarthost_password)], log)
        port = relaytest.wait_until(
            lambda: (re.findall(r"^PORT (\d+)$", cls.up.log(), re.M) or [None])[0]
            or (not cls.up.alive() and cls.fail_upstream()), 30, "the upstream's port")
        return int(port)

    @classmethod
    def fail_upstream(cls):
        raise AssertionError("upstream exited:\n" + cls.up.log())

    @classmethod
    def upstream_entries(cls):
        import json
        if not os.path.exists(cls.upstream_log):
            return []
        with open(cls.upstream_log) as f:
            return [json.loads(line) for line in f if line.strip()]

    @classmethod
    def run_everything(cls):
        cls.old_smarthost_password = new_secret("old-smarthost")
        cls.smarthost_password = new_secret("smarthost")
        cls.app_password = new_secret("app")
        cls.wrong_passwords = [new_secret("wrong%d" % i) for i in range(4)]
        # A password typed into the user name field (and something else into
        # the password field): the failure is logged without the name.
        cls.name_field_password = new_secret("in-name-field")
        port = cls.start_upstream()

        cls.ini = os.path.join(cls.tmp.path, "relaydesk.ini")
        with open(cls.ini, "w") as f:
            f.write("[smarthost]\nhost = 127.0.0.1\nport = %d\ntls = none\nusername = %s\n"
                    "password-ref = %s\n\n[security]\nauth-max-delay = 1s\n"
                    % (port, SMARTHOST_USER, CREDENTIAL))
        # 127.0.0.1 is no allowed network: clients relay only after AUTH.
        cls.relay = relaytest.Daemon(cls.tmp.path, allow=["192.0.2.0/24"],
                                     extra=["--config", cls.ini, "--allow-plain-auth"])
        cls.data_dir = cls.relay.data_dir
        # Every relaydesk category at debug level: the most the log can say.
        os.environ["QT_LOGGING_RULES"] = "relaydesk.*.debug=true"

        # Credentials and accounts through the CLI.
        cls.cli("secret", "set", CREDENTIAL, stdin=(cls.old_smarthost_password + "\n").encode())
        cls.cli("user", "add", APP, stdin=(cls.app_password + "\n").encode())
        r = cls.relay.run_command("user", "add", SCANNER, "--generate")
        if r.returncode != 0:
            raise AssertionError("user add --generate failed: %s" % r.stderr.decode())
        found = re.search(rb"^password: (\S+)$", r.stdout, re.M)
        if not found:
            raise AssertionError("user add --generate showed no password")
        cls.scanner_password = found.group(1).decode()
        cls.cli_outputs.append(("relaydeskd user add --generate (stderr)", r.stderr))
        cls.cli_outputs.append(("relaydeskd user add --generate (stdout, less the password)",
                                r.stdout.replace(found.group(1), b"<shown once>")))
        cls.cli("user", "list")

        # First run: the stored smarthost password is the wrong one.
        cls.relay.start()
        cls.marker = "nosecrets-%s" % secrets.token_hex(4)
        cls.client_traffic()
        relaytest.wait_until(cls.all_deferred, 60, "the deliveries to fail AUTH and wait")
        cls.live_hits += cls.scan_queue_files("first run, live")
        cls.relay.stop()

        # Replace the credential through the CLI, start again: delivered.
        cls.cli("secret", "set", CREDENTIAL, stdin=(cls.smarthost_password + "\n").encode())
        cls.relay.start()
        relaytest.wait_until(cls.delivered, 90, "the mail and the bounce at the upstream")
        # One more client round while running, with the right smarthost password.
        cls.client_traffic(second=True)
        relaytest.wait_until(lambda: cls.delivered(second=True), 90, "the second round delivered")
        cls.live_hits += cls.scan_queue_files("second run, live")
        cls.exit_code = cls.relay.stop()

    @classmethod
    def send(cls, user, password, mechanism, recipients, tag):
        with smtplib.SMTP("127.0.0.1", cls.relay.port, timeout=60) as s:
            s.ehlo("client.test")
            s.user, s.password = user, password
            s.auth(mechanism, getattr(s, "auth_" + mechanism.lower()))
            msg = "Subject: %s %s\r\nFrom: %s@office.test\r\n\r\nbody\r\n" % (cls.marker, tag,
                                                                              user)
            refused = s.sendmail("%s@office.test" % user, recipients, msg)
            if refused:
                raise AssertionError("the relay refused %r" % refused)

    @classmethod
    def wrong_login(cls, user, password, mechanism):
        with smtplib.SMTP("127.0.0.1", cls.relay.port, timeout=60) as s:
            s.ehlo("client.test")
            s.user, s.password = user, password
            try:
                s.auth(mechanism, getattr(s, "auth_" + mechanism.lower()))
            except smtplib.SMTPAuthenticationError as e:
                if e.smtp_code != 535:
                    raise AssertionError("wrong password: %d, not 535" % e.smtp_code)
                return
            raise AssertionError("a wrong password was accepted")

    @classmethod
    def client_traffic(cls, second=False):
        wrong = cls.wrong_passwords[2:] if second else cls.wrong_passwords[:2]
        cls.wrong_login(APP, wrong[0], "PLAIN")
        cls.wrong_login(SCANNER, wrong[1], "LOGIN")
        if not second:
            cls.wrong_login(cls.name_field_password, "x", "LOGIN")
        suffix = "-2" if second else ""
        cls.send(APP, cls.app_password, "PLAIN",
                 ["ok%s@dest.test" % suffix, "reject%s@dest.test" % suffix], "plain" + suffix)
        cls.send(SCANNER, cls.scanner_password, "LOGIN", ["scan%s@dest.test" % suffix],
                 "login" + suffix)
        # Refused by the relay: no AUTH, and 127.0.0.1 may not relay.
        with smtplib.SMTP("127.0.0.1", cls.relay.port, timeout=60) as s:
            s.ehlo("client.test")
            try:
                s.sendmail("anon@office.test", ["victim@dest.test"], "Subject: no\r\n\r\nno\r\n")
            except smtplib.SMTPRecipientsRefused:
                pass
            else:
                raise AssertionError("the relay took mail from an unauthenticated client")

    @classmethod
    def all_deferred(cls):
        states = cls.relay.recipient_states()
        wanted = ["ok@dest.test", "reject@dest.test", "scan@dest.test"]
        return all(relaytest.DEFERRED in states.get(a, []) for a in wanted)

    @classmethod
    def delivered(cls, second=False):
        suffix = "-2" if second else ""
        got = {r for e in cls.upstream_entries() if cls.marker in (e.get("data") or "")
               for r in e["rcpt_tos"]}
        if not {"ok%s@dest.test" % suffix, "scan%s@dest.test" % suffix} <= got:
            return False
        states = cls.relay.recipient_states()
        if relaytest.FAILED not in states.get("reject%s@dest.test" % suffix, []):
            return False
        # The bounce for the refused recipient went out too (to app@office.test).
        bounces = [e for e in cls.upstream_entries() if "app@office.test" in e["rcpt_tos"]
                   and ("reject%s@dest.test" % suffix) in (e.get("data") or "")]
        return bool(bounces)

    # --- what is searched ---------------------------------------------------
    @classmethod
    def all_needles(cls):
        needles = secret_forms("smarthost password", cls.smarthost_password, SMARTHOST_USER)
        needles += secret_forms("old smarthost password", cls.old_smarthost_password,
                                SMARTHOST_USER)
        needles += cls.account_needles()
        return needles

    @classmethod
    def account_needles(cls):
        needles = secret_forms("password of %s" % APP, cls.app_password, APP)
        needles += secret_forms("password of %s" % SCANNER, cls.scanner_password, SCANNER)
        for i, wrong in enumerate(cls.wrong_passwords):
            needles += secret_forms("wrong password %d" % i, wrong,
                                    APP if i % 2 == 0 else SCANNER)
        needles += secret_forms("password typed as the user name", cls.name_field_password)
        return needles

    @classmethod
    def scan_queue_files(cls, when):
        hits = []
        for name in ("queue.db", "queue.db-wal", "queue.db-shm"):
            hits += [("%s [%s]" % (p, when), o, l) for p, o, l in
                     find_secrets(os.path.join(cls.data_dir, name), cls.all_needles())]
        return hits

    # --- the checks ---------------------------------------------------------
    def test_run_was_real(self):
        # The run did what it claims, so that "no hits" means something.
        self.assertEqual(self.exit_code, 0, self.relay.log())
        auth_users = {e.get("auth") for e in self.upstream_entries()}
        self.assertEqual(auth_users, {SMARTHOST_USER})
        self.assertTrue(os.path.getsize(os.path.join(self.data_dir, "queue.db")) > 0)
        log = self.relay.log()
        self.assertIn("relaydesk.", log)  # debug categories really were on
        # The first password really was tried and refused by the upstream.
        self.assertRegex(log, r"535")

    def test_ini_file(self):
        hits = []
        for name in os.listdir(self.tmp.path):
            if name.endswith((".ini", ".ini.bak")):
                hits += find_secrets(os.path.join(self.tmp.path, name), self.all_needles())
        self.assertEqual(hits, [], describe(hits))

    def test_daemon_log(self):
        logs = [os.path.join(self.tmp.path, n) for n in sorted(os.listdir(self.tmp.path))
                if n.startswith("relaydeskd.") and n.endswith(".log")]
        self.assertEqual(len(logs), 2)  # both starts, stdout and stderr together
        hits = [h for p in logs for h in find_secrets(p, self.all_needles())]
        self.assertEqual(hits, [], describe(hits))

    def test_queue_database(self):
        hits = self.live_hits + self.scan_queue_files("after stop")
        self.assertEqual(hits, [], describe(hits))

    def test_every_other_file_in_the_data_dir(self):
        seen = 0
        hits = []
        for root, _, files in os.walk(self.data_dir):
            for name in files:
                path = os.path.join(root, name)
                if root == self.data_dir and name in (CREDENTIAL_STORE, ACCOUNT_FILE):
                    continue
                seen += 1
                hits += find_secrets(path, self.all_needles())
        self.assertGreater(seen, 0)
        self.assertEqual(hits, [], describe(hits))

    def test_secret_stores_are_private_and_hold_no_account_password(self):
        for name in (CREDENTIAL_STORE, ACCOUNT_FILE):
            path = os.path.join(self.data_dir, name)
            mode = stat.S_IMODE(os.stat(path).st_mode)
            self.assertEqual(mode, 0o600, "%s has mode %o" % (name, mode))
        # Account passwords are kept as hashes only, and never in the
        # smarthost credential store either.
        for name in (ACCOUNT_FILE, CREDENTIAL_STORE):
            hits = find_secrets(os.path.join(self.data_dir, name), self.account_needles())
            self.assertEqual(hits, [], describe(hits))
        # The account file holds no smarthost password; the store holds the
        # new one (a real file store, so the search would have found it) and
        # no longer the replaced one.
        store = os.path.join(self.data_dir, CREDENTIAL_STORE)
        hits = find_secrets(os.path.join(self.data_dir, ACCOUNT_FILE),
                            secret_forms("smarthost password", self.smarthost_password))
        self.assertEqual(hits, [], describe(hits))
        self.assertTrue(find_secrets(store, secret_forms("smarthost", self.smarthost_password)),
                        "the credential store does not hold the smarthost password in any "
                        "form this test knows; extend secret_forms()")
        hits = find_secrets(store, secret_forms("replaced password", self.old_smarthost_password))
        self.assertEqual(hits, [], describe(hits))

    def test_cli_output(self):
        hits = []
        for what, output in self.cli_outputs:
            path = os.path.join(self.tmp.path, "cli-output")
            with open(path, "wb") as f:
                f.write(output)
            hits += [(what, o, l) for _, o, l in find_secrets(path, self.all_needles())]
        self.assertEqual(hits, [], describe(hits))


if __name__ == "__main__":
    relaytest.run_tests()
