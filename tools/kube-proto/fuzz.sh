#!/usr/bin/env bash
# Runs the tug-kube-proto decoder fuzzer (cargo-fuzz, libFuzzer) for $1 seconds (default 180),
# seeded with the kubernetes/api fixtures when shared/k8s-testdata is present.
# Crashes land in crates/tug-kube-proto/fuzz/artifacts/decode/: turn each into a case of
# `regressions_fail_cleanly` in crates/tug-kube-proto/tests/no_panic.rs.
set -euo pipefail
cd "$(dirname "$0")/../../crates/tug-kube-proto/fuzz"
secs="${1:-180}"
mkdir -p corpus/decode
data="${TUG_K8S_TESTDATA:-../../../../shared/k8s-testdata}/fixtures"
if [ -d "$data" ]; then
  for f in "$data"/*.pb; do tail -c +5 "$f" > "corpus/decode/$(basename "$f")"; done
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-kproto}/fuzz"
RUSTC_BOOTSTRAP=1 cargo fuzz run decode corpus/decode -- -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048
