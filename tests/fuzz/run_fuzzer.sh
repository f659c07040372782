#!/usr/bin/env bash
# Runs one libFuzzer harness for a bounded time over a copy of its seed
# corpus (the checked-in corpus is never written to), then prints libFuzzer's
# final statistics. A crash, leak, timeout or invariant failure leaves its
# input in WORKDIR/artifacts/ and fails the test; copy it to
# tests/fuzz/regressions/<harness>/ once fixed so the normal suite replays it.
# Usage: run_fuzzer.sh BINARY CORPUS_DIR WORKDIR [extra libFuzzer flags...]
# Env: RELAYDESK_FUZZ_SECONDS (default 30).
set -euo pipefail
binary=$1 corpus=$2 workdir=$3
shift 3
seconds=${RELAYDESK_FUZZ_SECONDS:-30}
rm -rf "$workdir"
mkdir -p "$workdir/corpus" "$workdir/artifacts"
cp "$corpus"/* "$workdir/corpus/"
# Saved findings are seeds too: each run starts by re-checking them.
regressions=$(dirname "$0")/regressions/$(basename "$corpus")
if [ -d "$regressions" ]; then
  cp "$regressions"/* "$workdir/corpus/"
fi
dict=$(dirname "$0")/smtp.dict
set +e
"$binary" "$workdir/corpus" -dict="$dict" -max_total_time="$seconds" -rss_limit_mb=2048 \
  -timeout=10 -print_final_stats=1 -artifact_prefix="$workdir/artifacts/" "$@" \
  >"$workdir/fuzz.log" 2>&1
rc=$?
set -e
# The last status line carries cov: (edges) and ft: (features); the final
# stats give the execution count and rate.
grep -E '^#[0-9]+' "$workdir/fuzz.log" | tail -n 1 || true
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' \
  "$workdir/fuzz.log" || true
echo "corpus: $(ls "$workdir/corpus" | wc -l) inputs (seed: $(ls "$corpus" | wc -l))"
if [ "$rc" -ne 0 ]; then
  tail -n 60 "$workdir/fuzz.log"
  echo "fuzzer failed (exit $rc); artifacts: $(ls "$workdir/artifacts")"
fi
exit "$rc"
