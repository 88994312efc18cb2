#!/usr/bin/env bash
# bench/run.sh [--quick] [run.py options]: builds the Release vnetctl in
# build-rel/ (or measures --vnetctl PATH), then runs the benchmarks (bench/run.py).
# Live jobs need root; --skip-live runs only the store-only ones. As root it
# first installs what it runs (tests/install-deps.sh: virsh, libvirtd, netplan,
# the managers, busybox), as the test suite does.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
if [[ $(id -u) -eq 0 ]]; then "$repo/tests/install-deps.sh"; fi
if [[ " $* " != *" --vnetctl "* ]]; then
  # Always brought up to date: a binary left from another checkout would be
  # measured in place of this one.
  [[ -f $repo/build-rel/build.ninja ]] ||
    cmake -S "$repo" -B "$repo/build-rel" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$repo/build-rel" --target vnetctl >&2
fi
exec python3 "$repo/bench/run.py" "$@"
