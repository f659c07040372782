#!/usr/bin/python3
"""Open-relay attempts against the real relaydeskd (issue 5, label security).

Starts a recording aiosmtpd upstream and relaydeskd listening on 127.0.0.1
and [::1] with --allow ::1/128 only: a client on 127.0.0.1 is outside the
allowed networks and may relay only after AUTH (--allow-plain-auth, a local
account "app"). Raw sockets send exactly the bytes each case needs.
  - every recipient form (plain, percent hack, bang path, source route,
    quoted local part with @, address literal, <postmaster>, our own
    hostname) -> 554 5.7.1 (or 501 for bad syntax) at RCPT, nothing queued;
  - DATA / BDAT / pipelined transactions after a refused RCPT -> never 354,
    never queued;
  - a wrong password -> 535 and still no relaying;
  - positive controls: the ::1 client relays, and the authenticated client
    relays the tricky forms verbatim (the relay rewrites none of them into
    another destination).
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

USER, PASSWORD = "app", "Correct-Horse-7"

# (description, RCPT argument) pairs an open relay would forward.
FORMS = [
    ("plain", "<victim@evil.test>"),
    ("percent hack", "<victim%evil.test@relay.test>"),
    ("bang path", "<evil.test!victim@relay.test>"),
    ("source route", "<@relay.test,@hop.test:victim@evil.test>"),
    ("quoted local part with @", '<"victim@evil.test"@relay.test>'),
    ("address literal", "<victim@[192.0.2.1]>"),
    ("IPv6 literal", "<victim@[IPv6:2001:db8::1]>"),
    ("postmaster", "<postmaster>"),
    ("our own hostname", "<victim@relay.test>"),
    ("upper case", "<VICTIM@EVIL.TEST>"),
]


class OpenRelay(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.port6 = relaytest.free_port("::1")
        cls.f = seclib.RelayFixture(
            "openrelay", listen=["127.0.0.1:%d" % relaytest.free_port(), "[::1]:%d" % cls.port6],
            allow=["::1/128"], extra=["--allow-plain-auth"])
        try:
            cls.f.relay.user_add(USER, PASSWORD)
        except BaseException:
            cls.f.stop()
            raise
        cls.f.start()
        cls.relay = cls.f.relay

    @classmethod
    def tearDownClass(cls):
        cls.f.stop()

    def setUp(self):
        self.messages_before = self.relay.messages_count()

    def assertNothingQueued(self):
        self.assertEqual(self.relay.messages_count(), self.messages_before)
        self.assertEqual(self.f.queued("%victim%"), [])
        self.assertEqual(self.f.upstream_messages(rcpt_like="victim"), [])

    def connect(self, host="127.0.0.1"):
        c = relaytest.SmtpConn(host, self.port6 if ":" in host else self.relay.port)
        self.addCleanup(c.close)
        self.assertEqual(c.greeting[0], 220, c.greeting)
        return c

    def ehlo(self, c):
        code, text = c.cmd("EHLO outsider.test")
        self.assertEqual(code, 250, text)
        return text

    def test_every_recipient_form_refused(self):
        for name, rcpt in FORMS:
            with self.subTest(form=name):
                c = self.connect()
                self.ehlo(c)
                code, text = c.cmd("MAIL FROM:<spammer@evil.test>")
                self.assertEqual(code, 250, text)
                code, text = c.cmd("RCPT TO:" + rcpt)
                self.assertEqual(code, 554, text)
                self.assertIn("5.7.1", text)
                code, text = c.cmd("DATA")
                self.assertEqual(code, 554, text)  # no valid recipients
                self.assertEqual(c.cmd("QUIT")[0], 221)
        self.assertNothingQueued()

    def test_malformed_forms_refused(self):
        # Not even valid syntax: 501, and still nothing queued.
        for rcpt in ['<"victim@evil.test">', "<victim@evil.test", "<victim@@evil.test>",
                     "<@hop.test victim@evil.test>", "victim@evil.test",
                     # '@' or a quote inside an address literal (a fuzz finding)
                     '<"victim"@[x:victim@evil.test]>', '<victim@[x:">"]>']:
            with self.subTest(rcpt=rcpt):
                c = self.connect()
                self.ehlo(c)
                self.assertEqual(c.cmd("MAIL FROM:<spammer@evil.test>")[0], 250)
                code, text = c.cmd("RCPT TO:" + rcpt)
                self.assertEqual(code, 501, text)
                c.cmd("QUIT")
        self.assertNothingQueued()

    def test_helo_client_refused(self):
        c = self.connect()
        self.assertEqual(c.cmd("HELO outsider.test")[0], 250)
        self.assertEqual(c.cmd("MAIL FROM:<spammer@evil.test>")[0], 250)
        code, text = c.cmd("RCPT TO:<victim@evil.test>")
        self.assertEqual(code, 554, text)
        self.assertNothingQueued()

    def test_bdat_after_refused_rcpt(self):
        c = self.connect()
        self.ehlo(c)
        self.assertEqual(c.cmd("MAIL FROM:<spammer@evil.test>")[0], 250)
        self.assertEqual(c.cmd("RCPT TO:<victim@evil.test>")[0], 554)
        body = b"Subject: spam\r\n\r\nbuy\r\n"
        c.send(b"BDAT %d LAST\r\n" % len(body) + body)
        code, text = c.reply()
        self.assertEqual(code, 554, text)
        # The chunk was read in step: the next command is a command.
        self.assertEqual(c.cmd("NOOP")[0], 250)
        self.assertNothingQueued()

    def test_pipelined_transaction(self):
        c = self.connect()
        self.ehlo(c)
        c.send("MAIL FROM:<spammer@evil.test>\r\nRCPT TO:<victim@evil.test>\r\nDATA\r\n"
               "Subject: spam\r\n\r\nbuy\r\n.\r\nQUIT\r\n")
        codes = []
        while True:
            code, text = c.reply()
            if code is None:
                break
            codes.append(code)
            if code == 221:
                break
        self.assertEqual(codes[:3], [250, 554, 554], codes)
        self.assertNotIn(354, codes)
        self.assertEqual(codes[-1], 221, codes)
        self.assertNothingQueued()

    def test_wrong_password_still_refused(self):
        c = self.connect()
        text = self.ehlo(c)
        self.assertIn("AUTH", text)
        code, text = c.cmd("AUTH PLAIN " + seclib.plain(USER, "wrong-" + PASSWORD))
        self.assertEqual(code, 535, text)
        self.assertEqual(c.cmd("MAIL FROM:<spammer@evil.test>")[0], 250)
        self.assertEqual(c.cmd("RCPT TO:<victim@evil.test>")[0], 554)
        self.assertNothingQueued()

    def test_allowed_ipv6_client_relays(self):
        tag = uuid.uuid4().hex
        with smtplib.SMTP("::1", self.port6, local_hostname="lan.test", timeout=30) as s:
            s.sendmail("app@office.test", ["dest-%s@dest.test" % tag],
                       "Subject: v6 %s\r\n\r\nallowed network\r\n" % tag)
        (meta, _), = self.f.wait_upstream(tag.encode())
        self.assertEqual(meta["rcpt_tos"], ["dest-%s@dest.test" % tag])

    def test_authenticated_client_relays_forms_verbatim(self):
        tag = uuid.uuid4().hex[:12]
        c = self.connect()
        self.ehlo(c)
        code, text = c.cmd("AUTH PLAIN " + seclib.plain(USER, PASSWORD))
        self.assertEqual(code, 235, text)
        self.assertEqual(c.cmd("MAIL FROM:<app@office.test>")[0], 250)
        sent = {
            "<v1-%s%%evil.test@relay.test>" % tag: "v1-%s%%evil.test@relay.test" % tag,
            "<evil.test!v2-%s@relay.test>" % tag: "evil.test!v2-%s@relay.test" % tag,
            # RFC 5321 C: the source route is dropped, the mailbox kept.
            "<@relay.test,@hop.test:v3-%s@evil.test>" % tag: "v3-%s@evil.test" % tag,
            '<"v4-%s@evil.test"@relay.test>' % tag: '"v4-%s@evil.test"@relay.test' % tag,
        }
        for rcpt in sent:
            code, text = c.cmd("RCPT TO:" + rcpt)
            self.assertEqual(code, 250, "%s: %s" % (rcpt, text))
        self.assertEqual(c.cmd("DATA")[0], 354)
        c.send("Subject: forms %s\r\n\r\nauthenticated\r\n.\r\n" % tag)
        self.assertEqual(c.reply()[0], 250)
        c.cmd("QUIT")
        (meta, _), = self.f.wait_upstream(("forms " + tag).encode())
        # Each address reaches the upstream as the client wrote it: the
        # quoted local part keeps its quotes (its domain is relay.test, not
        # evil.test), the percent hack and the bang path are not resolved.
        self.assertEqual(sorted(meta["rcpt_tos"]), sorted(sent.values()))


if __name__ == "__main__":
    relaytest.run_tests()
