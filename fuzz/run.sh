#!/usr/bin/env bash
# Run fuzz targets time-boxed: fuzz/run.sh RUNS SECONDS target...
# New inputs go to target/fuzz-corpus/<t> (not committed); fuzz/corpus/<t> is the seed corpus.
set -euo pipefail
runs=$1 seconds=$2
shift 2
cd "$(dirname "$0")/.."
for t in "$@"; do
  mkdir -p "target/fuzz-corpus/$t"
  # Patterns and rule sets compile a regex per input: keep inputs short so 10M runs fit.
  # They also spend most of their time in the regex compiler, where comparison tracing halves
  # the runs per second for little coverage gain.
  case $t in pattern) max_len=256 trace=--no-trace-compares ;; validate) max_len=512 trace=--no-trace-compares ;; *) max_len=4096 trace= ;; esac
  # cargo-fuzz needs nightly flags (coverage instrumentation); the machine's stable toolchain
  # allows them with RUSTC_BOOTSTRAP. No AddressSanitizer (-s none): the core forbids unsafe
  # code, and ASan would halve the runs per second; panics, overflows and hangs still count.
  RUSTC_BOOTSTRAP=1 cargo fuzz run -s none $trace --fuzz-dir fuzz "$t" "target/fuzz-corpus/$t" "fuzz/corpus/$t" -- \
    -runs="$runs" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -print_final_stats=1 \
    > "target/fuzz-$t.log" 2>&1 || { tail -40 "target/fuzz-$t.log"; exit 1; }
  echo "fuzz $t: $(grep -aE '^Done [0-9]+ runs' "target/fuzz-$t.log" | tail -1)"
done
