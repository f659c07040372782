#!/usr/bin/python3
"""SMTP smuggling against the real relaydeskd (issue 5, label security).

A client on an allowed network sends one message whose body hides a second
transaction behind a non-standard end-of-data sequence (bare LF, bare CR and
their mixes with the real CRLF), in DATA and in BDAT chunks, including
chunks split inside the sequence. Only CRLF "." CRLF may end DATA, so for
every variant:
  - the relay answers exactly one 250 (no replies for the hidden commands),
  - its queue holds no envelope for the hidden recipient,
  - the recording upstream receives exactly one message for the real
    recipient, with the hidden transaction as body content, and nothing
    for the hidden recipient (the relay re-frames what it forwards).
"""
import os
import sys
import unittest
import uuid

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seclib  # noqa: E402
from seclib import relaytest  # noqa: E402

VARIANTS = {
    "lf dot lf": b"\n.\n",
    "cr dot lf": b"\r.\n",
    "lf dot crlf": b"\n.\r\n",
    "cr dot crlf": b"\r.\r\n",
    "crlf dot lf": b"\r\n.\n",
    "crlf dot cr": b"\r\n.\r",
    "cr dot cr": b"\r.\r",
    "lf dot cr": b"\n.\r",
    "crlf dot cr cr lf": b"\r\n.\r\r\n",
    "crlf dot nul crlf": b"\r\n.\0\r\n",
}


class Smuggling(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.f = seclib.RelayFixture("smuggling").start()
        cls.relay = cls.f.relay

    @classmethod
    def tearDownClass(cls):
        cls.f.stop()

    def hidden(self, victim):
        return (b"MAIL FROM:<evil@client.test>\r\nRCPT TO:<" + victim.encode() +
                b">\r\nDATA\r\nSubject: smuggled\r\n\r\nevil\r\n")

    def check(self, tag, victim, conn):
        # Had the relay split the message, the hidden MAIL/RCPT/DATA replies
        # would come before QUIT's 221.
        code, text = conn.cmd("QUIT")
        self.assertEqual(code, 221, "extra replies after the message: %r" % text)
        self.assertEqual(self.f.queued(victim), [])
        found = self.f.wait_upstream(("smuggle " + tag).encode())
        self.assertEqual(len(found), 1, "one message at the upstream, not %d" % len(found))
        meta, raw = found[0]
        self.assertEqual(meta["rcpt_tos"], ["real-%s@dest.test" % tag])
        body = raw.split(b"\r\n\r\n", 1)[1]
        self.assertIn(b"RCPT TO:<" + victim.encode() + b">", body)
        self.assertIn(b"Subject: smuggled", body)
        self.assertEqual(self.f.upstream_messages(rcpt_like=victim), [])

    def start(self, tag):
        c = relaytest.SmtpConn("127.0.0.1", self.relay.port)
        self.addCleanup(c.close)
        self.assertEqual(c.cmd("EHLO client.test")[0], 250)
        self.assertEqual(c.cmd("MAIL FROM:<sender@client.test>")[0], 250)
        self.assertEqual(c.cmd("RCPT TO:<real-%s@dest.test>" % tag)[0], 250)
        return c

    def test_data(self):
        for name, sequence in VARIANTS.items():
            with self.subTest(variant=name):
                tag = uuid.uuid4().hex
                victim = "victim-%s@dest.test" % tag
                c = self.start(tag)
                self.assertEqual(c.cmd("DATA")[0], 354)
                c.send(b"From: sender@client.test\r\nSubject: smuggle " + tag.encode() +
                       b"\r\n\r\nfirst part" + sequence + self.hidden(victim) + b"\r\n.\r\n")
                code, text = c.reply()
                self.assertEqual(code, 250, text)
                self.check(tag, victim, c)

    def test_data_sequence_in_separate_writes(self):
        # Each octet of the sequence in its own TCP write: framing must not
        # depend on where reads end.
        for name, sequence in VARIANTS.items():
            with self.subTest(variant=name):
                tag = uuid.uuid4().hex
                victim = "victim-%s@dest.test" % tag
                c = self.start(tag)
                self.assertEqual(c.cmd("DATA")[0], 354)
                c.send(b"Subject: smuggle " + tag.encode() + b"\r\n\r\nfirst part")
                for octet in sequence:
                    c.send(bytes([octet]))
                c.send(self.hidden(victim) + b"\r\n.\r\n")
                code, text = c.reply()
                self.assertEqual(code, 250, text)
                self.check(tag, victim, c)

    def test_bdat(self):
        # BDAT has no end marker at all: a real CRLF.CRLF inside a chunk is
        # content too, split across chunks or not.
        sequences = dict(VARIANTS, **{"crlf dot crlf": b"\r\n.\r\n"})
        for name, sequence in sequences.items():
            for split in (None, 1, 3):
                with self.subTest(variant=name, split=split):
                    tag = uuid.uuid4().hex
                    victim = "victim-%s@dest.test" % tag
                    c = self.start(tag)
                    head = b"Subject: smuggle " + tag.encode() + b"\r\n\r\nfirst part"
                    body = head + sequence + self.hidden(victim) + b".\r\n"
                    if split is None:
                        c.send(b"BDAT %d LAST\r\n" % len(body) + body)
                    else:
                        cut = len(head) + split
                        c.send(b"BDAT %d\r\n" % cut + body[:cut])
                        code, text = c.reply()
                        self.assertEqual(code, 250, text)
                        c.send(b"BDAT %d LAST\r\n" % (len(body) - cut) + body[cut:])
                    code, text = c.reply()
                    self.assertEqual(code, 250, text)
                    self.check(tag, victim, c)


if __name__ == "__main__":
    relaytest.run_tests()
