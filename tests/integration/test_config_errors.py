#!/usr/bin/python3
"""relaydeskd refuses to start on bad configuration, and says where.

Starts relaydeskd (never long: each case must exit by itself within 20 s)
with a broken --config file or bad options, and checks the exit status is
non-zero and stderr names the file and the offending LINE (or the option).
A secret written into the INI is refused without being echoed back.
"""
import os
import subprocess
import sys
import unittest

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import relaytest  # noqa: E402


class ConfigErrors(unittest.TestCase):
    def setUp(self):
        self.tmp = relaytest.TempDir("config")
        self.addCleanup(self.tmp.cleanup)
        self.binary = relaytest.relaydeskd_path()
        self.data = self.tmp.sub("data")
        self.port = relaytest.free_port()

    def run_daemon(self, *args):
        argv = [self.binary, "--data-dir", self.data, "--listen", "127.0.0.1:%d" % self.port] + list(args)
        try:
            r = subprocess.run(argv, capture_output=True, text=True, timeout=20)
        except subprocess.TimeoutExpired:
            self.fail("relaydeskd %s kept running instead of refusing the configuration" % args)
        return r

    def write_config(self, text):
        path = os.path.join(self.tmp.path, "relaydesk.ini")
        with open(path, "w") as f:
            f.write(text)
        return path

    def assert_refused(self, r, *needles):
        self.assertNotEqual(r.returncode, 0, "must fail:\n" + r.stdout + r.stderr)
        out = r.stderr + r.stdout
        for n in needles:
            self.assertIn(n, out)
        self.assertIsNone(relaytest.read_greeting("127.0.0.1", self.port, 1))

    def test_bad_port_names_the_line(self):
        path = self.write_config("# test configuration\n\n[smarthost]\nhost = 127.0.0.1\nport = abc\n")
        self.assert_refused(self.run_daemon("--config", path), "relaydesk.ini:5", "port")

    def test_unknown_key_names_the_line(self):
        path = self.write_config("[smarthost]\nhost = 127.0.0.1\nhots = typo.example\n")
        self.assert_refused(self.run_daemon("--config", path), "relaydesk.ini:3", "hots")

    def test_unknown_section(self):
        path = self.write_config("[smarthost]\nhost = 127.0.0.1\n\n[smrthost]\nport = 25\n")
        self.assert_refused(self.run_daemon("--config", path), "relaydesk.ini:4", "smrthost")

    def test_open_relay_network_refused(self):
        path = self.write_config("[relay]\nallowed-networks = 0.0.0.0/0\n")
        self.assert_refused(self.run_daemon("--config", path), "relaydesk.ini:2")

    def test_secret_in_file_refused_and_not_echoed(self):
        path = self.write_config("[smarthost]\nhost = 127.0.0.1\npassword = Hunter2-secret\n")
        r = self.run_daemon("--config", path)
        self.assert_refused(r, "relaydesk.ini:3")
        self.assertNotIn("Hunter2-secret", r.stderr + r.stdout)

    def test_missing_config_file(self):
        missing = os.path.join(self.tmp.path, "nope.ini")
        self.assert_refused(self.run_daemon("--config", missing), "nope.ini")

    def test_bad_listen_option(self):
        r = subprocess.run([self.binary, "--data-dir", self.data, "--listen", "not-an-address"],
                           capture_output=True, text=True, timeout=20)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("listen", r.stderr + r.stdout)

    def test_group_readable_password_file_refused(self):
        pw = os.path.join(self.tmp.path, "pw")
        with open(pw, "w") as f:
            f.write("Sekrit-upstream-pw\n")
        os.chmod(pw, 0o644)
        r = self.run_daemon("--smarthost", "127.0.0.1:25", "--smarthost-tls", "none",
                            "--smarthost-user", "u", "--smarthost-password-file", pw)
        self.assert_refused(r, "pw")
        self.assertNotIn("Sekrit-upstream-pw", r.stderr + r.stdout)


if __name__ == "__main__":
    relaytest.run_tests()
