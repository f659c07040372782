#!/usr/bin/python3
"""Real clients -> relaydeskd -> a real Postfix upstream (STARTTLS required + AUTH).

Starts: a test CA (openssl), a private Postfix instance that demands STARTTLS
and SASL AUTH and delivers into a maildir, and relaydeskd with
--smarthost-tls starttls, --smarthost-user, a 0600 --smarthost-password-file,
--smarthost-ca, its own STARTTLS certificate and a local account (user add).
Clients: swaks, curl (smtp://), Python smtplib (plain from an allowed address;
STARTTLS + AUTH PLAIN from a non-allowed one). Every message is checked at
the upstream: arrived exactly once per recipient, our headers intact, a
Received: header naming the client's EHLO and IP, and relayed over
TLS + AUTH (Postfix's "with ESMTPSA").
"""
import os
import smtplib
import ssl
import subprocess
import sys
import unittest
import uuid

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import relaytest  # noqa: E402
from postfix_upstream import SASL_PASSWORD, SASL_USER, PostfixUpstream, TestCa  # noqa: E402

LOCAL_USER = "scanner"
LOCAL_PASSWORD = "local-pw-7f3a"


def build_message(test_id, subject, rcpts):
    return ("From: Office Scanner <scanner@client.test>\r\n"
            "To: %s\r\n"
            "Subject: %s\r\n"
            "Message-ID: <%s@client.test>\r\n"
            "X-Test-Id: %s\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=us-ascii\r\n"
            "\r\n"
            "Body line one.\r\n"
            ".a line that starts with a dot\r\n"
            "Last line.\r\n" % (", ".join(rcpts), subject, test_id, test_id)).encode()


class ClientsThroughPostfix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = relaytest.TempDir("clients")
        try:
            cls.ca = TestCa(os.path.join(cls.tmp.path, "ca"))
            cls.pf = PostfixUpstream(cls.tmp.path, ca=cls.ca).start()
            cert, key = cls.ca.make_cert("relay", "relay.test")
            pwfile = os.path.join(cls.tmp.path, "smarthost-password")
            with open(os.open(pwfile, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
                f.write(SASL_PASSWORD + "\n")
            cls.relay = relaytest.Daemon(
                cls.tmp.path, allow=["127.0.0.1/32"], smarthost=cls.pf.address,
                smarthost_tls="starttls", smarthost_ca=cls.ca.cert,
                extra=["--smarthost-user", SASL_USER, "--smarthost-password-file", pwfile,
                       "--tls-cert", cert, "--tls-key", key])
            cls.relay.user_add(LOCAL_USER, LOCAL_PASSWORD)
            cls.relay.start()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "relay", None):
            rc = cls.relay.stop()
            if rc not in (0, None):
                print("relaydeskd exited with %s\n%s" % (rc, cls.relay.log()), file=sys.stderr)
        if getattr(cls, "pf", None):
            cls.pf.stop()
        cls.tmp.cleanup()

    def arrived(self, test_id, count, timeout=60):
        """The upstream's copies of the message with X-Test-Id test_id, once `count` arrived."""
        def find():
            found = [m for m in self.pf.parsed() if m["X-Test-Id"] == test_id]
            return found if len(found) >= count else None
        try:
            found = relaytest.wait_until(find, timeout, "%d cop(ies) of %s at Postfix" % (count, test_id))
        except AssertionError:
            self.fail("message %s did not arrive\nrelay log:\n%s\npostfix log:\n%s"
                      % (test_id, self.relay.log(), self.pf.maillog()[-4000:]))
        return found

    def assert_relayed(self, test_id, rcpts, helo, client_ip, subject):
        copies = self.arrived(test_id, len(rcpts))
        self.assertEqual(sorted(m["Delivered-To"] for m in copies), sorted(rcpts),
                         "each recipient gets exactly one copy")
        for m in copies:
            self.assertEqual(m["Subject"], subject)
            self.assertEqual(m.get_all("Message-ID"), ["<%s@client.test>" % test_id])
            self.assertEqual(m["From"], "Office Scanner <scanner@client.test>")
            received = m.get_all("Received")
            self.assertIn("ESMTPSA", received[0], "relaydeskd must relay over TLS with AUTH")
            ours = [r for r in received if helo in r]
            self.assertEqual(len(ours), 1, "one Received: with the client's EHLO: %r" % received)
            self.assertIn(client_ip, ours[0])
            self.assertIn("relay.test", ours[0], "Received: names our --hostname")
        body = copies[0].get_payload()
        if subject.startswith("smtplib") or subject.startswith("curl"):
            self.assertIn("\n.a line that starts with a dot\n", body.replace("\r\n", "\n"))
        # The envelopes end up Delivered (3) in the queue.
        relaytest.wait_until(
            lambda: all(self.relay.recipient_states().get(r, [None])[-1] == relaytest.DELIVERED
                        for r in rcpts), 30, "recipients of %s marked delivered" % test_id)

    def test_swaks(self):
        test_id = "swaks-" + uuid.uuid4().hex
        r = subprocess.run(["swaks", "--server", "127.0.0.1", "--port", str(self.relay.port),
                            "--helo", "swaks.client.test", "--from", "scanner@client.test",
                            "--to", "alice@dest.test", "--header", "Subject: swaks " + test_id,
                            "--header", "X-Test-Id: " + test_id,
                            "--header", "Message-Id: <%s@client.test>" % test_id,
                            "--header", "From: Office Scanner <scanner@client.test>"],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"<-  250 2\.0\.0 Ok: queued as \S+")
        self.assert_relayed(test_id, ["alice@dest.test"], "swaks.client.test", "127.0.0.1",
                            "swaks " + test_id)

    def test_curl(self):
        test_id = "curl-" + uuid.uuid4().hex
        rcpts = ["bob@dest.test", "carol@other.test"]
        path = os.path.join(self.tmp.path, test_id + ".eml")
        with open(path, "wb") as f:
            # CRLF already: curl sends the file as is (and dot-stuffs it).
            f.write(build_message(test_id, "curl " + test_id, rcpts))
        argv = ["curl", "--silent", "--show-error", "--max-time", "60",
                "smtp://127.0.0.1:%d/curl.client.test" % self.relay.port,
                "--mail-from", "scanner@client.test", "-T", path]
        for r in rcpts:
            argv += ["--mail-rcpt", r]
        r = subprocess.run(argv, capture_output=True, text=True, timeout=90)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assert_relayed(test_id, rcpts, "curl.client.test", "127.0.0.1", "curl " + test_id)

    def test_smtplib_plain_from_allowed_network(self):
        test_id = "smtplib-" + uuid.uuid4().hex
        rcpts = ["dave@dest.test", "erin@dest.test", "frank@third.test"]
        with smtplib.SMTP("127.0.0.1", self.relay.port, local_hostname="printer.lan.test",
                          timeout=60) as s:
            refused = s.sendmail("scanner@client.test", rcpts,
                                 build_message(test_id, "smtplib " + test_id, rcpts))
        self.assertEqual(refused, {})
        self.assert_relayed(test_id, rcpts, "printer.lan.test", "127.0.0.1", "smtplib " + test_id)

    def test_smtplib_starttls_auth_from_other_address(self):
        # 127.0.0.2 is outside --allow: only AUTH lets it relay.
        test_id = "smtplib-auth-" + uuid.uuid4().hex
        ctx = ssl.create_default_context(cafile=self.ca.cert)
        with smtplib.SMTP("127.0.0.1", self.relay.port, local_hostname="laptop.lan.test",
                          source_address=("127.0.0.2", 0), timeout=60) as s:
            s.starttls(context=ctx)
            s.ehlo("laptop.lan.test")
            self.assertIn("auth", s.esmtp_features)
            s.user, s.password = LOCAL_USER, LOCAL_PASSWORD
            code, _ = s.auth("PLAIN", s.auth_plain)
            self.assertEqual(code, 235)
            s.sendmail("scanner@client.test", ["grace@dest.test"],
                       build_message(test_id, "smtplib-auth " + test_id, ["grace@dest.test"]))
        self.assert_relayed(test_id, ["grace@dest.test"], "laptop.lan.test", "127.0.0.2",
                            "smtplib-auth " + test_id)

    def test_smtplib_wrong_password_refused(self):
        ctx = ssl.create_default_context(cafile=self.ca.cert)
        with smtplib.SMTP("127.0.0.1", self.relay.port, local_hostname="laptop.lan.test",
                          source_address=("127.0.0.2", 0), timeout=60) as s:
            s.starttls(context=ctx)
            s.ehlo("laptop.lan.test")
            s.user, s.password = LOCAL_USER, "not-the-password"
            with self.assertRaises(smtplib.SMTPAuthenticationError) as cm:
                s.auth("PLAIN", s.auth_plain)
            self.assertEqual(cm.exception.smtp_code, 535)
            code, _ = s.mail("scanner@client.test")
            if code == 250:
                code, _ = s.rcpt("mallory@dest.test")
            self.assertGreaterEqual(code, 500, "no relaying without a successful AUTH")

    def test_untrusted_upstream_certificate_defers(self):
        # A second relay that does not trust the test CA must refuse to send
        # the password over a connection it cannot verify: deferred, not sent.
        pwfile = os.path.join(self.tmp.path, "smarthost-password")
        other = relaytest.Daemon(self.tmp.path, name="untrusting", allow=["127.0.0.1/32"],
                                 smarthost=self.pf.address, smarthost_tls="starttls",
                                 extra=["--smarthost-user", SASL_USER,
                                        "--smarthost-password-file", pwfile])
        other.start()
        self.addCleanup(other.stop)
        test_id = "untrusted-" + uuid.uuid4().hex
        with smtplib.SMTP("127.0.0.1", other.port, timeout=60) as s:
            s.sendmail("scanner@client.test", ["heidi@dest.test"],
                       build_message(test_id, "untrusted", ["heidi@dest.test"]))
        relaytest.wait_until(lambda: other.query("SELECT COUNT(*) AS n FROM delivery_log")[0]["n"] > 0,
                             60, "a delivery attempt in the log")
        states = other.recipient_states()["heidi@dest.test"]
        self.assertIn(states[-1], (relaytest.QUEUED, relaytest.IN_FLIGHT, relaytest.DEFERRED))
        self.assertEqual([m for m in self.pf.parsed() if m["X-Test-Id"] == test_id], [])


if __name__ == "__main__":
    relaytest.run_tests()
