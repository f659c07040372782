#!/usr/bin/python3
"""The test fixtures themselves, checked with independent clients and no relaydeskd:
the private Postfix upstream (swaks: STARTTLS + AUTH accepted and delivered to
the maildir; no TLS / bad password refused) and every mode of the scripted
aiosmtpd upstream (smtplib)."""
import os
import smtplib
import subprocess
import sys
import unittest

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import relaytest  # noqa: E402
from postfix_upstream import SASL_PASSWORD, SASL_USER, PostfixUpstream  # noqa: E402


def swaks(port, *extra):
    argv = ["swaks", "--server", "127.0.0.1", "--port", str(port), "--from", "sender@client.test",
            "--to", "rcpt@dest.test", "--helo", "fixture.client.test"] + list(extra)
    return subprocess.run(argv, capture_output=True, text=True, timeout=60)


class PostfixFixture(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = relaytest.TempDir("fixture-postfix")
        cls.pf = PostfixUpstream(cls.tmp.path)
        try:
            cls.pf.start()
        except BaseException:
            cls.tmp.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.pf.stop()
        cls.tmp.cleanup()

    def test_starttls_auth_delivers_to_maildir(self):
        r = swaks(self.pf.port, "--tls", "--tls-verify", "--tls-ca-path", self.pf.ca.cert,
                  "--auth", "PLAIN", "--auth-user", SASL_USER, "--auth-password", SASL_PASSWORD,
                  "--header", "X-Fixture-Id: fx-1")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        msgs = relaytest.wait_until(lambda: self.pf.parsed(), 60, "delivery into the maildir")
        self.assertEqual(len(msgs), 1)
        self.assertEqual(msgs[0]["X-Fixture-Id"], "fx-1")
        self.assertEqual(msgs[0]["Delivered-To"], "rcpt@dest.test")
        self.assertIn("ESMTPSA", msgs[0]["Received"])

    def test_plain_session_refused(self):
        r = swaks(self.pf.port)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("530", r.stdout)

    def test_wrong_password_refused(self):
        r = swaks(self.pf.port, "--tls", "--auth", "PLAIN", "--auth-user", SASL_USER,
                  "--auth-password", "wrong")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("535", r.stdout)


class ScriptedFixture(unittest.TestCase):
    def setUp(self):
        self.tmp = relaytest.TempDir("fixture-scripted")
        self.addCleanup(self.tmp.cleanup)
        self.up = relaytest.ScriptedUpstream(self.tmp.path)
        self.addCleanup(self.up.stop)

    def send(self, rcpts, body=b"Subject: t\r\n\r\nhello\r\n", timeout=10):
        with smtplib.SMTP("127.0.0.1", self.up.port, timeout=timeout) as s:
            return s.sendmail("s@client.test", rcpts, body)

    def test_accept(self):
        self.up.start("accept")
        self.send(["a@dest.test", "b@dest.test"])
        msgs = self.up.messages()
        self.assertEqual(len(msgs), 1)
        self.assertEqual(msgs[0][0]["rcpt_tos"], ["a@dest.test", "b@dest.test"])
        self.assertIn(b"hello", msgs[0][1])

    def test_tempfail_then_accept(self):
        self.up.start("tempfail", count=2)
        for _ in range(2):
            with self.assertRaises(smtplib.SMTPDataError) as cm:
                self.send(["a@dest.test"])
            self.assertEqual(cm.exception.smtp_code, 451)
        self.send(["a@dest.test"])
        self.assertEqual(len(self.up.messages()), 1)
        self.assertEqual(len(self.up.events("tempfail")), 2)

    def test_reject_some_recipients(self):
        self.up.start("reject", reject="^bad")
        refused = self.send(["bad@dest.test", "good@dest.test"])
        self.assertEqual(refused["bad@dest.test"][0], 550)
        self.assertEqual(self.up.messages()[0][0]["rcpt_tos"], ["good@dest.test"])

    def test_hang_never_answers(self):
        self.up.start("hang")
        with self.assertRaises((TimeoutError, smtplib.SMTPServerDisconnected)):
            self.send(["a@dest.test"], timeout=2)
        self.assertEqual(self.up.messages(), [])

    def test_disconnect_mid_data(self):
        self.up.start("disconnect-data")
        with self.assertRaises(smtplib.SMTPServerDisconnected):
            self.send(["a@dest.test"], body=b"Subject: t\r\n\r\n" + b"line\r\n" * 20000)
        self.assertEqual(self.up.messages(), [])
        self.assertEqual(len(self.up.events("disconnect-data")), 1)

    def test_down_then_up_on_same_port(self):
        with self.assertRaises(ConnectionRefusedError):
            self.send(["a@dest.test"])
        self.up.start("accept")
        self.send(["a@dest.test"])
        self.assertEqual(len(self.up.messages()), 1)


if __name__ == "__main__":
    relaytest.run_tests()
