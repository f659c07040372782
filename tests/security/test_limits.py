#!/usr/bin/python3
"""Oversized and endless input, and too many connections, against the real
relaydeskd (issue 5, label security).

relaydeskd allows 127.0.0.0/8, with --max-message-size 100000 and
--max-sessions-per-client 3.
  - a 10 MB command line -> 500 5.5.2, memory-bounded, the session goes on;
  - a message over the limit (but not absurdly) -> 552 5.3.4 after its end,
    the session goes on;
  - endless DATA, a 10 MB line inside DATA, a BDAT count of 10^12 with no
    end, a refused BDAT chunk that never ends -> 552 5.3.4 and the
    connection ends cleanly, long before the client stops sending;
  - a 4th concurrent connection from one address -> 421 4.7.0 and closed,
    while another address still gets 220, and a slot frees up again;
  - nothing of it is queued or relayed, and the daemon stays up.
"""
import os
import smtplib
import sys
import unittest
import uuid

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seclib  # noqa: E402
from seclib import relaytest  # noqa: E402

MAX_SIZE = 100000
PER_CLIENT = 3
MB = 1024 * 1024
# The relay reads (and drops) up to twice the limit plus 1 MiB before it
# hangs up on an endless sender. The client can push a few more MiB into the
# loopback socket buffers (send and receive side, autotuned by the kernel)
# before it sees the hang-up, so allow for those: an endless sender that is
# not cut off would get all 64 MiB through.
STOP_BEFORE = 2 * MAX_SIZE + 1 * MB + 8 * MB


class Limits(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.f = seclib.RelayFixture("limits", extra=[
            "--max-message-size", str(MAX_SIZE), "--max-sessions-per-client", str(PER_CLIENT)])
        cls.f.start()
        cls.relay = cls.f.relay

    @classmethod
    def tearDownClass(cls):
        cls.f.stop()

    def setUp(self):
        self.messages_before = self.relay.messages_count()

    def tearDown(self):
        self.assertTrue(self.relay.alive(), "relaydeskd died:\n" + self.relay.log())

    def assertNothingQueued(self):
        self.assertEqual(self.relay.messages_count(), self.messages_before)
        self.assertEqual(self.f.upstream_messages(rcpt_like="big@dest.test"), [])

    def connect(self, source=None):
        c = relaytest.SmtpConn("127.0.0.1", self.relay.port, source=source, timeout=60)
        self.addCleanup(c.close)
        self.assertEqual(c.greeting[0], 220, c.greeting)
        return c

    def transaction(self, c):
        self.assertEqual(c.cmd("EHLO client.test")[0], 250)
        self.assertEqual(c.cmd("MAIL FROM:<sender@client.test>")[0], 250)
        self.assertEqual(c.cmd("RCPT TO:<big@dest.test>")[0], 250)

    def test_10mb_command_line(self):
        c = self.connect()
        self.assertEqual(c.cmd("EHLO client.test")[0], 250)
        code, text, sent = seclib.send_until_reply(
            c, iter([b"NOOP ", b"A" * (10 * MB), b"\r\n"]), 10 * MB + 7)
        self.assertEqual(sent, 10 * MB + 7, "the server stopped reading: %r" % text)
        self.assertEqual(code, 500, text)
        self.assertIn("5.5.2", text)
        # The line was dropped, not kept: the session is in step.
        self.assertEqual(c.cmd("NOOP")[0], 250)
        self.assertEqual(c.cmd("MAIL FROM:<sender@client.test>")[0], 250)
        self.assertNothingQueued()

    def test_over_limit_stays_in_step(self):
        c = self.connect()
        self.transaction(c)
        self.assertEqual(c.cmd("DATA")[0], 354)
        c.send(b"Subject: big\r\n\r\n" + (b"y" * 98 + b"\r\n") * (3 * MAX_SIZE // 100) + b".\r\n")
        code, text = c.reply()
        self.assertEqual(code, 552, text)
        self.assertIn("5.3.4", text)
        self.assertEqual(c.cmd("NOOP")[0], 250)
        self.assertNothingQueued()

    def endless(self, c, pieces):
        code, text, sent = seclib.send_until_reply(c, pieces, 64 * MB)
        self.assertEqual(code, 552, "after %d octets: %r" % (sent, text))
        self.assertIn("5.3.4", text)
        self.assertLess(sent, STOP_BEFORE, "the relay kept reading")
        self.assertTrue(c.closed_by_peer(), "the connection must end")
        self.assertNothingQueued()

    def test_endless_data(self):
        c = self.connect()
        self.transaction(c)
        self.assertEqual(c.cmd("DATA")[0], 354)
        self.endless(c, seclib.repeat(b"x" * 78 + b"\r\n" * 1))

    def test_10mb_line_in_data(self):
        c = self.connect()
        self.transaction(c)
        self.assertEqual(c.cmd("DATA")[0], 354)
        self.endless(c, iter([b"Subject: long\r\n\r\n"] + [b"z" * 65536] * 160 + [b"\r\n.\r\n"]))

    def test_endless_bdat(self):
        c = self.connect()
        self.transaction(c)
        self.endless(c, iter([b"BDAT 1000000000000 LAST\r\n"] + list(seclib.repeat(b"b" * 65536,
                                                                               64 * MB))))

    def test_endless_refused_bdat_chunk(self):
        c = self.connect()
        self.assertEqual(c.cmd("EHLO client.test")[0], 250)
        # No MAIL yet: refused, but read in step... though not forever.
        self.endless(c, iter([b"BDAT 1000000000000\r\n"] + list(seclib.repeat(b"r" * 65536,
                                                                          64 * MB))))

    def test_too_many_connections(self):
        # Addresses of their own, so that sessions of the other tests that
        # the server has not yet seen end cannot take the slots.
        held = [self.connect(source="127.0.0.3") for _ in range(PER_CLIENT)]
        extra = relaytest.SmtpConn("127.0.0.1", self.relay.port, source="127.0.0.3")
        self.addCleanup(extra.close)
        self.assertEqual(extra.greeting[0], 421, extra.greeting)
        self.assertIn("4.7.0", extra.greeting[1])
        self.assertTrue(extra.closed_by_peer(), "the refused connection must be closed")
        # The cap is per address: another client is still served.
        other = self.connect(source="127.0.0.4")
        self.assertEqual(other.cmd("QUIT")[0], 221)
        # A slot frees up once a session ends.
        self.assertEqual(held[0].cmd("QUIT")[0], 221)
        held[0].close()

        def admitted():
            c = relaytest.SmtpConn("127.0.0.1", self.relay.port, source="127.0.0.3")
            try:
                if c.greeting[0] == 220:
                    c.cmd("QUIT")
                    return True
                return False
            finally:
                c.close()

        relaytest.wait_until(admitted, 30, "a free session slot after QUIT")
        self.assertNothingQueued()

    def test_relay_still_works(self):
        tag = uuid.uuid4().hex
        with smtplib.SMTP("127.0.0.1", self.relay.port, local_hostname="lan.test",
                          timeout=60) as s:
            s.sendmail("sender@client.test", ["ok-%s@dest.test" % tag],
                       "Subject: ok %s\r\n\r\nsmall\r\n" % tag)
        (meta, _), = self.f.wait_upstream(tag.encode())
        self.assertEqual(meta["rcpt_tos"], ["ok-%s@dest.test" % tag])
        # Nothing big ever reached the upstream.
        self.assertEqual(self.f.upstream_messages(rcpt_like="big@dest.test"), [])


if __name__ == "__main__":
    relaytest.run_tests()
