#!/usr/bin/python3
"""Validates RelayDesk's DSNs with an independent parser: Python's email
package must see a multipart/report (report-type=delivery-status) with the
three parts of RFC 3464 and the delivery-status fields we meant to write.

Usage: check_dsn_with_python.py PATH/TO/dsn_sample_writer
Runs with Debian's /usr/bin/python3 (standard library only)."""

import email
import email.policy
import json
import subprocess
import sys
import tempfile
from pathlib import Path

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def unfold(value):
    return " ".join(str(value).split())


def main():
    writer = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="relaydesk-dsn-") as tmp:
        subprocess.run([writer, tmp], check=True)
        manifest = json.loads(Path(tmp, "manifest.json").read_text())
        check(len(manifest) >= 6, "the writer produced too few samples")
        for sample in manifest:
            raw = Path(tmp, sample["file"]).read_bytes()
            name = sample["file"]
            check(b"\n" not in raw.replace(b"\r\n", b""), f"{name}: bare LF")
            check(all(len(line) <= 998 for line in raw.split(b"\r\n")), f"{name}: line > 998")
            if not sample["eight_bit"]:
                check(all(b < 0x80 for b in raw), f"{name}: 8-bit octets but eight_bit is false")
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            check(not msg.defects, f"{name}: defects {msg.defects}")
            check(msg.get_content_type() == "multipart/report", f"{name}: not multipart/report")
            check(msg.get_param("report-type") == "delivery-status", f"{name}: report-type")
            check(unfold(msg["Subject"]) == sample["subject"], f"{name}: Subject")
            check(unfold(msg["To"]) == sample["to"].strip("<>"), f"{name}: To {msg['To']}")
            check(msg["From"].addresses[0].username == "MAILER-DAEMON", f"{name}: From")
            check(str(msg["Auto-Submitted"]) == "auto-replied", f"{name}: Auto-Submitted")
            check(str(msg["Message-ID"]) == sample["message_id"], f"{name}: Message-ID")
            check(msg["Date"].datetime is not None, f"{name}: Date")

            parts = msg.get_payload()
            check(len(parts) == 3, f"{name}: {len(parts)} parts")
            if len(parts) != 3:
                continue
            text, report, returned = parts
            check(text.get_content_type() == "text/plain", f"{name}: first part")
            check("mail relay at relay.office.example" in text.get_content(),
                  f"{name}: explanation text")
            check(report.get_content_type() == "message/delivery-status", f"{name}: second part")
            check(returned.get_content_type() == sample["third_part"],
                  f"{name}: third part {returned.get_content_type()}")

            # email parses message/delivery-status into a list of header blocks:
            # the per-message block, then one block per recipient.
            blocks = report.get_payload()
            check(len(blocks) == 1 + len(sample["recipients"]), f"{name}: {len(blocks)} blocks")
            per_message = blocks[0]
            check(unfold(per_message["Reporting-MTA"]) == sample["reporting_mta"],
                  f"{name}: Reporting-MTA")
            check(unfold(per_message["Original-Envelope-Id"]) == sample["envelope_id"],
                  f"{name}: Original-Envelope-Id")
            check(per_message["Arrival-Date"] is not None, f"{name}: Arrival-Date")
            for block, expected in zip(blocks[1:], sample["recipients"]):
                who = f"{name} <{expected['final_recipient']}>"
                final = unfold(block["Final-Recipient"])
                if expected["final_recipient"].isascii():
                    check(final == "rfc822; " + expected["final_recipient"], f"{who}: {final}")
                else:
                    check(final.startswith("utf-8; "), f"{who}: {final}")
                check(unfold(block["Action"]) == expected["action"], f"{who}: Action")
                check(unfold(block["Status"]) == expected["status"], f"{who}: Status")
                if expected["remote_mta"]:
                    check(unfold(block["Remote-MTA"]) == "dns; " + expected["remote_mta"],
                          f"{who}: Remote-MTA")
                else:
                    check(block["Remote-MTA"] is None, f"{who}: unexpected Remote-MTA")
                check(unfold(block["Diagnostic-Code"]) == expected["diagnostic_code"],
                      f"{who}: Diagnostic-Code {block['Diagnostic-Code']!r}")
                if expected["original_recipient"]:
                    check(unfold(block["Original-Recipient"]) == expected["original_recipient"],
                          f"{who}: Original-Recipient")
                check(block["Last-Attempt-Date"] is not None, f"{who}: Last-Attempt-Date")
                if expected["action"] == "delayed":
                    check(block["Will-Retry-Until"] is not None, f"{who}: Will-Retry-Until")

            if sample["third_part"] == "message/rfc822":
                inner = returned.get_payload()[0]
                check(str(inner["Message-ID"]) == "<scan-1@office.example>",
                      f"{name}: returned message")
            else:
                check("Message-ID: <scan-1@office.example>" in returned.get_content(),
                      f"{name}: returned headers")
                check("Hello" not in returned.get_content(), f"{name}: body in headers part")

    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(manifest)} DSNs checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
