#!/usr/bin/env bash
# bench/run.sh [--quick] [run.py options]: builds the Release vnetctl in
# build-rel/ if it is missing, then runs the benchmarks (bench/run.py).
# Live jobs need root; --skip-live runs only the store-only ones.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
if [[ " $* " != *" --vnetctl "* && ! -x $repo/build-rel/vnetctl ]]; then
  cmake -S "$repo" -B "$repo/build-rel" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$repo/build-rel" --target vnetctl
fi
exec python3 "$repo/bench/run.py" "$@"
