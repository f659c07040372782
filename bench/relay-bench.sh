#!/usr/bin/env bash
# relaydeskd next to a private Postfix instance under the same smtp-source
# load, relaying into smtp-sink, all on 127.0.0.1. Builds nothing; give it the
# daemon with --relaydeskd PATH (default build/app/daemon/relaydeskd).
# Usage: bench/relay-bench.sh [--relaydeskd PATH] [--reps R] [--workloads 20000x1k,2000x100k]
#        [--sessions 20] [--relays postfix,relaydeskd] [--json FILE] [--keep]
# Details and how to read the figures: docs/benchmarks.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Debian's interpreter: stdlib only is needed, but keep it independent of
# whatever python3 is first on PATH.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
exec "$PY" "$HERE/relay_bench.py" "$@"
