#!/usr/bin/python3
"""SIGTERM / SIGINT with sessions open: exit status 0, nothing accepted is lost.

Starts relaydeskd with its smarthost port closed (so accepted messages stay
in the queue), opens sessions in every phase (just connected, mid-envelope,
mid-DATA, after several 250s), sends SIGTERM and expects exit 0 within 30 s.
Then restarts it on the same data dir with a scripted upstream (accept) and
expects every message that got a 250 to arrive, and no trace of the message
whose DATA was cut short.
"""
import os
import signal
import smtplib
import sys
import unittest
import uuid

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import relaytest  # noqa: E402


class Shutdown(unittest.TestCase):
    def setUp(self):
        self.tmp = relaytest.TempDir("sigterm")
        self.addCleanup(self.tmp.cleanup)
        self.up = relaytest.ScriptedUpstream(self.tmp.path)
        self.addCleanup(self.up.stop)
        self.relay = relaytest.Daemon(self.tmp.path, smarthost=self.up.address)
        self.addCleanup(self.relay.stop)

    def message(self, test_id):
        return ("From: a@client.test\r\nSubject: shutdown\r\nX-Test-Id: %s\r\n\r\nbody\r\n"
                % test_id).encode()

    def conn(self):
        c = relaytest.SmtpConn("127.0.0.1", self.relay.port)
        self.addCleanup(c.close)
        return c

    def test_sigterm_with_open_sessions(self):
        self.relay.start()
        acked = []
        for _ in range(5):
            test_id = uuid.uuid4().hex
            with smtplib.SMTP("127.0.0.1", self.relay.port, timeout=30) as s:
                s.sendmail("a@client.test", ["done@dest.test"], self.message(test_id))
            acked.append(test_id)
        idle = self.conn()
        envelope = self.conn()
        envelope.cmd("EHLO envelope.test")
        envelope.cmd("MAIL FROM:<a@client.test>")
        self.assertEqual(envelope.cmd("RCPT TO:<envelope@dest.test>")[0], 250)
        partial = self.conn()
        partial.cmd("EHLO partial.test")
        partial.cmd("MAIL FROM:<a@client.test>")
        self.assertEqual(partial.cmd("RCPT TO:<partial@dest.test>")[0], 250)
        self.assertEqual(partial.cmd("DATA")[0], 354)
        partial.send(b"Subject: cut short\r\n\r\nthe first half of a message\r\n")
        reused = self.conn()
        reused.cmd("EHLO reused.test")
        for _ in range(3):
            test_id = uuid.uuid4().hex
            reused.cmd("MAIL FROM:<a@client.test>")
            reused.cmd("RCPT TO:<reused@dest.test>")
            self.assertEqual(reused.cmd("DATA")[0], 354)
            reused.send(self.message(test_id) + b".\r\n")
            code, text = reused.reply()
            self.assertEqual(code, 250, text)
            acked.append(test_id)

        self.relay.process.send_signal(signal.SIGTERM)
        try:
            self.relay.process.proc.wait(30)
        except Exception:
            self.fail("relaydeskd did not exit within 30 s of SIGTERM:\n" + self.relay.log())
        self.assertEqual(self.relay.process.proc.returncode, 0, self.relay.log())
        for c in (idle, envelope, partial, reused):
            self.assertTrue(c.closed_by_peer(5), "sessions end with the daemon")

        self.up.start("accept")
        self.relay.start()

        def all_arrived():
            raw = b"".join(r for _, r in self.up.messages())
            return all(("X-Test-Id: %s" % t).encode() in raw for t in acked)
        try:
            relaytest.wait_until(all_arrived, 60, "every acknowledged message at the upstream")
        except AssertionError:
            self.fail("lost messages after SIGTERM:\n" + self.relay.log())
        self.assertEqual(self.relay.query(
            "SELECT COUNT(*) AS n FROM recipients WHERE address IN ('partial@dest.test', 'envelope@dest.test')")[0]["n"], 0)
        self.assertFalse([m for m, _ in self.up.messages() if "partial@dest.test" in m["rcpt_tos"]])

    def test_sigint_exits_zero(self):
        self.relay.start()
        self.assertEqual(self.relay.stop(signal.SIGINT, 30), 0, self.relay.log())


if __name__ == "__main__":
    relaytest.run_tests()
