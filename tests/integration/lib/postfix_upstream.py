#!/usr/bin/python3
"""A private Postfix instance as a realistic upstream smarthost (needs root).

Own config_directory, queue_directory and data_directory under a test folder;
`postfix -c ETC start-fg`, nothing chrooted, listening on 127.0.0.1:PORT only.
It demands what a hosted smarthost demands: STARTTLS (encrypt), then SASL AUTH
(Cyrus sasldb, PLAIN/LOGIN) before it relays anything. Everything it accepts
is delivered by virtual(8) into one maildir (static maps), with a
Delivered-To: header per recipient, so the test can read what arrived.

The test CA and the server certificate (CN/SAN localhost + 127.0.0.1 + ::1) are
made with the openssl CLI; the CA is also used to sign the certificate of the
relay's own listener (make_cert).

Manual use:  postfix_upstream.py DIR   (starts it, prints the port, Ctrl-C stops it)
"""
import glob
import os
import pwd
import grp
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import relaytest  # noqa: E402

SASL_USER = "relayuser"
SASL_PASSWORD = "s3cret-upstream-pw"
SASL_REALM = "upstream.test"


def openssl(*args, cwd):
    subprocess.run(["openssl"] + list(args), cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


class TestCa:
    """A throw-away CA and certificates signed by it, made with the openssl CLI."""

    def __init__(self, directory):
        self.dir = directory
        os.makedirs(directory, exist_ok=True)
        self.cert = os.path.join(directory, "ca.pem")
        self.key = os.path.join(directory, "ca.key")
        if not os.path.exists(self.cert):
            openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=RelayDesk Test CA", "-keyout", self.key, "-out", self.cert,
                    "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=directory)

    def make_cert(self, name, cn="localhost"):
        """Returns (cert.pem, key.pem) for CN with SANs localhost/127.0.0.1/::1."""
        key = os.path.join(self.dir, name + ".key")
        csr = os.path.join(self.dir, name + ".csr")
        cert = os.path.join(self.dir, name + ".pem")
        ext = os.path.join(self.dir, name + ".ext")
        with open(ext, "w") as f:
            f.write("subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1,IP:::1\n"
                    "extendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n" % cn)
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=%s" % cn,
                "-keyout", key, "-out", csr, cwd=self.dir)
        openssl("x509", "-req", "-in", csr, "-CA", self.cert, "-CAkey", self.key,
                "-CAcreateserial", "-days", "2", "-extfile", ext, "-out", cert, cwd=self.dir)
        os.chmod(key, 0o600)
        return cert, key


MASTER_CF = """\
# service type  private unpriv  chroot  wakeup  maxproc command
127.0.0.1:{port} inet n  -       n       -       -       smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""

MAIN_CF = """\
compatibility_level = 3.6
queue_directory = {spool}
data_directory = {data}
mail_owner = postfix
setgid_group = postdrop
maillog_file = {log}/maillog
maillog_file_prefixes = {log}
multi_instance_enable = no
myhostname = upstream.test
mydomain = upstream.test
myorigin = $myhostname
mydestination =
local_recipient_maps =
local_transport = error:local delivery is disabled
alias_maps =
alias_database =
relayhost =
biff = no
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
# Nobody is trusted by address: only authenticated clients may send.
mynetworks = 127.0.0.254/32
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
# Every domain is "ours": virtual(8) drops every message into one maildir.
virtual_mailbox_domains = static:all
virtual_mailbox_base = {mail}
virtual_mailbox_maps = static:maildir/
virtual_minimum_uid = 1
virtual_uid_maps = static:{uid}
virtual_gid_maps = static:{gid}
message_size_limit = 52428800
virtual_mailbox_limit = 0
# STARTTLS is mandatory and AUTH is only offered inside TLS.
smtpd_tls_security_level = encrypt
smtpd_tls_cert_file = {cert}
smtpd_tls_key_file = {key}
smtpd_tls_auth_only = yes
smtpd_tls_received_header = yes
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
smtpd_sasl_local_domain = {realm}
cyrus_sasl_config_path = {sasl}
smtpd_sasl_security_options = noanonymous
smtp_tls_security_level = none
"""

SMTPD_CONF = """\
pwcheck_method: auxprop
auxprop_plugin: sasldb
sasldb_path: {db}
mech_list: PLAIN LOGIN
"""


class PostfixUpstream:
    """Start with start(); the maildir's messages with messages(); stop()."""

    def __init__(self, workdir, ca=None, port=None):
        self.root = os.path.join(workdir, "postfix")
        self.ca = ca or TestCa(os.path.join(workdir, "ca"))
        self.port = port or relaytest.free_port()
        self.process = None
        self.etc = os.path.join(self.root, "etc")
        self.spool = os.path.join(self.root, "spool")
        self.data = os.path.join(self.root, "data")
        self.logdir = os.path.join(self.root, "log")
        self.mail = os.path.join(self.root, "mail")
        # Debian's Postfix reads $config_directory/sasl/smtpd.conf; cyrus_sasl_config_path
        # names the same folder so that a non-Debian build finds it too.
        self.sasl = os.path.join(self.etc, "sasl")

    @property
    def address(self):
        return "127.0.0.1:%d" % self.port

    def _configure(self):
        pw = pwd.getpwnam("postfix")
        for d in (self.etc, self.spool, self.data, self.logdir, self.mail, self.sasl):
            os.makedirs(d, exist_ok=True)
        os.chmod(self.root, 0o755)
        os.chown(self.data, pw.pw_uid, pw.pw_gid)
        os.chown(self.mail, pw.pw_uid, pw.pw_gid)
        cert, key = self.ca.make_cert("upstream", "localhost")
        db = os.path.join(self.sasl, "sasldb2")
        subprocess.run(["saslpasswd2", "-f", db, "-c", "-p", "-u", SASL_REALM, SASL_USER],
                       input=SASL_PASSWORD.encode(), check=True)
        # smtpd runs as postfix and opens the sasldb itself (auxprop).
        os.chown(db, 0, grp.getgrnam("postfix").gr_gid)
        os.chmod(db, 0o640)
        with open(os.path.join(self.sasl, "smtpd.conf"), "w") as f:
            f.write(SMTPD_CONF.format(db=db))
        with open(os.path.join(self.etc, "main.cf"), "w") as f:
            f.write(MAIN_CF.format(spool=self.spool, data=self.data, log=self.logdir,
                                   mail=self.mail, uid=pw.pw_uid, gid=pw.pw_gid, cert=cert,
                                   key=key, realm=SASL_REALM, sasl=self.sasl))
        with open(os.path.join(self.etc, "master.cf"), "w") as f:
            f.write(MASTER_CF.format(port=self.port))

    def start(self, timeout=60):
        if os.geteuid() != 0:
            raise relaytest.unittest.SkipTest("a private Postfix instance needs root")
        self._configure()
        self.process = relaytest.Process(["postfix", "-c", self.etc, "start-fg"],
                                         os.path.join(self.root, "postfix-master.log"))

        def ready():
            if not self.process.alive():
                raise AssertionError("postfix exited:\n%s\n%s" % (self.process.log(), self.maillog()))
            return (relaytest.read_greeting("127.0.0.1", self.port) or "").startswith("220")

        relaytest.wait_until(ready, timeout, "Postfix upstream's 220 on %s" % self.address)
        return self

    def stop(self):
        if not self.process:
            return
        # start-fg's master may outlive the postfix wrapper (it is reparented),
        # so stop the master by the PID it recorded, then its whole session.
        pid_file = os.path.join(self.spool, "pid", "master.pid")
        try:
            with open(pid_file) as f:
                master = int(f.read().strip())
            os.kill(master, signal.SIGTERM)
            relaytest.wait_until(lambda: not os.path.exists("/proc/%d" % master), 30,
                                 "the Postfix master to exit")
        except (OSError, ValueError):
            pass
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except OSError:
            pass
        self.process.stop(signal.SIGTERM, 30)
        self.process = None

    def maillog(self):
        try:
            with open(os.path.join(self.logdir, "maillog"), errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def messages(self):
        """Raw bytes of every delivered message (maildir new/ and cur/), oldest first."""
        files = glob.glob(os.path.join(self.mail, "maildir", "new", "*"))
        files += glob.glob(os.path.join(self.mail, "maildir", "cur", "*"))
        files.sort(key=lambda p: (os.stat(p).st_mtime, p))
        out = []
        for p in files:
            with open(p, "rb") as f:
                out.append(f.read())
        return out

    def parsed(self):
        return [relaytest.parse_message(m) for m in self.messages()]


def main():
    workdir = sys.argv[1] if len(sys.argv) > 1 else relaytest.TempDir("postfix").path
    pf = PostfixUpstream(workdir).start()
    print("postfix upstream on %s (CA %s, user %s / %s)" % (pf.address, pf.ca.cert, SASL_USER,
                                                             SASL_PASSWORD), flush=True)
    try:
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
    finally:
        pf.stop()


if __name__ == "__main__":
    main()
