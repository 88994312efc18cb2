#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds twice (plain, and with
# ASan+UBSan), runs every test under both, and prints the counts.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

tests/install-deps.sh

build() {  # build DIR [cmake args...]
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j"$(nproc)"
}

status=0
for variant in plain sanitize; do
  dir=build/$variant
  if [ $variant = sanitize ]; then
    build "$dir" -DVNETCTL_SANITIZE=ON
  else
    build "$dir"
  fi
  echo "=== tests ($variant build)"
  ASAN_OPTIONS=detect_leaks=1 ctest --test-dir "$dir" --output-on-failure || status=1
done
exit $status
