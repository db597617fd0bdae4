#!/usr/bin/env bash
# Builds tug (release) and runs the corpus conformance check: tools/corpus/run.sh CORPUS_DIR [run.py flags]
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="${1:?usage: tools/corpus/run.sh CORPUS_DIR [flags]}"; shift
cargo build --release --quiet -p tug
python3 -c "import yaml" 2>/dev/null || pip install --quiet pyyaml >/dev/null 2>&1 || true
tug="${CARGO_TARGET_DIR:-$(pwd)/target}/release/tug"
exec python3 tools/corpus/run.py "$corpus" --tug "$tug" "$@"
