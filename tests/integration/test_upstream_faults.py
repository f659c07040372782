#!/usr/bin/python3
"""relaydeskd against a misbehaving upstream (the scripted aiosmtpd one).

Each test starts its own scripted upstream (lib/scripted_upstream.py, own
process) and its own relaydeskd (--smarthost-tls none, --retry-schedule
1s,1s,2s so retries come quickly) and checks the queue (queue.db), the
delivery log and what the upstream actually got:
  4xx twice, then accepted -> delivered after retries, log shows the 451s;
  5xx for one recipient -> that one failed (state 4) with the reply text in
                           the log, the other delivered;
  upstream down -> deferred with a log row; comes up -> delivered;
  hang after the final "." -> not lost, intake unaffected; delivered once the
                              upstream is back;
  connection dropped mid-DATA -> deferred, delivered later.
"""
import os
import email
import smtplib
import sys
import unittest
import uuid

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import relaytest  # noqa: E402
from relaytest import DEFERRED, DELIVERED, FAILED, IN_FLIGHT, QUEUED  # noqa: E402


def is_null_sender(meta):
    """MAIL FROM:<> as the scripted upstream recorded it."""
    return meta["mail_from"] in ("", "<>")


class UpstreamFaults(unittest.TestCase):
    def setUp(self):
        self.tmp = relaytest.TempDir("faults")
        self.addCleanup(self.tmp.cleanup)
        self.up = relaytest.ScriptedUpstream(self.tmp.path)
        self.addCleanup(self.up.stop)
        self.relay = relaytest.Daemon(self.tmp.path, smarthost=self.up.address,
                                      smarthost_tls="none")
        self.addCleanup(self.stop_relay)

    def stop_relay(self):
        rc = self.relay.stop()
        if rc not in (0, None):
            self.fail("relaydeskd exited with %s:\n%s" % (rc, self.relay.log()))

    def send(self, rcpts, test_id=None):
        test_id = test_id or uuid.uuid4().hex
        body = ("From: a@client.test\r\nSubject: fault test\r\nX-Test-Id: %s\r\n\r\nbody\r\n"
                % test_id).encode()
        with smtplib.SMTP(self.relay.host, self.relay.port, timeout=30) as s:
            refused = s.sendmail("sender@client.test", rcpts, body)
        self.assertEqual(refused, {})
        return test_id

    def upstream_copies(self, test_id):
        return [(meta, raw) for meta, raw in self.up.messages()
                if ("X-Test-Id: %s" % test_id).encode() in raw]

    def wait_state(self, address, states, timeout=60):
        def check():
            s = self.relay.recipient_states().get(address)
            return s and s[-1] in states
        try:
            relaytest.wait_until(check, timeout, "%s in state %s" % (address, states))
        except AssertionError:
            self.fail("%s never reached %s (now %s)\n%s" % (address, states,
                      self.relay.recipient_states().get(address), self.relay.log()))

    def log_rows(self, address):
        return self.relay.query("SELECT * FROM delivery_log WHERE recipient = ? ORDER BY id",
                                (address,))

    def test_tempfail_then_delivered_after_retry(self):
        self.up.start("tempfail", count=2)
        self.relay.start()
        test_id = self.send(["a@dest.test"])
        self.wait_state("a@dest.test", (DELIVERED,))
        self.assertEqual(len(self.upstream_copies(test_id)), 1)
        self.assertEqual(len(self.up.events("tempfail")), 2)
        codes = [r["reply_code"] for r in self.log_rows("a@dest.test")]
        self.assertEqual(codes[:2], [451, 451])
        self.assertEqual(codes[-1] // 100, 2)
        self.assertIn("Scripted temporary failure", self.log_rows("a@dest.test")[0]["reply_text"])

    def test_permanent_failure_for_one_recipient(self):
        self.up.start("reject", reject="^bad")
        self.relay.start()
        test_id = self.send(["bad@dest.test", "good@dest.test"])
        self.wait_state("good@dest.test", (DELIVERED,))
        self.wait_state("bad@dest.test", (FAILED,))
        # The original goes to the good recipient only...
        copies = [c for c in self.upstream_copies(test_id) if not is_null_sender(c[0])]
        self.assertEqual(len(copies), 1)
        self.assertEqual(copies[0][0]["rcpt_tos"], ["good@dest.test"])
        # ...and the sender gets one bounce (RFC 3464) from the null sender,
        # through the same route, naming the failed recipient and the reply.
        relaytest.wait_until(lambda: any(is_null_sender(m) for m, _ in self.up.messages()),
                             30, "a DSN at the upstream")
        dsns = [(m, raw) for m, raw in self.up.messages() if is_null_sender(m)]
        self.assertEqual(len(dsns), 1, "one DSN per message")
        self.assertEqual(dsns[0][0]["rcpt_tos"], ["sender@client.test"])
        report = email.message_from_bytes(dsns[0][1])
        self.assertEqual(report.get_content_type(), "multipart/report")
        self.assertEqual(report.get_param("report-type"), "delivery-status")
        self.assertEqual(report["Auto-Submitted"], "auto-replied")
        status = [p for p in report.walk() if p.get_content_type() == "message/delivery-status"]
        self.assertEqual(len(status), 1)
        # Python parses delivery-status as [per-message, per-recipient...] blocks.
        blocks = status[0].get_payload()
        recipients = [b for b in blocks if b["Final-Recipient"]]
        self.assertEqual(len(recipients), 1, "only the failed recipient is reported")
        self.assertEqual(recipients[0]["Final-Recipient"].split(";")[1].strip(), "bad@dest.test")
        self.assertEqual(recipients[0]["Action"], "failed")
        self.assertTrue(recipients[0]["Status"].startswith("5."), recipients[0]["Status"])
        self.assertIn("scripted upstream says no", " ".join(recipients[0]["Diagnostic-Code"].split()))
        rows = self.log_rows("bad@dest.test")
        self.assertEqual(len(rows), 1, "a 5xx is final at once: no retry")
        self.assertEqual(rows[0]["reply_code"], 550)
        self.assertEqual(rows[0]["result_state"], FAILED)
        self.assertIn("scripted upstream says no", rows[0]["reply_text"])
        # Every recipient is final: the content is dropped from the queue.
        relaytest.wait_until(lambda: self.relay.query(
            "SELECT COUNT(*) AS n FROM messages WHERE content IS NOT NULL")[0]["n"] == 0,
            30, "content dropped once every recipient is final")

    def test_upstream_down_then_up(self):
        self.relay.start()  # upstream not started: its port is closed
        test_id = self.send(["c@dest.test"])
        relaytest.wait_until(lambda: len(self.log_rows("c@dest.test")) >= 2, 60,
                             "two failed connection attempts in the delivery log")
        self.assertIn(self.relay.recipient_states()["c@dest.test"][-1], (DEFERRED, IN_FLIGHT, QUEUED))
        self.assertTrue(all(r["result_state"] == DEFERRED for r in self.log_rows("c@dest.test")))
        self.assertEqual(self.up.messages(), [])
        self.up.start("accept")
        self.wait_state("c@dest.test", (DELIVERED,))
        self.assertEqual(len(self.upstream_copies(test_id)), 1)

    def test_hang_then_upstream_back(self):
        self.up.start("hang")
        self.relay.start()
        first = self.send(["d@dest.test"])
        relaytest.wait_until(lambda: self.up.events("hang"), 60, "the upstream to hang on a message")
        # Intake is independent of a stuck delivery.
        second = self.send(["e@dest.test"])
        self.assertNotIn(self.relay.recipient_states()["d@dest.test"][-1], (DELIVERED, FAILED))
        self.up.kill()  # resets the hung connection
        self.up.start("accept")
        self.wait_state("d@dest.test", (DELIVERED,))
        self.wait_state("e@dest.test", (DELIVERED,))
        self.assertEqual(len(self.upstream_copies(first)), 1)
        self.assertEqual(len(self.upstream_copies(second)), 1)

    def test_disconnect_mid_data_defers(self):
        self.up.start("disconnect-data")
        self.relay.start()
        test_id = self.send(["f@dest.test"])
        relaytest.wait_until(lambda: self.log_rows("f@dest.test"), 60, "a logged failed attempt")
        self.assertEqual(self.log_rows("f@dest.test")[0]["result_state"], DEFERRED)
        self.assertNotIn(self.relay.recipient_states()["f@dest.test"][-1], (DELIVERED, FAILED))
        self.up.stop()
        self.up.start("accept")
        self.wait_state("f@dest.test", (DELIVERED,))
        self.assertEqual(len(self.upstream_copies(test_id)), 1)


if __name__ == "__main__":
    relaytest.run_tests()
