#!/usr/bin/python3
"""STARTTLS injection, AUTH before TLS and password guessing against the
real relaydeskd (issue 5, label security).

relaydeskd listens on 127.0.0.1 with a certificate from a test CA, allows
only ::1/128 (so the 127.0.0.1 client must authenticate to relay) and does
not offer AUTH without TLS. A second daemon adds --require-auth.
  - AUTH before STARTTLS -> 538 5.7.11 (not advertised, credentials unused);
  - commands pipelined behind STARTTLS (AUTH with valid credentials, MAIL,
    RCPT) are discarded: after the handshake the client is neither
    authenticated nor inside a transaction;
  - --require-auth: MAIL before AUTH -> 530 5.7.0, also from an allowed
    network, and after TLS + AUTH the message is relayed;
  - password guessing: each wrong password -> 535 5.7.8 after a growing
    delay, then a lockout (454 4.7.0) after 8 failures; nothing relayed, and
    no password, right or wrong, in the daemon's log.
"""
import os
import sys
import unittest
import uuid

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seclib  # noqa: E402
from seclib import relaytest  # noqa: E402

USER, PASSWORD = "scanner", "Tr0ub4dor&3-right"
GUESSES = ["guess-%02d-Pa55" % i for i in range(20)]


class TlsAuthBase(unittest.TestCase):
    extra = []
    allow = ["::1/128"]  # the 127.0.0.1 client is outside

    @classmethod
    def setUpClass(cls):
        cls.ca_dir = relaytest.TempDir("tlsauth-ca")
        ca = seclib.TestCa(os.path.join(cls.ca_dir.path, "ca"))
        cls.ca_file = ca.cert
        cert, key = ca.make_cert("relay", "relay.test")
        # Progressive AUTH delays capped at 1 s and a lockout after 8
        # failures, so that 20 guesses run into the lockout quickly.
        ini = os.path.join(cls.ca_dir.path, "security.ini")
        with open(ini, "w") as f:
            f.write("[security]\nauth-max-delay = 1s\nauth-failures = 8\n")
        cls.f = seclib.RelayFixture("tlsauth", allow=cls.allow,
                                    extra=["--config", ini, "--tls-cert", cert, "--tls-key", key]
                                    + cls.extra)
        try:
            cls.f.relay.user_add(USER, PASSWORD)
        except BaseException:
            cls.f.stop()
            cls.ca_dir.cleanup()
            raise
        cls.f.start()
        cls.relay = cls.f.relay

    @classmethod
    def tearDownClass(cls):
        cls.f.stop()
        cls.ca_dir.cleanup()

    def setUp(self):
        self.messages_before = self.relay.messages_count()

    def assertNothingQueued(self):
        self.assertEqual(self.relay.messages_count(), self.messages_before)
        self.assertEqual(self.f.queued("%victim%"), [])
        self.assertEqual(self.f.upstream_messages(rcpt_like="victim"), [])

    def connect(self):
        c = relaytest.SmtpConn("127.0.0.1", self.relay.port)
        self.addCleanup(c.close)
        self.assertEqual(c.greeting[0], 220)
        return c

    def ehlo(self, c):
        code, text = c.cmd("EHLO client.test")
        self.assertEqual(code, 250, text)
        return text

    def tls(self, c):
        self.ehlo(c)
        code, text = c.cmd("STARTTLS")
        self.assertEqual(code, 220, text)
        seclib.start_tls(c, self.ca_file)
        return self.ehlo(c)


class TlsRequiredForAuth(TlsAuthBase):
    def test_auth_not_offered_before_tls(self):
        c = self.connect()
        text = self.ehlo(c)
        self.assertIn("STARTTLS", text)
        self.assertNotIn("AUTH", text)
        self.assertIn("AUTH", self.tls(c))

    def test_auth_before_tls_refused(self):
        for command in ["AUTH PLAIN " + seclib.plain(USER, PASSWORD), "AUTH LOGIN",
                        "AUTH LOGIN " + seclib.b64(USER), "AUTH PLAIN"]:
            with self.subTest(command=command.split()[:2]):
                c = self.connect()
                self.ehlo(c)
                code, text = c.cmd(command)
                self.assertEqual(code, 538, text)
                self.assertIn("5.7.11", text)
                # The valid credentials were not used: still no relaying.
                self.assertEqual(c.cmd("MAIL FROM:<scanner@office.test>")[0], 250)
                code, text = c.cmd("RCPT TO:<victim@evil.test>")
                self.assertEqual(code, 554, text)
        self.assertNothingQueued()

    def test_pipelined_commands_after_starttls_discarded(self):
        c = self.connect()
        self.ehlo(c)
        c.send("STARTTLS\r\nAUTH PLAIN %s\r\nMAIL FROM:<injected@evil.test>\r\n"
               "RCPT TO:<victim@evil.test>\r\n" % seclib.plain(USER, PASSWORD))
        code, text = c.reply()
        self.assertEqual(code, 220, text)
        seclib.start_tls(c, self.ca_file)
        code, text = c.cmd("EHLO after.tls.test")
        self.assertEqual(code, 250, text)
        self.assertIn("250-", text, "the first reply after TLS must be EHLO's")
        # Not inside the injected transaction...
        code, text = c.cmd("RCPT TO:<victim@evil.test>")
        self.assertEqual(code, 503, text)
        # ... and not authenticated by the injected AUTH.
        self.assertEqual(c.cmd("MAIL FROM:<scanner@office.test>")[0], 250)
        code, text = c.cmd("RCPT TO:<victim@evil.test>")
        self.assertEqual(code, 554, text)
        self.assertNothingQueued()

    def test_injection_in_the_starttls_line_itself(self):
        # Bytes after STARTTLS's CRLF but in the same read, and garbage that
        # is not even a command: the handshake must still start cleanly.
        c = self.connect()
        self.ehlo(c)
        c.send("STARTTLS\r\nRSET\r\n")
        self.assertEqual(c.reply()[0], 220)
        seclib.start_tls(c, self.ca_file)
        code, text = c.cmd("NOOP")
        self.assertEqual(code, 250, text)  # the RSET's reply never arrives
        code, text = c.cmd("MAIL FROM:<a@b.test>")
        self.assertEqual(code, 503, text)  # EHLO again first (RFC 3207 4.2)

    def test_guessing_passwords(self):
        answers = []
        locked = False
        c = None
        for i, guess in enumerate(GUESSES):
            if c is None:
                c = relaytest.SmtpConn("127.0.0.1", self.relay.port)
                self.addCleanup(c.close)
                if c.greeting[0] != 220:
                    # A lockout may refuse the connection itself.
                    self.assertIn(c.greeting[0], (421, 554), c.greeting)
                    locked = True
                    break
                self.tls(c)
            command = ("AUTH PLAIN " + seclib.plain(USER, guess)) if i % 2 else \
                "AUTH LOGIN " + seclib.b64(USER)
            code, text = c.cmd(command)
            if code == 334:
                code, text = c.cmd(seclib.b64(guess))
            answers.append(code)
            self.assertNotEqual(code, 235, "a wrong password was accepted: %r" % guess)
            if code == 535:
                self.assertFalse(locked, "535 after a lockout: %s" % answers)
                self.assertIn("5.7.8", text)
            elif code == 421 and "too many errors" in text:
                pass  # the session's error limit: go on in a new session
            elif code in (421, 454) and "4.7." in text:
                locked = True  # a lockout (progressive delay, then refusal)
            elif code is not None:
                self.fail("unexpected answer %r to guess %d" % (text, i))
            if code in (421, None):
                c.close()
                c = None
        # The first guesses were checked and refused one by one, then the
        # address was locked out (454 4.7.0) before the 20th.
        self.assertEqual(answers[:5], [535] * 5, answers)
        self.assertTrue(locked, "no lockout after %d wrong passwords: %s" % (len(answers), answers))
        # Nothing relays for the guesser.
        c = self.connect()
        self.tls(c)
        self.assertEqual(c.cmd("MAIL FROM:<scanner@office.test>")[0], 250)
        self.assertEqual(c.cmd("RCPT TO:<victim@evil.test>")[0], 554)
        self.assertNothingQueued()
        log = self.relay.log()
        for secret in GUESSES + [PASSWORD, seclib.plain(USER, GUESSES[1])]:
            self.assertNotIn(secret, log, "a password reached the log")

    def test_auth_after_tls_relays(self):
        tag = uuid.uuid4().hex
        c = self.connect()
        self.tls(c)
        code, text = c.cmd("AUTH PLAIN " + seclib.plain(USER, PASSWORD))
        self.assertEqual(code, 235, text)
        self.assertEqual(c.cmd("MAIL FROM:<scanner@office.test>")[0], 250)
        self.assertEqual(c.cmd("RCPT TO:<dest-%s@dest.test>" % tag)[0], 250)
        self.assertEqual(c.cmd("DATA")[0], 354)
        c.send("Subject: tls %s\r\n\r\nover TLS\r\n.\r\n" % tag)
        self.assertEqual(c.reply()[0], 250)
        (meta, _), = self.f.wait_upstream(tag.encode())
        self.assertEqual(meta["rcpt_tos"], ["dest-%s@dest.test" % tag])
        self.assertNotIn(PASSWORD, self.relay.log())


class AuthRequired(TlsAuthBase):
    extra = ["--require-auth"]
    allow = ["127.0.0.0/8"]  # allowed, but must still authenticate

    def test_mail_before_auth_refused_even_from_allowed_network(self):
        c = self.connect()
        self.tls(c)
        code, text = c.cmd("MAIL FROM:<scanner@office.test>")
        self.assertEqual(code, 530, text)
        self.assertIn("5.7.0", text)
        self.assertEqual(c.cmd("RCPT TO:<victim@evil.test>")[0], 503)
        self.assertNothingQueued()

    def test_plain_session_gets_530_then_538(self):
        c = self.connect()
        self.ehlo(c)
        self.assertEqual(c.cmd("MAIL FROM:<scanner@office.test>")[0], 530)
        self.assertEqual(c.cmd("AUTH PLAIN " + seclib.plain(USER, PASSWORD))[0], 538)
        self.assertNothingQueued()


if __name__ == "__main__":
    relaytest.run_tests()
