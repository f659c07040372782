#!/usr/bin/python3
"""A full disk under the queue: 4xx, never 250; the daemon survives and recovers.

Mounts a small tmpfs (8 MiB; needs root / CAP_SYS_ADMIN: the test SKIPS with
exit code 77 when the mount is refused) as relaydeskd's --data-dir, fills it
with a filler file, sends messages (each bigger than anything written
before, so SQLite's WAL must grow) and expects 451/452 for every one, no
trace of them in queue.db, the daemon still answering; then deletes the
filler and expects the next message to get its 250.
"""
import errno
import os
import subprocess
import sys
import unittest
import uuid

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import relaytest  # noqa: E402


class DiskFull(unittest.TestCase):
    def setUp(self):
        self.tmp = relaytest.TempDir("diskfull")
        self.addCleanup(self.tmp.cleanup)
        self.mnt = self.tmp.sub("data")
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", self.mnt],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise unittest.SkipTest("cannot mount a tmpfs for the data dir (not root?): %s"
                                    % r.stderr.strip())
        self.addCleanup(subprocess.run, ["umount", "-l", self.mnt], capture_output=True)
        port = relaytest.free_port()  # nothing listens there: messages stay queued
        self.relay = relaytest.Daemon(self.tmp.path, data_dir=self.mnt,
                                      smarthost="127.0.0.1:%d" % port, retry_schedule="1h")
        self.relay.start()
        self.addCleanup(self.relay.stop)

    def send_raw(self, rcpt, body_bytes):
        """Every reply code of one transaction; stops at the first non-2xx/3xx."""
        c = relaytest.SmtpConn("127.0.0.1", self.relay.port)
        codes = []
        try:
            for cmd in ("EHLO full.client.test", "MAIL FROM:<sender@client.test>", "RCPT TO:<%s>" % rcpt,
                        "DATA"):
                code, text = c.cmd(cmd)
                codes.append(code)
                if code is None or code >= 400:
                    return codes, text
            body = "Subject: full\r\n\r\n" + ("y" * 76 + "\r\n") * (body_bytes // 78) + ".\r\n"
            c.send(body)
            code, text = c.reply()
            codes.append(code)
            c.cmd("QUIT")
            return codes, text
        finally:
            c.close()

    def fill(self):
        filler = os.path.join(self.mnt, "filler")
        chunk = b"\0" * 65536
        with open(filler, "wb", buffering=0) as f:
            try:
                while True:
                    f.write(chunk)
            except OSError as e:
                self.assertEqual(e.errno, errno.ENOSPC)
            try:  # the last partial block
                while True:
                    f.write(b"\0" * 512)
            except OSError:
                pass
        return filler

    def test_full_disk_gives_4xx_and_recovers(self):
        codes, text = self.send_raw("before@dest.test", 2000)
        self.assertEqual(codes[-1], 250, text)
        filler = self.fill()
        for i in range(3):
            rcpt = "full-%d-%s@dest.test" % (i, uuid.uuid4().hex[:6])
            codes, text = self.send_raw(rcpt, 400000 + 100000 * i)
            self.assertNotIn(250, codes[4:], "a 250 for a message that cannot be on disk: %r" % text)
            self.assertIn(codes[-1], (451, 452), "expected 451/452, got %r" % text)
            self.assertTrue(self.relay.alive(), self.relay.log())
        self.assertEqual(relaytest.read_greeting("127.0.0.1", self.relay.port)[:3], "220")
        os.unlink(filler)

        def accepted_again():
            c, t = self.send_raw("after@dest.test", 2000)
            return c[-1] == 250
        relaytest.wait_until(accepted_again, 30, "a 250 once space is free", interval=0.5)
        rows = self.relay.query("SELECT address FROM recipients ORDER BY id")
        addresses = [r["address"] for r in rows]
        self.assertEqual([a for a in addresses if a.startswith("full-")], [],
                         "refused messages must leave nothing behind")
        self.assertIn("before@dest.test", addresses)
        self.assertIn("after@dest.test", addresses)
        self.assertEqual(self.relay.stop(), 0)


if __name__ == "__main__":
    relaytest.run_tests()
