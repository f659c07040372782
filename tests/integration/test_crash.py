#!/usr/bin/python3
"""Crash test: kill -9 relaydeskd repeatedly under load; nothing acknowledged is lost.

Starts a scripted aiosmtpd upstream (accept, own process) and relaydeskd.
Eight client threads (smtplib, a few messages per connection) send up to
CRASH_MESSAGES (default 5000) messages, each with a unique X-Crash-Id, and
record exactly which got a 250. Meanwhile the daemon is killed with SIGKILL
CRASH_KILLS (default 5) times, at evenly spread points of the run, and
restarted on the same data dir. At the end every 250'd id must have arrived
at the upstream (at least once); duplicates are counted and reported (a
kill between the upstream's 250 and our commit of "delivered" legitimately
causes one). queue.db must hold no half-written message: every message has
recipients, and content is present unless every recipient is final.
The run is bounded: sending stops after CRASH_SECONDS (default 100).
"""
import os
import re
import smtplib
import sys
import threading
import time
import unittest

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import relaytest  # noqa: E402

MESSAGES = int(os.environ.get("CRASH_MESSAGES", "5000"))
KILLS = int(os.environ.get("CRASH_KILLS", "5"))
SECONDS = float(os.environ.get("CRASH_SECONDS", "100"))
THREADS = 8
PER_CONNECTION = 5
ID_RE = re.compile(rb"^X-Crash-Id: (\S+)\r?$", re.M)


class Client(threading.Thread):
    """Sends its share of messages; records ids that got 250, retries the rest."""

    def __init__(self, index, count, port, stop):
        super().__init__(daemon=True)
        self.index, self.count, self.port, self.stop = index, count, port, stop
        self.acked = []
        self.errors = 0

    def run(self):
        seq = 0
        while seq < self.count and not self.stop.is_set():
            try:
                with smtplib.SMTP("127.0.0.1", self.port, local_hostname="crash.client.test",
                                  timeout=20) as s:
                    for _ in range(PER_CONNECTION):
                        if seq >= self.count or self.stop.is_set():
                            break
                        mid = "c%d-%06d" % (self.index, seq)
                        body = ("From: crash@client.test\r\nSubject: crash %s\r\nX-Crash-Id: %s\r\n\r\n"
                                "%s\r\n" % (mid, mid, "payload " * 40)).encode()
                        # sendmail raises unless the final reply is 250.
                        s.sendmail("crash@client.test", ["sink-%d@dest.test" % self.index], body)
                        self.acked.append(mid)
                        seq += 1
            except (OSError, smtplib.SMTPException):
                # The daemon is down or died mid-transaction: this id did not
                # get its 250; send it again (a new copy, same id) later.
                self.errors += 1
                time.sleep(0.02)  # pacing only, while the daemon restarts


class CrashTest(unittest.TestCase):
    def setUp(self):
        self.tmp = relaytest.TempDir("crash")
        self.addCleanup(self.tmp.cleanup)
        self.up = relaytest.ScriptedUpstream(self.tmp.path).start("accept")
        self.addCleanup(self.up.stop)
        self.relay = relaytest.Daemon(self.tmp.path, smarthost=self.up.address,
                                      retry_schedule="1s,1s,1s")
        self.addCleanup(self.relay.stop)

    def test_kill9_under_load(self):
        self.relay.start()
        stop = threading.Event()
        share = MESSAGES // THREADS
        clients = [Client(i, share, self.relay.port, stop) for i in range(THREADS)]
        started = time.monotonic()
        for c in clients:
            c.start()
        total = share * THREADS
        kills = 0
        for k in range(1, KILLS + 1):
            target = total * k // (KILLS + 1)
            while (sum(len(c.acked) for c in clients) < target
                   and time.monotonic() - started < SECONDS * k / (KILLS + 1)):
                time.sleep(0.05)  # polling the clients' progress
            self.relay.kill9()
            kills += 1
            self.relay.start(timeout=60)
        while any(c.is_alive() for c in clients) and time.monotonic() - started < SECONDS:
            time.sleep(0.1)
        stop.set()
        for c in clients:
            c.join(30)
        intake_s = time.monotonic() - started
        acked = set()
        for c in clients:
            acked.update(c.acked)
        self.assertGreater(len(acked), total // 4, "too few messages got through at all")

        def arrived_ids():
            ids = []
            for _, raw in self.up.messages():
                m = ID_RE.search(raw)
                if m:
                    ids.append(m.group(1).decode())
            return ids

        def all_arrived():
            return acked.issubset(arrived_ids())
        try:
            relaytest.wait_until(all_arrived, 90, "every acknowledged message at the upstream",
                                 interval=0.5)
        except AssertionError:
            missing = sorted(acked - set(arrived_ids()))
            self.fail("%d acknowledged messages lost after %d kills, e.g. %s\n%s"
                      % (len(missing), kills, missing[:10], self.relay.log()[-5000:]))
        ids = arrived_ids()
        duplicates = len(ids) - len(set(ids))
        unacked_arrived = len(set(ids) - acked)
        print("crash test: %d sent with 250 in %.1f s, %d kill -9, %d arrived, %d duplicates, "
              "%d arrived without a 250 (killed before the reply), %d client errors"
              % (len(acked), intake_s, kills, len(ids), duplicates, unacked_arrived,
                 sum(c.errors for c in clients)), file=sys.stderr)

        # Messages committed just before a kill (no 250 seen) are delivered too.
        relaytest.wait_until(lambda: self.relay.query(
            "SELECT COUNT(*) AS n FROM recipients WHERE state NOT IN (3, 4)")[0]["n"] == 0,
            60, "an empty queue (every envelope final)", interval=0.5)
        self.assertEqual(self.relay.stop(), 0)
        orphans = self.relay.query(
            "SELECT COUNT(*) AS n FROM messages m WHERE NOT EXISTS "
            "(SELECT 1 FROM recipients r WHERE r.message_id = m.id)")[0]["n"]
        self.assertEqual(orphans, 0, "messages without recipients (half-written)")
        missing_content = self.relay.query(
            "SELECT COUNT(*) AS n FROM messages m WHERE m.content IS NULL AND EXISTS "
            "(SELECT 1 FROM recipients r WHERE r.message_id = m.id AND r.state NOT IN (3, 4))")[0]["n"]
        self.assertEqual(missing_content, 0, "pending messages without content")
        failed = self.relay.query("SELECT COUNT(*) AS n FROM recipients WHERE state = 4")[0]["n"]
        self.assertEqual(failed, 0, "nothing may fail against an accepting upstream")


if __name__ == "__main__":
    relaytest.run_tests()
