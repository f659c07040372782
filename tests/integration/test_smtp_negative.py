#!/usr/bin/python3
"""Hostile and broken clients at the socket, against the real relaydeskd.

Starts: a scripted aiosmtpd upstream (accept) and one relaydeskd listening on
127.0.0.1 and [::1] with --allow 127.0.0.1/32 --allow ::1/128,
--max-message-size 20000 and a STARTTLS certificate from a test CA. Raw
sockets (lib/relaytest.SmtpConn) send exactly the bytes each case needs:
  open relay attempt from 127.0.0.2 -> 5xx at RCPT, nothing queued;
  SMTP smuggling ("\\n.\\n", "\\r\\n.\\n", "\\n.\\r\\n") -> never a second message;
  a 600-octet command line -> 500; the 101st recipient -> 452;
  over SIZE (declared and actual) -> 552; garbage commands -> 421 and dropped;
  commands pipelined behind STARTTLS -> discarded; the ::1 listener relays.
"""
import os
import smtplib
import ssl
import sys
import unittest
import uuid

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import relaytest  # noqa: E402
from postfix_upstream import TestCa  # noqa: E402

MAX_SIZE = 20000


class SmtpNegative(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = relaytest.TempDir("negative")
        try:
            cls.ca = TestCa(os.path.join(cls.tmp.path, "ca"))
            cert, key = cls.ca.make_cert("relay", "relay.test")
            cls.up = relaytest.ScriptedUpstream(cls.tmp.path).start("accept")
            cls.port6 = relaytest.free_port("::1")
            cls.relay = relaytest.Daemon(
                cls.tmp.path, listen=["127.0.0.1:%d" % relaytest.free_port(), "[::1]:%d" % cls.port6],
                allow=["127.0.0.1/32", "::1/128"], smarthost=cls.up.address, smarthost_tls="none",
                extra=["--max-message-size", str(MAX_SIZE), "--tls-cert", cert, "--tls-key", key])
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
        if getattr(cls, "up", None):
            cls.up.stop()
        cls.tmp.cleanup()

    def connect(self, source=None):
        c = relaytest.SmtpConn("127.0.0.1", self.relay.port, source=source)
        self.addCleanup(c.close)
        self.assertEqual(c.greeting[0], 220)
        return c

    def ehlo(self, c, name="neg.client.test"):
        code, text = c.cmd("EHLO " + name)
        self.assertEqual(code, 250, text)
        return text

    def recipients_named(self, address):
        return self.relay.query("SELECT COUNT(*) AS n FROM recipients WHERE address = ?",
                                (address,))[0]["n"]

    def test_open_relay_refused_from_other_address(self):
        before = self.relay.messages_count()
        c = self.connect(source="127.0.0.2")
        self.ehlo(c)
        code, text = c.cmd("MAIL FROM:<spammer@evil.test>")
        self.assertEqual(code, 250, text)
        code, text = c.cmd("RCPT TO:<victim@dest.test>")
        self.assertTrue(code and 500 <= code < 600, "expected 5xx at RCPT, got %r" % text)
        code, text = c.cmd("DATA")
        self.assertNotEqual(code, 354, text)
        c.cmd("QUIT")
        self.assertEqual(self.relay.messages_count(), before)
        self.assertEqual(self.recipients_named("victim@dest.test"), 0)

    def smuggle(self, variant):
        tag = uuid.uuid4().hex
        victim = "victim-%s@dest.test" % tag
        c = self.connect()
        self.ehlo(c)
        self.assertEqual(c.cmd("MAIL FROM:<sender@client.test>")[0], 250)
        self.assertEqual(c.cmd("RCPT TO:<real@dest.test>")[0], 250)
        self.assertEqual(c.cmd("DATA")[0], 354)
        c.send(b"From: sender@client.test\r\nSubject: smuggle " + tag.encode() + b"\r\n\r\nfirst part"
               + variant + b"MAIL FROM:<evil@client.test>\r\nRCPT TO:<" + victim.encode()
               + b">\r\nDATA\r\nSubject: smuggled\r\n\r\nevil\r\n.\r\n")
        code, text = c.reply()
        self.assertTrue(code == 250 or (code and 500 <= code < 600), text)
        # If the server had split the message, the MAIL/RCPT/DATA replies of
        # the smuggled one would come before QUIT's 221.
        code, text = c.cmd("QUIT")
        self.assertEqual(code, 221, "extra replies after the message: %r" % text)
        self.assertEqual(self.recipients_named(victim), 0)
        if code == 250:
            marker = b"smuggle " + tag.encode()
            copies = relaytest.wait_until(
                lambda: [raw for _, raw in self.up.messages() if marker in raw], 60,
                "the message at the upstream")
            self.assertEqual(len(copies), 1)
        self.assertFalse([m for m, _ in self.up.messages() if victim in m["rcpt_tos"]])

    def test_smuggling_bare_lf_dot_bare_lf(self):
        self.smuggle(b"\n.\n")

    def test_smuggling_crlf_dot_bare_lf(self):
        self.smuggle(b"\r\n.\n")

    def test_smuggling_bare_lf_dot_crlf(self):
        self.smuggle(b"\n.\r\n")

    def test_overlong_command_line(self):
        c = self.connect()
        self.ehlo(c)
        line = "NOOP " + "x" * (600 - len("NOOP ") - 2)
        self.assertEqual(len(line) + 2, 600)
        code, text = c.cmd(line)
        self.assertEqual(code, 500, text)

    def test_101st_recipient(self):
        c = self.connect()
        self.ehlo(c)
        self.assertEqual(c.cmd("MAIL FROM:<sender@client.test>")[0], 250)
        tag = uuid.uuid4().hex[:8]
        for i in range(100):
            code, text = c.cmd("RCPT TO:<r%03d-%s@dest.test>" % (i, tag))
            self.assertEqual(code, 250, "recipient %d: %s" % (i + 1, text))
        code, text = c.cmd("RCPT TO:<r100-%s@dest.test>" % tag)
        self.assertEqual(code, 452, text)
        self.assertEqual(c.cmd("DATA")[0], 354)
        c.send("Subject: hundred\r\n\r\nhi\r\n.\r\n")
        self.assertEqual(c.reply()[0], 250)
        c.cmd("QUIT")
        rows = self.relay.query("SELECT COUNT(*) AS n FROM recipients WHERE address LIKE ?",
                                ("%%-%s@dest.test" % tag,))
        self.assertEqual(rows[0]["n"], 100)

    def test_size_declared_too_big(self):
        c = self.connect()
        text = self.ehlo(c)
        self.assertIn("SIZE %d" % MAX_SIZE, text)
        code, text = c.cmd("MAIL FROM:<sender@client.test> SIZE=%d" % (MAX_SIZE + 1))
        self.assertEqual(code, 552, text)

    def test_size_actual_too_big(self):
        before = self.relay.messages_count()
        tag = uuid.uuid4().hex
        c = self.connect()
        self.ehlo(c)
        self.assertEqual(c.cmd("MAIL FROM:<sender@client.test>")[0], 250)
        self.assertEqual(c.cmd("RCPT TO:<big-%s@dest.test>" % tag)[0], 250)
        self.assertEqual(c.cmd("DATA")[0], 354)
        c.send("Subject: big\r\n\r\n" + ("x" * 70 + "\r\n") * (MAX_SIZE // 72 + 50) + ".\r\n")
        code, text = c.reply()
        self.assertEqual(code, 552, text)
        self.assertEqual(self.relay.messages_count(), before)
        self.assertEqual(self.recipients_named("big-%s@dest.test" % tag), 0)

    def test_garbage_commands_drop_session(self):
        c = self.connect()
        last = None
        for i in range(30):
            code, text = c.cmd("XGARBAGE %d \x01\x02" % i)
            last = (i, code, text)
            if code is None or code == 421:
                break
            self.assertEqual(code // 100, 5, text)
        self.assertLessEqual(last[0], 11, "session not dropped after %d bad commands" % (last[0] + 1))
        self.assertTrue(last[1] in (421, None), last)
        self.assertTrue(c.closed_by_peer(), "the server must close the connection")

    def test_pipelining_after_starttls_discarded(self):
        c = self.connect()
        self.ehlo(c)
        c.send("STARTTLS\r\nMAIL FROM:<injected@evil.test>\r\n")
        code, text = c.reply()
        self.assertEqual(code, 220, text)
        ctx = ssl.create_default_context(cafile=self.ca.cert)
        c.sock = ctx.wrap_socket(c.sock, server_hostname="localhost")
        c.buf = b""
        code, text = c.cmd("EHLO after.tls.test")
        self.assertEqual(code, 250, text)
        self.assertIn("250-", text, "the first reply after TLS must be EHLO's, not MAIL's")
        code, text = c.cmd("RCPT TO:<a@dest.test>")
        self.assertEqual(code, 503, "the injected MAIL must have been discarded: %r" % text)

    def test_ipv6_listener(self):
        tag = uuid.uuid4().hex
        with smtplib.SMTP("::1", self.port6, local_hostname="v6.client.test", timeout=30) as s:
            s.sendmail("sender@client.test", ["v6-%s@dest.test" % tag],
                       "Subject: v6 %s\r\n\r\nover IPv6\r\n" % tag)
        found = relaytest.wait_until(
            lambda: [raw for meta, raw in self.up.messages() if ("v6-%s@dest.test" % tag) in meta["rcpt_tos"]],
            60, "the IPv6 message at the upstream")
        received = [r for r in relaytest.parse_message(found[0]).get_all("Received")
                    if "v6.client.test" in r]
        self.assertEqual(len(received), 1)
        self.assertIn("::1", received[0])


if __name__ == "__main__":
    relaytest.run_tests()
