#!/usr/bin/python3
"""A scripted SMTP upstream (aiosmtpd) for the integration tests.

Runs in its own process so that a test can make it "go down" (stop it), come
back on the same port, or hang without blocking the test's own threads.
Every message it accepts is written to OUTDIR as NNNNNN.eml (the content as
received) plus NNNNNN.json (envelope, peer, mode); the .json is written last,
so a reader that lists *.json only ever sees complete messages. Every
transaction outcome is also appended to OUTDIR/events.jsonl.

Modes:
  accept           accept everything
  tempfail         answer the first --count end-of-DATA with 451, then accept
  reject           550 at RCPT for recipients matching --reject (regex), accept the rest
  hang             read the whole message, then never answer the final "."
  disconnect-data  answer 354, read one line of the message, then drop the connection

Prints "READY <port>" on stdout once it listens. Stops on SIGTERM.
Usage: scripted_upstream.py --listen 127.0.0.1:PORT --outdir DIR --mode MODE
       [--count N] [--reject REGEX] [--hostname NAME]
"""
import argparse
import asyncio
import json
import os
import re
import signal
import sys
import time

from aiosmtpd.smtp import SMTP, Envelope, Session


class Recorder:
    """Writes accepted messages and transaction events to the output folder."""

    def __init__(self, outdir):
        self.outdir = outdir
        os.makedirs(outdir, exist_ok=True)
        existing = [n for n in os.listdir(outdir) if n.endswith(".json")]
        # Continue numbering when a test restarts us on the same folder.
        self.seq = max([int(n.split(".")[0]) for n in existing] or [0])

    def event(self, **fields):
        fields["time"] = time.time()
        with open(os.path.join(self.outdir, "events.jsonl"), "a") as f:
            f.write(json.dumps(fields) + "\n")

    def store(self, envelope, peer, mode):
        self.seq += 1
        base = os.path.join(self.outdir, "%06d" % self.seq)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(base + ".eml.tmp", base + ".eml")
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "peer": list(peer) if peer else None,
            "mode": mode,
            "size": len(envelope.original_content or envelope.content),
        }
        with open(base + ".json.tmp", "w") as f:
            json.dump(meta, f)
        os.rename(base + ".json.tmp", base + ".json")
        return "%06d" % self.seq


class Handler:
    def __init__(self, args, recorder):
        self.mode = args.mode
        self.remaining_tempfails = args.count
        self.reject = re.compile(args.reject) if args.reject else None
        self.recorder = recorder

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "reject" and self.reject and self.reject.search(address):
            self.recorder.event(kind="rcpt-rejected", rcpt=address)
            return "550 5.1.1 <%s>: Recipient address rejected: scripted upstream says no" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "hang":
            self.recorder.event(kind="hang", rcpts=envelope.rcpt_tos)
            await asyncio.Event().wait()  # never answers; the test stops us
        if self.mode == "tempfail" and self.remaining_tempfails > 0:
            self.remaining_tempfails -= 1
            self.recorder.event(kind="tempfail", rcpts=envelope.rcpt_tos)
            return "451 4.3.0 Scripted temporary failure, try again later"
        qid = self.recorder.store(envelope, session.peer, self.mode)
        self.recorder.event(kind="accepted", rcpts=envelope.rcpt_tos, id=qid)
        return "250 2.0.0 Ok: queued as SCRIPTED%s" % qid


class ScriptedSMTP(SMTP):
    """aiosmtpd's server with one extra failure: a connection dropped mid-DATA."""

    def __init__(self, handler, mode, recorder, **kwargs):
        super().__init__(handler, **kwargs)
        self._mode = mode
        self._recorder = recorder

    async def smtp_DATA(self, arg):
        if self._mode != "disconnect-data" or not self.envelope.rcpt_tos:
            return await super().smtp_DATA(arg)
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        await self._reader.readuntil(b"\r\n")
        self._recorder.event(kind="disconnect-data", rcpts=self.envelope.rcpt_tos)
        self.transport.abort()


async def serve(args):
    host, _, port = args.listen.rpartition(":")
    host = host.strip("[]")
    recorder = Recorder(args.outdir)
    handler = Handler(args, recorder)
    loop = asyncio.get_running_loop()

    def factory():
        return ScriptedSMTP(handler, args.mode, recorder, hostname=args.hostname,
                            data_size_limit=None, enable_SMTPUTF8=True,
                            ident="scripted-upstream")

    server = await loop.create_server(factory, host=host, port=int(port),
                                      reuse_address=True)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    bound = server.sockets[0].getsockname()[1]
    print("READY %d" % bound, flush=True)
    await stop.wait()
    server.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--listen", required=True)
    p.add_argument("--outdir", required=True)
    p.add_argument("--mode", default="accept",
                   choices=["accept", "tempfail", "reject", "hang", "disconnect-data"])
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--reject", default="")
    p.add_argument("--hostname", default="scripted-upstream.test")
    args = p.parse_args()
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
