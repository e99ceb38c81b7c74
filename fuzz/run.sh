#!/usr/bin/env bash
# Run fuzz targets time-boxed: fuzz/run.sh RUNS SECONDS target...
# New inputs go to target/fuzz-corpus/<t> (not committed); fuzz/corpus/<t> is the seed corpus.
set -euo pipefail
runs=$1 seconds=$2
shift 2
cd "$(dirname "$0")/.."
for t in "$@"; do
  mkdir -p "target/fuzz-corpus/$t"
  # cargo-fuzz needs nightly flags (-Z sanitizer); the machine's stable toolchain allows them
  # with RUSTC_BOOTSTRAP.
  RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz "$t" "target/fuzz-corpus/$t" "fuzz/corpus/$t" -- \
    -runs="$runs" -max_total_time="$seconds" -print_final_stats=1 > "target/fuzz-$t.log" 2>&1 || { tail -40 "target/fuzz-$t.log"; exit 1; }
  echo "fuzz $t: $(grep -E '^Done [0-9]+ runs' "target/fuzz-$t.log" | tail -1)"
done
