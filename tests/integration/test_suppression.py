#!/usr/bin/python3
"""The suppression list and incoming bounces (issue 6), end to end.

A real relaydeskd relays to the scripted aiosmtpd upstream (own process),
which answers "550 5.1.1" at RCPT TO for one recipient:
  - the first message to it fails permanently, and the recipient is added
    to the suppression list (table `suppressions` in queue.db) for the
    sender's domain;
  - a second message to it fails at once, without reaching the upstream,
    with "550 5.1.1 Recipient suppressed: ..." in the delivery log;
    with [bounces] suppressed-action = hold it is held instead;
  - once the entry is removed, the next message goes through.
Incoming bounces: a DSN sent to [bounces] return-path-address is not
relayed; the original recipient (matched by the returned Message-ID)
becomes Failed with the bounce's reason in the delivery log.
"""
import os
import smtplib
import sys
import unittest
import uuid

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import relaytest  # noqa: E402
from relaytest import DELIVERED, FAILED, HELD  # noqa: E402

SENDER = "scanner@office.test"
GONE = "gone@remote.test"
RETURN_PATH = "bounces@relay.test"


class Suppression(unittest.TestCase):
    def setUp(self):
        self.tmp = relaytest.TempDir("suppression")
        self.addCleanup(self.tmp.cleanup)
        self.up = relaytest.ScriptedUpstream(self.tmp.path)
        self.addCleanup(self.up.stop)
        self.relay = None

    def start_relay(self, bounces):
        if self.relay is None:
            ini = os.path.join(self.tmp.path, "bounces.ini")
            with open(ini, "w") as f:
                f.write("[bounces]\n" + "".join("%s = %s\n" % kv for kv in bounces.items()))
            self.relay = relaytest.Daemon(self.tmp.path, smarthost=self.up.address,
                                          smarthost_tls="none", extra=["--config", ini])
            self.addCleanup(self.stop_relay)
        self.relay.start()

    def stop_relay(self):
        rc = self.relay.stop()
        if rc not in (0, None):
            self.fail("relaydeskd exited with %s:\n%s" % (rc, self.relay.log()))

    def send(self, rcpts, message_id=None, sender=SENDER):
        message_id = message_id or "<%s@office.test>" % uuid.uuid4().hex
        body = ("From: %s\r\nTo: %s\r\nSubject: suppression test\r\nMessage-ID: %s\r\n\r\n"
                "body\r\n" % (sender, ", ".join(rcpts), message_id)).encode()
        with smtplib.SMTP(self.relay.host, self.relay.port, timeout=30) as s:
            refused = s.sendmail(sender, rcpts, body)
        self.assertEqual(refused, {})
        return message_id

    def last_message_id(self):
        return self.relay.query("SELECT MAX(id) AS id FROM messages")[0]["id"]

    def state_of(self, message_id, address):
        rows = self.relay.query("SELECT state FROM recipients WHERE message_id = ? AND address = ?",
                                (message_id, address))
        return rows[0]["state"] if rows else None

    def wait_state(self, message_id, address, state, timeout=60):
        relaytest.wait_until(lambda: self.state_of(message_id, address) == state, timeout,
                             "%s of message %s to reach state %d (now %s)\n%s"
                             % (address, message_id, state, self.state_of(message_id, address),
                                self.relay.log()))

    def log_rows(self, message_id):
        return self.relay.query("SELECT recipient, result_state, reply_code, enhanced_status, "
                                "reply_text, upstream_host FROM delivery_log WHERE message_id = ? "
                                "ORDER BY id", (message_id,))

    def suppressions(self):
        try:
            return self.relay.query("SELECT * FROM suppressions ORDER BY recipient")
        except Exception:  # the table is created on first use
            return []

    def rejected_at_upstream(self, address):
        return [e for e in self.up.events("rcpt-rejected") if e["rcpt"] == address]

    def accepted_for(self, address):
        return [meta for meta, _ in self.up.messages() if address in meta["rcpt_tos"]]

    def first_failure_suppresses(self):
        """Message 1: GONE fails at the upstream (550 5.1.1) and is suppressed."""
        self.send([GONE, "ok@remote.test"])
        first = self.last_message_id()
        self.wait_state(first, GONE, FAILED)
        self.wait_state(first, "ok@remote.test", DELIVERED)
        self.assertEqual(len(self.rejected_at_upstream(GONE)), 1)
        entry = relaytest.wait_until(
            lambda: [s for s in self.suppressions() if s["recipient"] == GONE], 30,
            "the suppression of %s\n%s" % (GONE, self.relay.log()))[0]
        self.assertEqual(entry["sender_domain"], "office.test")
        self.assertEqual(entry["reason"], "userunknown")
        self.assertEqual(entry["source_message"], first)
        self.assertIsNotNone(entry["expires"])
        # 90 days by default (milliseconds).
        self.assertEqual(entry["expires"] - entry["created"], 90 * 24 * 3600 * 1000)
        return first

    def test_suppressed_recipient_fails_at_once_until_removed(self):
        self.up.start(mode="reject", reject="^gone@")
        self.start_relay({"suppressed-action": "fail"})
        first = self.first_failure_suppresses()

        # Message 2: fails at once for GONE, never reaching the upstream;
        # the other recipient is delivered as usual.
        self.send([GONE, "other@remote.test"])
        second = self.last_message_id()
        self.assertGreater(second, first)
        self.wait_state(second, GONE, FAILED)
        self.wait_state(second, "other@remote.test", DELIVERED)
        rows = [r for r in self.log_rows(second) if r["recipient"] == GONE]
        self.assertEqual(len(rows), 1, rows)
        self.assertEqual(rows[0]["reply_code"], 550)
        self.assertEqual(rows[0]["enhanced_status"], "5.1.1")
        self.assertTrue(rows[0]["reply_text"].startswith("Recipient suppressed: userunknown since "),
                        rows[0]["reply_text"])
        self.assertIn("(message %d)" % first, rows[0]["reply_text"])
        self.assertEqual(len(self.rejected_at_upstream(GONE)), 1,
                         "the suppressed recipient reached the upstream again")

        # Another sender domain is not affected by office.test's entry.
        self.send([GONE], sender="app@billing.test")
        third = self.last_message_id()
        self.wait_state(third, GONE, FAILED)
        self.assertEqual(len(self.rejected_at_upstream(GONE)), 2)
        self.assertFalse(any(r["reply_text"].startswith("Recipient suppressed")
                             for r in self.log_rows(third)))

        # Removing the entry (here with sqlite3 while the daemon is down; the
        # GUI uses RelayService::removeSuppression) lets the next one through
        # once the mailbox exists again.
        self.relay.stop()
        con = self.relay.db()
        with con:
            con.execute("DELETE FROM suppressions WHERE recipient = ? AND sender_domain = ?",
                        (GONE, "office.test"))
        con.close()
        self.up.stop()
        self.up.start(mode="accept")
        self.start_relay({})
        self.send([GONE])
        fourth = self.last_message_id()
        self.wait_state(fourth, GONE, DELIVERED)
        self.assertEqual(len(self.accepted_for(GONE)), 1)

    def test_hold_action_holds_the_suppressed_recipient(self):
        self.up.start(mode="reject", reject="^gone@")
        self.start_relay({"suppressed-action": "hold", "suppress-expiry": "30d"})
        self.send([GONE])
        first = self.last_message_id()
        self.wait_state(first, GONE, FAILED)
        entry = relaytest.wait_until(lambda: self.suppressions(), 30, "the suppression entry")[0]
        self.assertEqual(entry["expires"] - entry["created"], 30 * 24 * 3600 * 1000)
        self.send([GONE])
        second = self.last_message_id()
        self.wait_state(second, GONE, HELD)
        rows = self.log_rows(second)
        self.assertEqual(len(rows), 1, rows)
        self.assertTrue(rows[0]["reply_text"].startswith("Recipient suppressed: "), rows)
        self.assertEqual(len(self.rejected_at_upstream(GONE)), 1)

    def test_incoming_bounce_fails_the_original_recipient(self):
        self.up.start(mode="accept")
        self.start_relay({"return-path-address": RETURN_PATH})
        original_id = "<orig-%s@office.test>" % uuid.uuid4().hex
        self.send(["decoy@remote.test"])  # an older message to someone else
        self.send(["kim@remote.test"], message_id=original_id)
        original = self.last_message_id()
        self.wait_state(original, "kim@remote.test", DELIVERED)
        upstream_before = len(self.up.messages())

        boundary = "dsn-boundary-42"
        dsn = ("From: Mail Delivery System <MAILER-DAEMON@mx.remote.test>\r\n"
               "To: %s\r\n"
               "Subject: Undelivered Mail Returned to Sender\r\n"
               "MIME-Version: 1.0\r\n"
               "Content-Type: multipart/report; report-type=delivery-status;\r\n"
               " boundary=\"%s\"\r\n\r\n"
               "--%s\r\nContent-Type: text/plain\r\n\r\n"
               "Your message could not be delivered to one or more recipients.\r\n\r\n"
               "--%s\r\nContent-Type: message/delivery-status\r\n\r\n"
               "Reporting-MTA: dns; mx.remote.test\r\n\r\n"
               "Final-Recipient: rfc822; kim@remote.test\r\n"
               "Action: failed\r\n"
               "Status: 5.1.1\r\n"
               "Diagnostic-Code: smtp; 550 5.1.1 <kim@remote.test>: Recipient address rejected: "
               "User unknown in virtual mailbox table\r\n\r\n"
               "--%s\r\nContent-Type: text/rfc822-headers\r\n\r\n"
               "From: %s\r\nTo: kim@remote.test\r\nSubject: suppression test\r\n"
               "Message-ID: %s\r\n\r\n"
               "--%s--\r\n" % (RETURN_PATH, boundary, boundary, boundary, boundary, SENDER,
                               original_id, boundary)).encode()
        with smtplib.SMTP(self.relay.host, self.relay.port, timeout=30) as s:
            self.assertEqual(s.sendmail("", [RETURN_PATH], dsn), {})

        self.wait_state(original, "kim@remote.test", FAILED)
        rows = self.log_rows(original)
        self.assertEqual(rows[-1]["upstream_host"], "bounce", rows)
        self.assertEqual(rows[-1]["reply_code"], 550)
        self.assertEqual(rows[-1]["enhanced_status"], "5.1.1")
        self.assertIn("userunknown", rows[-1]["reply_text"])
        # The bounce itself was not queued or relayed.
        self.assertEqual(self.relay.query("SELECT COUNT(*) AS n FROM recipients WHERE address = ?",
                                          (RETURN_PATH,))[0]["n"], 0)
        self.assertFalse([m for m, _ in self.up.messages() if RETURN_PATH in m["rcpt_tos"]])
        self.assertGreaterEqual(len(self.up.messages()), upstream_before)
        # A hard reason suppresses the recipient for the original's sender domain.
        entry = relaytest.wait_until(
            lambda: [s for s in self.suppressions() if s["recipient"] == "kim@remote.test"], 30,
            "the suppression added by the incoming bounce")[0]
        self.assertEqual(entry["sender_domain"], "office.test")
        self.assertEqual(entry["source_message"], original)


if __name__ == "__main__":
    relaytest.run_tests()
