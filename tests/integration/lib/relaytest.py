"""Shared helpers for RelayDesk's integration tests (run with /usr/bin/python3).

Everything here starts real processes on loopback only and stops them by PID:
the daemon under test (env RELAYDESKD), the scripted aiosmtpd upstream and
small SMTP clients. Nothing here sleeps to synchronise: waits poll a condition
with a deadline (wait_until) and fail with a message saying what was awaited.
"""
import email
import email.policy
import glob
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

LIB = os.path.dirname(os.path.abspath(__file__))
PYTHON = os.environ.get("PYTHON", "/usr/bin/python3")
KEEP = os.environ.get("RELAYDESK_KEEP_TEST_DIRS") == "1"


def relaydeskd_path():
    path = os.environ.get("RELAYDESKD", "")
    if not path or not os.access(path, os.X_OK):
        raise unittest.SkipTest("RELAYDESKD is not set to an executable daemon (%r)" % path)
    return path


def free_port(host="127.0.0.1"):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout, what, interval=0.05):
    """Polls predicate() until it returns a truthy value; fails after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %.0f s waiting for %s" % (timeout, what))
        time.sleep(interval)


def read_greeting(host, port, timeout=2.0):
    """The first reply line of an SMTP server, or None when it is not up."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect((host, port))
            data = b""
            while b"\n" not in data:
                chunk = s.recv(1024)
                if not chunk:
                    return None
                data += chunk
            try:
                s.sendall(b"QUIT\r\n")
            except OSError:
                pass
            return data.decode("latin-1").strip()
    except OSError:
        return None


class TempDir:
    """A fresh working folder per test; removed unless RELAYDESK_KEEP_TEST_DIRS=1."""

    def __init__(self, prefix):
        base = os.environ.get("RELAYDESK_TEST_TMP") or None
        self.path = tempfile.mkdtemp(prefix="relaydesk-%s-" % prefix, dir=base)
        os.chmod(self.path, 0o755)  # Postfix's unprivileged processes walk into it

    def sub(self, *parts):
        p = os.path.join(self.path, *parts)
        os.makedirs(p, exist_ok=True)
        return p

    def cleanup(self):
        if KEEP:
            print("kept test folder %s" % self.path, file=sys.stderr)
        else:
            shutil.rmtree(self.path, ignore_errors=True)


class Process:
    """A child process in its own session, with its output in a log file."""

    def __init__(self, argv, log_path, stdin=None, env=None, cwd=None):
        self.argv = argv
        self.log_path = log_path
        self._log = open(log_path, "ab")
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                     stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True, env=env, cwd=cwd)
        if stdin is not None:
            self.proc.stdin.write(stdin)
            self.proc.stdin.close()

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def send_signal(self, sig):
        if self.alive():
            os.kill(self.proc.pid, sig)

    def stop(self, sig=signal.SIGTERM, timeout=20):
        """Signals the process, waits, SIGKILLs it after timeout. Returns the exit code."""
        if self.alive():
            os.kill(self.proc.pid, sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._log.close()
        return self.proc.returncode

    def kill9(self):
        if self.alive():
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._log.close()

    def log(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""


_help_cache = {}


def supports_option(binary, option):
    """True when `binary --help` documents option."""
    if binary not in _help_cache:
        r = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=30)
        _help_cache[binary] = r.stdout + r.stderr
    return option in _help_cache[binary]


class Daemon:
    """relaydeskd on loopback with a fresh (or given) data directory.

    listen: list of "ADDR:PORT" strings (default one free port on 127.0.0.1).
    """

    def __init__(self, workdir, name="relaydeskd", data_dir=None, listen=None, allow=None,
                 smarthost=None, smarthost_tls="none", extra=None, hostname="relay.test",
                 retry_schedule="1s,1s,2s", smarthost_ca=None):
        self.binary = relaydeskd_path()
        self.workdir = workdir
        self.name = name
        self.data_dir = data_dir or os.path.join(workdir, name + "-data")
        os.makedirs(self.data_dir, exist_ok=True)
        if listen is None:
            listen = ["127.0.0.1:%d" % free_port()]
        self.listen = listen
        self.allow = ["127.0.0.0/8"] if allow is None else allow
        self.smarthost = smarthost
        self.smarthost_tls = smarthost_tls
        self.extra = list(extra or [])
        self.hostname = hostname
        self.retry_schedule = retry_schedule
        self.smarthost_ca = smarthost_ca
        self.process = None
        self.starts = 0

    @property
    def host(self):
        return self.listen[0].rpartition(":")[0].strip("[]")

    @property
    def port(self):
        return int(self.listen[0].rpartition(":")[2])

    def argv(self):
        a = [self.binary, "--data-dir", self.data_dir, "--hostname", self.hostname]
        for l in self.listen:
            a += ["--listen", l]
        for n in self.allow:
            a += ["--allow", n]
        if self.smarthost:
            a += ["--smarthost", self.smarthost, "--smarthost-tls", self.smarthost_tls]
        # Prefer the command line; a daemon without these flags gets the same
        # settings through a configuration file.
        ini = []
        if self.retry_schedule:
            if supports_option(self.binary, "--retry-schedule"):
                a += ["--retry-schedule", self.retry_schedule]
            else:
                ini += ["[retry]", 'schedule = "%s"' % self.retry_schedule]
        if self.smarthost_ca:
            if supports_option(self.binary, "--smarthost-ca"):
                a += ["--smarthost-ca", self.smarthost_ca]
            else:
                ini += ["[smarthost]", "ca-file = %s" % self.smarthost_ca]
        if ini:
            path = os.path.join(self.workdir, self.name + ".ini")
            with open(path, "w") as f:
                f.write("\n".join(ini) + "\n")
            a += ["--config", path]
        return a + self.extra

    def start(self, timeout=30):
        self.starts += 1
        log = os.path.join(self.workdir, "%s.%d.log" % (self.name, self.starts))
        self.process = Process(self.argv(), log)

        def ready():
            if not self.process.alive():
                raise AssertionError("relaydeskd exited with %s before answering 220:\n%s"
                                     % (self.process.proc.returncode, self.process.log()))
            return all((read_greeting(h.strip("[]"), int(p)) or "").startswith("220")
                       for h, _, p in (l.rpartition(":") for l in self.listen))

        wait_until(ready, timeout, "relaydeskd's 220 greeting on %s" % ", ".join(self.listen))
        return self

    def stop(self, sig=signal.SIGTERM, timeout=30):
        return self.process.stop(sig, timeout) if self.process else None

    def kill9(self):
        if self.process:
            self.process.kill9()

    def alive(self):
        return self.process is not None and self.process.alive()

    def log(self):
        out = []
        for i in range(1, self.starts + 1):
            p = os.path.join(self.workdir, "%s.%d.log" % (self.name, i))
            if os.path.exists(p):
                with open(p, "rb") as f:
                    out.append("--- %s start %d ---\n%s" % (self.name, i, f.read().decode("utf-8", "replace")))
        return "\n".join(out)

    def run_command(self, *args, stdin=None, timeout=60):
        """Runs a one-shot subcommand (e.g. user add NAME) on the same data dir."""
        return subprocess.run([self.binary, "--data-dir", self.data_dir] + list(args),
                              input=stdin, capture_output=True, timeout=timeout)

    def user_add(self, name, password):
        r = self.run_command("user", "add", name, stdin=(password + "\n").encode())
        if r.returncode != 0:
            raise AssertionError("user add %s failed (%d): %s" % (name, r.returncode,
                                                                   r.stderr.decode(errors="replace")))

    # --- the queue database, read with the sqlite3 module -------------------
    def db(self):
        path = os.path.join(self.data_dir, "queue.db")
        con = sqlite3.connect(path, timeout=30)
        con.row_factory = sqlite3.Row
        return con

    def query(self, sql, params=()):
        con = self.db()
        try:
            return [dict(r) for r in con.execute(sql, params).fetchall()]
        finally:
            con.close()

    def recipient_states(self):
        """{address: [state, ...]} over every envelope in the queue."""
        out = {}
        for r in self.query("SELECT address, state FROM recipients ORDER BY id"):
            out.setdefault(r["address"], []).append(r["state"])
        return out

    def messages_count(self):
        return self.query("SELECT COUNT(*) AS n FROM messages")[0]["n"]


QUEUED, IN_FLIGHT, DEFERRED, DELIVERED, FAILED, HELD = range(6)


class ScriptedUpstream:
    """The aiosmtpd upstream (lib/scripted_upstream.py) in its own process."""

    def __init__(self, workdir, port=None, host="127.0.0.1"):
        self.workdir = workdir
        self.host = host
        self.port = port or free_port(host)
        self.outdir = os.path.join(workdir, "upstream-out")
        self.process = None
        self.starts = 0

    @property
    def address(self):
        return "%s:%d" % (self.host, self.port)

    def start(self, mode="accept", count=1, reject="", timeout=30):
        self.starts += 1
        log = os.path.join(self.workdir, "upstream.%d.log" % self.starts)
        argv = [PYTHON, os.path.join(LIB, "scripted_upstream.py"), "--listen", self.address,
                "--outdir", self.outdir, "--mode", mode, "--count", str(count)]
        if reject:
            argv += ["--reject", reject]
        self.process = Process(argv, log)
        wait_until(lambda: self._ready(), timeout, "scripted upstream (%s) to listen" % mode)
        return self

    def _ready(self):
        if not self.process.alive():
            raise AssertionError("scripted upstream exited:\n%s" % self.process.log())
        return "READY" in self.process.log()

    def stop(self):
        if self.process:
            self.process.stop(signal.SIGTERM, 10)
            self.process = None

    def kill(self):
        """Ends it abruptly: open connections are reset (used to end a hang)."""
        if self.process:
            self.process.kill9()
            self.process = None

    def messages(self):
        """[(meta dict, content bytes)] of everything accepted so far, in order."""
        out = []
        for meta_path in sorted(glob.glob(os.path.join(self.outdir, "*.json"))):
            with open(meta_path) as f:
                meta = json.load(f)
            with open(meta_path[:-5] + ".eml", "rb") as f:
                out.append((meta, f.read()))
        return out

    def events(self, kind=None):
        path = os.path.join(self.outdir, "events.jsonl")
        if not os.path.exists(path):
            return []
        with open(path) as f:
            ev = [json.loads(l) for l in f if l.strip()]
        return [e for e in ev if kind is None or e["kind"] == kind]


def parse_message(raw):
    return email.message_from_bytes(raw, policy=email.policy.compat32)


class SmtpConn:
    """A raw SMTP client socket: exact bytes out, whole replies back.

    Used for the negative tests, where smtplib would refuse to send what we
    need to send (bare LFs, overlong lines, pipelining before STARTTLS).
    """

    def __init__(self, host, port, source=None, timeout=15):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        if source:
            self.sock.bind((source, 0))
        self.sock.connect((host, port))
        self.buf = b""
        self.greeting = self.reply()

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.sock.sendall(data)

    def reply(self):
        """(code, full text) of the next reply; (None, text) when the server closed."""
        lines = []
        while True:
            while b"\n" not in self.buf:
                try:
                    chunk = self.sock.recv(65536)
                except (ConnectionResetError, socket.timeout):
                    chunk = b""
                if not chunk:
                    return (None, b"".join(lines).decode("latin-1") + self.buf.decode("latin-1"))
                self.buf += chunk
            line, self.buf = self.buf.split(b"\n", 1)
            lines.append(line + b"\n")
            if len(line) < 4 or line[3:4] != b"-":
                text = b"".join(lines).decode("latin-1")
                try:
                    return (int(line[:3]), text)
                except ValueError:
                    return (None, text)

    def cmd(self, line):
        self.send(line + "\r\n")
        return self.reply()

    def closed_by_peer(self, timeout=15):
        """True when the server closes the connection within timeout."""
        self.sock.settimeout(timeout)
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return True
        except ConnectionResetError:
            return True
        except socket.timeout:
            return False

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def run_tests():
    """unittest.main() that exits 77 (CTest SKIP_RETURN_CODE) when every test skipped."""
    prog = unittest.main(exit=False, verbosity=2)
    r = prog.result
    if not r.wasSuccessful():
        sys.exit(1)
    if r.testsRun and len(r.skipped) == r.testsRun:
        sys.exit(77)
    sys.exit(0)
