#!/usr/bin/env bash
# cmake/layers.cmake passes on the tree and fails, naming the file and both
# layers, on a copy of it with one include against the flow (backends/
# including the engine's plan).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake -DSOURCE_DIR="$src" -P "$src/cmake/layers.cmake"
echo "ok: the tree follows the layers"

cp -r "$src/core" "$src/backends" "$src/cli" "$tmp/"
sed -i '1i #include "core/plan/plan.h"' "$tmp/backends/files.cpp"
if cmake -DSOURCE_DIR="$tmp" -P "$src/cmake/layers.cmake" >"$tmp/out" 2>&1; then
  echo "FAIL: an include of the engine from backends/ passed" >&2
  exit 1
fi
grep -q 'backends/files.cpp (backends) includes core/plan/plan.h (engine)' "$tmp/out" || {
  cat "$tmp/out" >&2
  echo "FAIL: the violation is not named" >&2
  exit 1
}
echo "ok: an include against the flow fails, named"
