"""Helpers shared by the security tests (run with /usr/bin/python3).

Builds on tests/integration/lib/relaytest.py (Daemon, ScriptedUpstream,
SmtpConn). Adds what hostile-client tests need: AUTH payloads, a sender that
keeps writing while watching for the server's reply (endless input), and the
"nothing was relayed" checks against the relay's queue and the upstream.
"""
import base64
import os
import select
import socket
import ssl
import sys
import time

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration", "lib"))
import relaytest  # noqa: E402,F401  (re-exported for the test scripts)
from postfix_upstream import TestCa  # noqa: E402,F401


def plain(user, password):
    return base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()


def b64(text):
    return base64.b64encode(text.encode()).decode()


def start_tls(conn, ca_file):
    """Wraps an SmtpConn's socket after the server's 220 to STARTTLS."""
    ctx = ssl.create_default_context(cafile=ca_file)
    conn.sock = ctx.wrap_socket(conn.sock, server_hostname="localhost")
    conn.buf = b""


def send_until_reply(conn, pieces, limit):
    """Writes pieces (an iterator of bytes) while watching for a reply.

    Stops at the first complete reply line, when the server closes, or after
    limit octets. Reading while writing matters: a server that answers and
    hangs up mid-stream would otherwise reset the connection before the
    client ever read the answer. Returns (code or None, text, octets sent).
    """
    sock = conn.sock
    sent = 0
    pending = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        want_write = sent < limit
        r, w, _ = select.select([sock], [sock] if want_write else [], [], 15)
        if not r and not w:
            break
        if r:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, BrokenPipeError):
                chunk = b""
            if not chunk:
                return (None, conn.buf.decode("latin-1"), sent)
            conn.buf += chunk
            if b"\n" in conn.buf:
                return conn.reply() + (sent,)
        if w and want_write:
            if not pending:
                pending = next(pieces, b"")
                if not pending:
                    limit = sent  # the iterator ran dry
                    continue
            try:
                n = sock.send(pending)
            except (BrokenPipeError, ConnectionResetError):
                limit = sent  # the server hung up; read what it said
                continue
            sent += n
            pending = pending[n:]
    return (None, "no reply after %d octets" % sent, sent)


def repeat(block, total=None):
    """block, again and again (up to total octets when given)."""
    n = 0
    while total is None or n < total:
        yield block
        n += len(block)


class RelayFixture:
    """One recording upstream and one relaydeskd for a test class."""

    def __init__(self, prefix, **daemon_args):
        # CTest registers these tests only with a relaydeskd target: a
        # missing daemon is a broken build, not a reason to skip (a skip in
        # setUpClass would otherwise count as a pass).
        path = os.environ.get("RELAYDESKD", "")
        if not os.access(path, os.X_OK):
            raise AssertionError("RELAYDESKD is not an executable daemon: %r" % path)
        self.tmp = relaytest.TempDir(prefix)
        self.up = None
        self.relay = None
        try:
            self.up = relaytest.ScriptedUpstream(self.tmp.path).start("accept")
            daemon_args.setdefault("smarthost", self.up.address)
            self.relay = relaytest.Daemon(self.tmp.path, **daemon_args)
        except BaseException:
            self.stop()
            raise

    def start(self):
        try:
            self.relay.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self):
        if self.relay and self.relay.process:
            rc = self.relay.stop()
            # 0: clean exit. A sanitizer finding or a crash shows up here.
            if rc not in (0, None):
                print("relaydeskd exited with %s\n%s" % (rc, self.relay.log()), file=sys.stderr)
                self.exit_code = rc
        if self.up:
            self.up.stop()
        self.tmp.cleanup()

    # --- what was accepted and what was relayed --------------------------
    def queued(self, like):
        """Envelopes in the relay's queue whose address matches the LIKE pattern."""
        return self.relay.query("SELECT address FROM recipients WHERE address LIKE ?", (like,))

    def upstream_messages(self, marker=None, rcpt_like=None):
        out = []
        for meta, raw in self.up.messages():
            if marker is not None and marker not in raw:
                continue
            if rcpt_like is not None and not any(rcpt_like in r for r in meta["rcpt_tos"]):
                continue
            out.append((meta, raw))
        return out

    def wait_upstream(self, marker, timeout=60):
        return relaytest.wait_until(lambda: self.upstream_messages(marker), timeout,
                                    "the message marked %r at the upstream" % marker)
