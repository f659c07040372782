#!/usr/bin/python3
"""Routes through the real daemon, configured the way an admin writes them.

Two scripted upstreams on loopback: mail from the billing system goes to the
"billing" smarthost (with a From: display name fixed on the way), everything
else to the default smarthost; when the billing smarthost is down, its
fallback takes the mail. Checked at the upstreams.
"""
import os
import smtplib
import sys
import unittest
import uuid

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import relaytest  # noqa: E402
from relaytest import DELIVERED  # noqa: E402


class Routes(unittest.TestCase):
    def setUp(self):
        self.tmp = relaytest.TempDir("routes")
        self.addCleanup(self.tmp.cleanup)
        self.ups = {}
        for name in ("default", "billing", "backup"):
            workdir = os.path.join(self.tmp.path, name)
            os.makedirs(workdir)
            self.ups[name] = relaytest.ScriptedUpstream(workdir)
            self.addCleanup(self.ups[name].stop)

    def start_relay(self):
        ini = os.path.join(self.tmp.path, "relaydesk.ini")
        with open(ini, "w") as f:
            f.write("""[smarthost]
host = 127.0.0.1
port = %d
tls = none

[smarthost.billing]
host = 127.0.0.1
port = %d
tls = none
fallback = backup

[smarthost.backup]
host = 127.0.0.1
port = %d
tls = none

[route.invoices]
sender = billing.example
transport = smarthost:billing
fix-from-name = quote
""" % (self.ups["default"].port, self.ups["billing"].port, self.ups["backup"].port))
        self.relay = relaytest.Daemon(self.tmp.path, extra=["--config", ini])
        self.addCleanup(self.relay.stop)
        self.relay.start()

    def send(self, sender, rcpt, from_header):
        test_id = uuid.uuid4().hex
        body = ("From: %s\r\nSubject: routed\r\nX-Test-Id: %s\r\n\r\nbody\r\n"
                % (from_header, test_id)).encode()
        with smtplib.SMTP(self.relay.host, self.relay.port, timeout=30) as s:
            self.assertEqual(s.sendmail(sender, [rcpt], body), {})
        return test_id

    def arrived_at(self, name, test_id):
        return [(m, raw) for m, raw in self.ups[name].messages()
                if ("X-Test-Id: %s" % test_id).encode() in raw]

    def wait_arrival(self, name, test_id):
        relaytest.wait_until(lambda: self.arrived_at(name, test_id), 30,
                             "message %s at the %s upstream" % (test_id, name))
        return self.arrived_at(name, test_id)

    def test_sender_domain_picks_the_smarthost(self):
        for up in self.ups.values():
            up.start("accept")
        self.start_relay()
        invoice = self.send("invoices@billing.example", "customer@dest.test",
                            "billing@billing.example <billing@billing.example>")
        scan = self.send("scanner@office.example", "boss@dest.test", "Scanner <scanner@office.example>")
        self.assertEqual(len(self.wait_arrival("billing", invoice)), 1)
        self.assertEqual(len(self.wait_arrival("default", scan)), 1)
        self.assertEqual(self.arrived_at("default", invoice), [])
        self.assertEqual(self.arrived_at("billing", scan), [])
        # The route quoted the display name providers refuse (an '@' in it).
        raw = self.arrived_at("billing", invoice)[0][1]
        self.assertIn(b'From: "billing@billing.example" <billing@billing.example>', raw)

    def test_fallback_takes_over_when_the_smarthost_is_down(self):
        self.ups["default"].start("accept")
        self.ups["backup"].start("accept")  # "billing" stays down: its port is closed
        self.start_relay()
        invoice = self.send("invoices@billing.example", "customer@dest.test",
                            "Billing <invoices@billing.example>")
        self.assertEqual(len(self.wait_arrival("backup", invoice)), 1)
        relaytest.wait_until(
            lambda: self.relay.recipient_states().get("customer@dest.test", [None])[-1] == DELIVERED,
            30, "the recipient marked delivered")
        hosts = [r["upstream_host"] for r in self.relay.query(
            "SELECT upstream_host FROM delivery_log ORDER BY id")]
        self.assertIn("127.0.0.1:%d" % self.ups["backup"].port, hosts)


if __name__ == "__main__":
    relaytest.run_tests()
