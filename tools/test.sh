#!/usr/bin/env bash
# The project's test command (the README names it; CI runs it through .ci/run).
#
#   bash tools/test.sh
#
# 1. formatting and clippy, 2. every unit, integration and golden test of the workspace,
# 3. the corpus conformance run against Helm's goldens (when a corpus is present),
# 4. the local-cluster conformance run with the real kubectl and helm.
# Set TUG_CORPUS to point at a corpus other than ../shared/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "cargo test --workspace"
cargo test --workspace --quiet 2>&1 | tee "${TMPDIR:-/tmp}/tug-test.log"

corpus="${TUG_CORPUS:-$root/../shared/corpus}"
if [ -x tools/corpus/run.sh ]; then
  if [ -d "$corpus" ]; then
    step "corpus conformance ($corpus)"
    bash tools/corpus/run.sh "$corpus"
  else
    echo "corpus not found at $corpus: corpus conformance skipped"
  fi
fi

if [ -x tools/cluster-conformance/run.sh ]; then
  step "local cluster conformance (real kubectl and helm)"
  bash tools/cluster-conformance/run.sh
fi
