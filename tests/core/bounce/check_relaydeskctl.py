#!/usr/bin/python3
"""relaydeskctl classify / classify-eml / classify-reply on data/classifier.

The tool never sees the expected answers (the one `expected` field in
cases.jsonl is deliberately wrong, to prove the tool ignores it); this
script compares the output lines."""
import json
import os
import subprocess
import sys

CTL = os.environ["RELAYDESKCTL"]
DATA = os.environ["RELAYDESK_CLASSIFIER_DATA"]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(*args):
    return subprocess.run([CTL, *args], capture_output=True, text=True, timeout=30)


# classify on the JSONL: good lines answered, bad lines reported by number.
result = run("classify", os.path.join(DATA, "cases.jsonl"))
check(result.returncode == 1, f"classify exit {result.returncode}, want 1 (bad lines)")
lines = [json.loads(line) for line in result.stdout.splitlines()]
got = {line["id"]: line for line in lines}
for line in lines:
    check(set(line) == {"id", "reason", "hard", "status"}, f"fields of {line}")
want = {
    "reply-708": ("blocked", False, "5.7.708"),
    "reply-139": ("authfailure", False, "5.7.139"),
    "reply-qmail": ("userunknown", True, "5.1.1"),
    "eml-dsn-1": ("userunknown", True, "5.1.1"),
    "eml-dsn-2": ("mailboxfull", False, "5.2.2"),
    "eml-arf": ("feedback", False, ""),
    "eml-vacation": ("vacation", False, ""),
    7: ("hostunknown", True, "5.1.2"),
}
for key, (reason, hard, status) in want.items():
    line = got.get(key)
    check(line is not None, f"no output for {key!r}")
    if line:
        check((line["reason"], line["hard"], line["status"]) == (reason, hard, status),
              f"{key!r}: got {line}, want {(reason, hard, status)}")
check(len(lines) == len(want), f"{len(lines)} output lines, want {len(want)}")
check("cases.jsonl:6:" in result.stderr and "not a JSON object" in result.stderr,
      f"bad JSON line not reported: {result.stderr!r}")
check("cases.jsonl:7:" in result.stderr and "no-such-file.eml" in result.stderr,
      f"missing file not reported: {result.stderr!r}")
check("cases.jsonl:8:" in result.stderr, f"text+file line not reported: {result.stderr!r}")

# classify-eml: one line per recipient with the explanation.
result = run("classify-eml", os.path.join(DATA, "qmail.eml"))
check(result.returncode == 0, f"classify-eml exit {result.returncode}")
eml = [json.loads(line) for line in result.stdout.splitlines()]
check([e["recipient"] for e in eml] == ["dave@example.org", "erin@nowhere.example"],
      f"classify-eml recipients {eml}")
check(all(e["title"] and e["fix"] for e in eml), "classify-eml without title/fix")

# classify-reply with a provider host: the provider-specific fix.
result = run("classify-reply", "--host", "smtp.office365.com:587",
             "535 5.7.139 Authentication unsuccessful, basic authentication is disabled")
check(result.returncode == 0, f"classify-reply exit {result.returncode}")
reply = json.loads(result.stdout)
check(reply["reason"] == "authfailure" and reply["provider"] == "microsoft365",
      f"classify-reply {reply}")
check("OAuth2" in reply["fix"], f"no provider fix: {reply['fix']}")

# Errors: missing file, no arguments, unknown command; --help works.
result = run("classify", os.path.join(DATA, "does-not-exist.jsonl"))
check(result.returncode == 1 and "cannot open" in result.stderr, f"missing file: {result}")
check(run().returncode == 2, "no arguments should be a usage error")
check(run("frobnicate").returncode == 2, "unknown command should be a usage error")
check(run("classify-reply").returncode == 2, "classify-reply without text")
result = run("--help")
check(result.returncode == 0 and "classify FILE.jsonl" in result.stdout, "--help")

for failure in failures:
    print("FAIL:", failure)
print(f"{'FAILED' if failures else 'OK'}: relaydeskctl classify checks")
sys.exit(1 if failures else 0)
