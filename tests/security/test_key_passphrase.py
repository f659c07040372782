#!/usr/bin/python3
"""An encrypted listener key with its passphrase in the credential store,
against the real relaydeskd (issue 5, label security).

The admin's path, with the daemon's own commands: `relaydeskd cert generate
--encrypt` writes an AES-256 PKCS#8 key, `relaydeskd secret set
local:tls-key` stores the passphrase in the daemon's 0600 file, and the INI
file names it with [tls] key-passphrase-ref.
  - the daemon starts, a real client (Python ssl, and `openssl s_client
    -starttls smtp`) completes STARTTLS with the relay's certificate, and
    mail sent over it reaches the upstream;
  - no passphrase stored, or a wrong one: the daemon exits non-zero before
    listening, and its error names the key file or the reference;
  - the same with the passphrase as a systemd credential (systemd:NAME,
    read from CREDENTIALS_DIRECTORY as LoadCredential= provides it), and a
    clear error outside systemd;
  - the passphrase, right or wrong, is in neither the INI file nor any log.
"""
import os
import smtplib
import ssl
import subprocess
import sys
import unittest
import uuid

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seclib  # noqa: E402
from seclib import relaytest  # noqa: E402

PASSPHRASE = "k3y-passphrase correct horse"
WRONG = "k3y-passphrase-WRONG-7"


class KeyPassphrase(unittest.TestCase):
    def setUp(self):
        self.f = seclib.RelayFixture("keypass")
        self.addCleanup(self.f.stop)
        self.relay = self.f.relay
        self.tls_dir = os.path.join(self.f.tmp.path, "tls")
        r = self.relay.run_command("cert", "generate", "--out", self.tls_dir, "--name",
                                   "localhost", "--encrypt", stdin=(PASSPHRASE + "\n").encode())
        self.assertEqual(r.returncode, 0, r.stderr.decode(errors="replace"))
        self.cert = os.path.join(self.tls_dir, "relaydesk-cert.pem")
        self.key = os.path.join(self.tls_dir, "relaydesk-key.pem")
        with open(self.key) as f:
            self.assertIn("BEGIN ENCRYPTED PRIVATE KEY", f.read())
        self.ini = os.path.join(self.f.tmp.path, "tls.ini")
        with open(self.ini, "w") as f:
            f.write("[tls]\ncert-file = %s\nkey-file = %s\nkey-passphrase-ref = local:tls-key\n"
                    % (self.cert, self.key))
        self.relay.extra += ["--config", self.ini]

    def store(self, secret):
        r = self.relay.run_command("secret", "set", "local:tls-key",
                                   stdin=(secret + "\n").encode())
        self.assertEqual(r.returncode, 0, r.stderr.decode(errors="replace"))

    def assert_no_passphrase_anywhere(self):
        texts = [self.relay.log()]
        with open(self.ini) as f:
            texts.append(f.read())
        for text in texts:
            self.assertNotIn(PASSPHRASE, text)
            self.assertNotIn(WRONG, text)

    def start_fails(self):
        """Starts the daemon and returns its log once it has exited."""
        self.relay.starts += 1
        log = os.path.join(self.relay.workdir, "%s.%d.log" % (self.relay.name, self.relay.starts))
        proc = relaytest.Process(self.relay.argv(), log)
        relaytest.wait_until(lambda: not proc.alive(), 30, "relaydeskd to exit")
        self.assertNotEqual(proc.stop(), 0)
        self.assertIsNone(relaytest.read_greeting(self.relay.host, self.relay.port),
                          "nothing may listen after a failed start")
        return proc.log()

    def assert_starttls_delivers(self):
        # Python's ssl, verifying the chain against the relay's own
        # (self-signed) certificate; its names are checked by s_client below,
        # as the client here connects to 127.0.0.1, not to a name on it.
        ctx = ssl.create_default_context(cafile=self.cert)
        ctx.check_hostname = False
        marker = "keypass-%s" % uuid.uuid4().hex
        with smtplib.SMTP(self.relay.host, self.relay.port, timeout=15) as client:
            client.ehlo("printer.lan")
            self.assertIn("starttls", client.esmtp_features)
            client.starttls(context=ctx)
            self.assertIn(client.sock.version(), ("TLSv1.2", "TLSv1.3"))
            client.ehlo("printer.lan")
            client.sendmail("scanner@office.test", ["someone@example.test"],
                            "Subject: %s\r\n\r\nover TLS\r\n" % marker)
        self.f.wait_upstream(marker.encode())
        # openssl s_client, the admin's own check.
        out = subprocess.run(["openssl", "s_client", "-starttls", "smtp", "-connect",
                              "%s:%d" % (self.relay.host, self.relay.port),
                              "-CAfile", self.cert, "-verify_hostname", "localhost",
                              "-verify_return_error", "-brief"],
                             input=b"QUIT\r\n", capture_output=True, timeout=30)
        text = (out.stdout + out.stderr).decode(errors="replace")
        self.assertEqual(out.returncode, 0, text)
        self.assertIn("Verification: OK", text)
        self.assert_no_passphrase_anywhere()

    def test_starttls_with_passphrase_from_store(self):
        self.store(PASSPHRASE)
        self.f.start()
        self.assert_starttls_delivers()

    def test_reference_on_the_command_line(self):
        # No configuration file: the unit's ExecStart names key and reference.
        self.relay.extra.remove("--config")
        self.relay.extra.remove(self.ini)
        self.relay.extra += ["--tls-cert", self.cert, "--tls-key", self.key,
                             "--tls-key-passphrase-ref", "local:cli-key"]
        r = self.relay.run_command("secret", "set", "local:cli-key",
                                   stdin=(PASSPHRASE + "\n").encode())
        self.assertEqual(r.returncode, 0, r.stderr.decode(errors="replace"))
        self.f.start()
        self.assert_starttls_delivers()

    def test_passphrase_as_systemd_credential(self):
        # What LoadCredential=tls-key:/etc/... gives the unit: a private
        # directory in CREDENTIALS_DIRECTORY with a 0400 file.
        creds = os.path.join(self.f.tmp.path, "credentials")
        os.mkdir(creds, 0o700)
        path = os.path.join(creds, "tls-key")
        with open(path, "w") as f:
            f.write(PASSPHRASE + "\n")
        os.chmod(path, 0o400)
        with open(self.ini, "w") as f:
            f.write("[tls]\ncert-file = %s\nkey-file = %s\nkey-passphrase-ref = systemd:tls-key\n"
                    % (self.cert, self.key))
        os.environ["CREDENTIALS_DIRECTORY"] = creds
        self.addCleanup(os.environ.pop, "CREDENTIALS_DIRECTORY", None)
        self.f.start()
        self.assert_starttls_delivers()

    def test_systemd_credential_outside_systemd(self):
        with open(self.ini, "w") as f:
            f.write("[tls]\ncert-file = %s\nkey-file = %s\nkey-passphrase-ref = systemd:tls-key\n"
                    % (self.cert, self.key))
        os.environ.pop("CREDENTIALS_DIRECTORY", None)
        log = self.start_fails()
        self.assertIn("(systemd:tls-key)", log)
        self.assertIn("CREDENTIALS_DIRECTORY is not set", log)

    def test_missing_secret_stops_the_start(self):
        log = self.start_fails()
        self.assertIn("TLS key passphrase of listener", log)
        self.assertIn("(local:tls-key)", log)
        self.assert_no_passphrase_anywhere()

    def test_wrong_passphrase_stops_the_start(self):
        self.store(WRONG)
        log = self.start_fails()
        self.assertIn("cannot decrypt %s" % self.key, log)
        self.assertIn("wrong passphrase?", log)
        self.assert_no_passphrase_anywhere()

    def test_encrypted_key_without_reference(self):
        with open(self.ini, "w") as f:
            f.write("[tls]\ncert-file = %s\nkey-file = %s\n" % (self.cert, self.key))
        log = self.start_fails()
        self.assertIn("is encrypted and no passphrase is configured", log)
        self.assertIn("key-passphrase-ref", log)


if __name__ == "__main__":
    relaytest.run_tests()
