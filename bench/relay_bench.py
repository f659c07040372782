#!/usr/bin/python3
"""relay-bench: relaydeskd next to Postfix, same load, same machine, one run.

    smtp-source --(S sessions, N msgs of SIZE)--> relay 127.0.0.1:PORT --> smtp-sink 127.0.0.1:SINKPORT

For each workload and each relay (a private Postfix instance with default
durability, relayhost = the sink; and relaydeskd --smarthost the sink,
--smarthost-tls none) it measures
  intake msgs/s   N / seconds until smtp-source had every message accepted
  e2e msgs/s      N / seconds until smtp-sink had counted all N (its -c counter)
  peak RSS        highest sum of VmRSS over all the relay's processes (0.5 s samples)
  peak PSS        the same with Pss (shared pages split between sharers; every 2 s)
  relay CPU       CPU seconds the relay used from the start of the load until the end
and prints them side by side with the ratio ours/Postfix (medians over --reps).
Everything listens on 127.0.0.1 only; everything started is stopped by PID.
Needs root for the private Postfix instance (and smtp-sink -u nobody).
Standard library only. See docs/benchmarks.md.
"""
import argparse
import json
import os
import pwd
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SMTP_SINK = shutil.which("smtp-sink") or "/usr/sbin/smtp-sink"
SMTP_SOURCE = shutil.which("smtp-source") or "/usr/sbin/smtp-source"
POSTFIX = shutil.which("postfix") or "/usr/sbin/postfix"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(msg):
    print("[relay-bench %s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def greeting(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.settimeout(5)
            data = b""
            while b"\n" not in data:
                chunk = s.recv(1024)
                if not chunk:
                    return ""
                data += chunk
            s.sendall(b"QUIT\r\n")
            return data.decode("latin-1")
    except OSError:
        return ""


# --- processes ---------------------------------------------------------------

def proc_stat(pid):
    """(sid, cpu ticks incl. reaped children, rss KiB) of a process, or None."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] == "Z":  # exited, not yet reaped: holds no memory
            return None
        sid = int(fields[3])
        ticks = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        rss = 0
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                    break
        return sid, ticks, rss
    except (OSError, ValueError, IndexError):
        return None


def pss_kib(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def processes_in_sessions(sids):
    out = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = proc_stat(int(name))
            if st and st[0] in sids:
                out[int(name)] = st
    return out


class Relay:
    """A relay under test, started in its own session; its processes are those
    of that session plus the session of the pid in pid_file (Postfix's master
    may start a session of its own)."""

    def __init__(self, name, argv, workdir, pid_file=None):
        self.name, self.argv, self.workdir, self.pid_file = name, argv, workdir, pid_file
        self.log_path = os.path.join(workdir, name + ".log")
        self.proc = None

    def start(self, port, timeout):
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(self.argv, stdout=self._log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while not greeting(port).startswith("220"):
            if self.proc.poll() is not None:
                raise RuntimeError("%s exited with %s, see %s" % (self.name, self.proc.returncode,
                                                                 self.log_path))
            if time.monotonic() > deadline:
                raise RuntimeError("%s did not greet with 220 within %d s" % (self.name, timeout))
            time.sleep(0.2)

    def master_pid(self):
        if not self.pid_file:
            return None
        try:
            with open(self.pid_file) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def sessions(self):
        sids = {self.proc.pid}
        mp = self.master_pid()
        if mp:
            st = proc_stat(mp)
            if st:
                sids.add(st[0])
        return sids

    def sample(self, with_pss=False):
        """(rss KiB sum, cpu ticks sum, number of processes, pss KiB sum or None)."""
        procs = processes_in_sessions(self.sessions())
        pss = sum(pss_kib(pid) for pid in procs) if with_pss else None
        return (sum(p[2] for p in procs.values()), sum(p[1] for p in procs.values()), len(procs), pss)

    def stop(self):
        sids = self.sessions()
        targets = [p for p in (self.master_pid(), self.proc.pid) if p]
        for pid in targets:
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
        deadline = time.monotonic() + 20
        while processes_in_sessions(sids) and time.monotonic() < deadline:
            self.proc.poll()
            time.sleep(0.2)
        for pid in processes_in_sessions(sids):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            pass
        self._log.close()


def postfix_relay(workdir, port, sinkport):
    """A private Postfix with the Debian defaults for durability, relaying to the sink."""
    etc, spool, data, logd = (os.path.join(workdir, d) for d in ("etc", "spool", "data", "log"))
    for d in (etc, spool, data, logd):
        os.makedirs(d, exist_ok=True)
    pw = pwd.getpwnam("postfix")
    os.chown(data, pw.pw_uid, pw.pw_gid)
    with open(os.path.join(etc, "main.cf"), "w") as f:
        f.write("""compatibility_level = 3.6
queue_directory = {spool}
data_directory = {data}
mail_owner = postfix
setgid_group = postdrop
maillog_file = {log}/maillog
maillog_file_prefixes = {log}
multi_instance_enable = no
myhostname = postfix.bench.test
mydomain = bench.test
myorigin = $myhostname
mydestination =
local_recipient_maps =
local_transport = error:local delivery is disabled
alias_maps =
alias_database =
biff = no
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
relayhost = [127.0.0.1]:{sink}
smtp_tls_security_level = none
smtpd_tls_security_level = none
""".format(spool=spool, data=data, log=logd, sink=sinkport))
    services = [("127.0.0.1:%d" % port, "inet", "n", "-", "-", "smtpd"),
                ("pickup", "unix", "n", "60", "1", "pickup"), ("cleanup", "unix", "n", "-", "0", "cleanup"),
                ("qmgr", "unix", "n", "300", "1", "qmgr"), ("rewrite", "unix", "-", "-", "-", "trivial-rewrite"),
                ("bounce", "unix", "-", "-", "0", "bounce"), ("defer", "unix", "-", "-", "0", "bounce"),
                ("trace", "unix", "-", "-", "0", "bounce"), ("verify", "unix", "-", "-", "1", "verify"),
                ("flush", "unix", "n", "1000?", "0", "flush"), ("proxymap", "unix", "-", "-", "-", "proxymap"),
                ("proxywrite", "unix", "-", "-", "1", "proxymap"), ("smtp", "unix", "-", "-", "-", "smtp"),
                ("relay", "unix", "-", "-", "-", "smtp"), ("showq", "unix", "n", "-", "-", "showq"),
                ("error", "unix", "-", "-", "-", "error"), ("retry", "unix", "-", "-", "-", "error"),
                ("discard", "unix", "-", "-", "-", "discard"), ("anvil", "unix", "-", "-", "1", "anvil"),
                ("scache", "unix", "-", "-", "1", "scache"), ("postlog", "unix-dgram", "n", "-", "1", "postlogd")]
    with open(os.path.join(etc, "master.cf"), "w") as f:
        for name, typ, private, wakeup, maxproc, cmd in services:
            # unpriv "-" and chroot "n": no chroot, so no copies of /etc files needed
            f.write("%-16s %-10s %s - n %s %s %s\n" % (name, typ, private, wakeup, maxproc, cmd))
    return Relay("postfix", [POSTFIX, "-c", etc, "start-fg"], workdir,
                 pid_file=os.path.join(spool, "pid", "master.pid"))


def relaydesk_relay(binary, workdir, port, sinkport, extra):
    data = os.path.join(workdir, "data")
    os.makedirs(data, exist_ok=True)
    argv = [binary, "--data-dir", data, "--listen", "127.0.0.1:%d" % port, "--allow", "127.0.0.0/8",
            "--smarthost", "127.0.0.1:%d" % sinkport, "--smarthost-tls", "none",
            "--hostname", "relaydesk.bench.test"] + extra
    return Relay("relaydeskd", argv, workdir)


# --- the sink and its counter -------------------------------------------------

class Sink:
    """smtp-sink -c: its running "mesg=" counter is the end-to-end clock."""

    def __init__(self, port):
        argv = [SMTP_SINK, "-c"]
        if os.geteuid() == 0:
            argv += ["-u", "nobody"]
        argv += ["127.0.0.1:%d" % port, "1024"]
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        self.count = 0
        self.changed = time.monotonic()
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + 10
        while not greeting(port).startswith("220"):
            if time.monotonic() > deadline:
                raise RuntimeError("smtp-sink did not start")
            time.sleep(0.1)

    def _read(self):
        buf = b""
        while True:
            chunk = self.proc.stdout.read1(4096)
            if not chunk:
                return
            buf += chunk
            *records, buf = buf.replace(b"\n", b"\r").split(b"\r")
            for r in records:
                for field in r.split():
                    if field.startswith(b"mesg="):
                        with self.cond:
                            self.count = int(field[5:])
                            self.changed = time.monotonic()
                            self.cond.notify_all()

    def wait_for(self, target, timeout, stall):
        deadline = time.monotonic() + timeout
        with self.cond:
            while self.count < target:
                now = time.monotonic()
                if now > deadline or now - self.changed > stall:
                    return False
                self.cond.wait(0.5)
        return True

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# --- one run -----------------------------------------------------------------

def run_one(args, relay_name, n, size, rep):
    workdir = os.path.join(args.workdir, "%s-%dx%d-rep%d" % (relay_name, n, size, rep))
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    os.chmod(workdir, 0o755)
    port, sinkport = free_port(), free_port()
    sink = Sink(sinkport)
    if relay_name == "postfix":
        relay = postfix_relay(workdir, port, sinkport)
    else:
        relay = relaydesk_relay(args.relaydeskd, workdir, port, sinkport, args.relaydeskd_arg)
    result = {"relay": relay_name, "messages": n, "size": size, "sessions": args.sessions, "rep": rep,
              "loadavg_before": os.getloadavg()[0]}
    try:
        relay.start(port, args.start_timeout)
        time.sleep(args.settle)  # let the relay go idle before the clock starts
        result["idle_rss_kib"] = relay.sample()[0]
        base = sink.count
        peak = {"rss": 0, "nproc": 0, "pss": 0}
        stop_sampling = threading.Event()
        cpu0 = relay.sample()[1]

        def sampler():
            i = 0
            while not stop_sampling.is_set():
                # PSS (shared pages split between sharers) costs more to read:
                # every 4th sample.
                rss, _, nproc, pss = relay.sample(with_pss=(i % 4 == 0))
                i += 1
                peak["rss"] = max(peak["rss"], rss)
                peak["nproc"] = max(peak["nproc"], nproc)
                peak["pss"] = max(peak["pss"], pss or 0)
                stop_sampling.wait(args.sample_interval)
        t = threading.Thread(target=sampler, daemon=True)
        t.start()
        source = [SMTP_SOURCE, "-s", str(args.sessions), "-m", str(n), "-l", str(size), "-d",
                  "-M", "client.bench.test", "-f", "sender@client.bench.test",
                  "-t", "rcpt@dest.bench.test", "127.0.0.1:%d" % port]
        start = time.monotonic()
        src = subprocess.run(source, capture_output=True, text=True)
        intake = time.monotonic() - start
        if src.returncode != 0:
            raise RuntimeError("smtp-source failed (%d): %s" % (src.returncode, src.stderr[-2000:]))
        drain = max(args.drain_timeout, 30 * intake)
        ok = sink.wait_for(base + n, drain, args.stall)
        e2e = time.monotonic() - start
        cpu1 = relay.sample()[1]
        stop_sampling.set()
        t.join()
        if not ok:
            raise RuntimeError("the sink counted %d of %d messages (see %s)"
                               % (sink.count - base, n, relay.log_path))
        result.update(intake_s=intake, e2e_s=e2e, intake_msgs_s=n / intake, e2e_msgs_s=n / e2e,
                      peak_rss_kib=peak["rss"], peak_pss_kib=peak["pss"], peak_nproc=peak["nproc"],
                      relay_cpu_s=(cpu1 - cpu0) / CLK_TCK)
        log("%-10s %6d x %6d B: intake %8.1f msg/s, e2e %8.1f msg/s, peak RSS %7.1f MiB, %d procs"
            % (relay_name, n, size, result["intake_msgs_s"], result["e2e_msgs_s"],
               peak["rss"] / 1024, peak["nproc"]))
    finally:
        relay.stop()
        sink.stop()
        if not args.keep:
            for d in ("spool", "data"):
                shutil.rmtree(os.path.join(workdir, d), ignore_errors=True)
    return result


# --- the report ---------------------------------------------------------------

def fmt_stat(values, scale=1.0, digits=1):
    values = [v * scale for v in values]
    med = statistics.median(values)
    if len(values) == 1:
        return "%.*f" % (digits, med)
    return "%.*f (%.*f-%.*f)" % (digits, med, digits, min(values), digits, max(values))


def report(results, relays):
    lines = []
    workloads = sorted({(r["messages"], r["size"]) for r in results}, key=lambda w: w[1])
    metrics = [("intake msgs/s", "intake_msgs_s", 1.0, 1), ("end-to-end msgs/s", "e2e_msgs_s", 1.0, 1),
               ("peak RSS MiB (sum)", "peak_rss_kib", 1 / 1024, 1),
               ("peak PSS MiB (sum)", "peak_pss_kib", 1 / 1024, 1),
               ("max processes", "peak_nproc", 1.0, 0), ("relay CPU s", "relay_cpu_s", 1.0, 2)]
    header = ["workload", "figure"] + relays + (["ours/Postfix"] if len(relays) == 2 else [])
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for n, size in workloads:
        for label, key, scale, digits in metrics:
            row = ["%d x %s" % (n, ("%d KiB" % (size // 1024)) if size >= 1024 else "%d B" % size), label]
            meds = []
            for relay in relays:
                vals = [r[key] for r in results if r["relay"] == relay and (r["messages"], r["size"]) == (n, size)
                        and key in r]
                row.append(fmt_stat(vals, scale, digits) if vals else "-")
                meds.append(statistics.median(vals) if vals else None)
            if len(relays) == 2:
                row.append("%.2f" % (meds[1] / meds[0]) if meds[0] and meds[1] is not None else "-")
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def parse_workloads(text):
    out = []
    for w in text.split(","):
        n, _, size = w.partition("x")
        mult = 1
        if size.lower().endswith("k"):
            size, mult = size[:-1], 1024
        out.append((int(n), int(size) * mult))
    return out


def main():
    p = argparse.ArgumentParser(description="relaydeskd vs Postfix on loopback (see docs/benchmarks.md)")
    p.add_argument("--relaydeskd", default=os.path.join(REPO, "build", "app", "daemon", "relaydeskd"),
                   help="the daemon to measure (default: build/app/daemon/relaydeskd)")
    p.add_argument("--relaydeskd-arg", action="append", default=[],
                   help="extra argument for relaydeskd (repeatable)")
    p.add_argument("--relays", default="postfix,relaydeskd",
                   help="which relays, in order (default postfix,relaydeskd)")
    p.add_argument("--workloads", default="20000x1k,2000x100k",
                   help="comma separated MESSAGESxSIZE (default 20000x1k,2000x100k)")
    p.add_argument("--sessions", type=int, default=20, help="parallel smtp-source sessions (20)")
    p.add_argument("--reps", type=int, default=1, help="repetitions; medians (min-max) are reported")
    p.add_argument("--workdir", default=None, help="queues and logs (default: a new folder in /var/tmp)")
    p.add_argument("--keep", action="store_true", help="keep the queues after each run")
    p.add_argument("--json", help="append one JSON line per run to this file")
    p.add_argument("--start-timeout", type=float, default=60)
    p.add_argument("--settle", type=float, default=2)
    p.add_argument("--drain-timeout", type=float, default=120)
    p.add_argument("--stall", type=float, default=60, help="give up when the sink count stalls this long")
    p.add_argument("--sample-interval", type=float, default=0.5)
    args = p.parse_args()

    relays = [r.strip() for r in args.relays.split(",") if r.strip()]
    for r in relays:
        if r not in ("postfix", "relaydeskd"):
            p.error("unknown relay %r (postfix, relaydeskd)" % r)
    if "relaydeskd" in relays and not os.access(args.relaydeskd, os.X_OK):
        p.error("%s is not an executable relaydeskd (use --relaydeskd PATH)" % args.relaydeskd)
    if "postfix" in relays and os.geteuid() != 0:
        p.error("a private Postfix instance needs root")
    for tool in (SMTP_SINK, SMTP_SOURCE):
        if not os.access(tool, os.X_OK):
            p.error("%s missing (Debian package postfix)" % tool)
    args.workdir = args.workdir or tempfile.mkdtemp(prefix="relay-bench-", dir="/var/tmp")
    os.makedirs(args.workdir, exist_ok=True)
    os.chmod(args.workdir, 0o755)
    log("work folder %s" % args.workdir)

    results = []
    failures = 0
    for rep in range(1, args.reps + 1):
        for n, size in parse_workloads(args.workloads):
            # Interleave the relays within each repetition so drifts hit both.
            for relay in relays:
                try:
                    r = run_one(args, relay, n, size, rep)
                except RuntimeError as e:
                    failures += 1
                    log("%s %dx%d rep %d FAILED: %s" % (relay, n, size, rep, e))
                    r = {"relay": relay, "messages": n, "size": size, "rep": rep, "error": str(e)}
                results.append(r)
                if args.json:
                    with open(args.json, "a") as f:
                        f.write(json.dumps(r) + "\n")
    print()
    print("relay-bench: %d sessions, %d repetition(s), %d CPUs, Postfix %s" % (
        args.sessions, args.reps, os.cpu_count(),
        subprocess.run(["postconf", "-dh", "mail_version"], capture_output=True, text=True).stdout.strip()))
    print(report([r for r in results if "error" not in r], relays))
    if failures:
        print("\n%d run(s) failed; see the log above" % failures)
    if not args.keep:
        shutil.rmtree(args.workdir, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
