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
  if [ $variant = sanitize ]; then
    # The namespace suites drive the real managers and take minutes; they run
    # once, against the plain build, to keep CI within its time.
    ASAN_OPTIONS=detect_leaks=1 ctest --test-dir "$dir" --output-on-failure -E '^(native|e2e)$' ||
      status=1
  else
    ctest --test-dir "$dir" --output-on-failure || status=1
    # The per-backend summaries, whether the suites passed or not.
    log=$dir/Testing/Temporary/LastTest.log
    sed -n '/^native summary:/,/passed, .* failed$/p; /^e2e summary/,/^[0-9]* passed, [0-9]* failed$/p' "$log" || true
  fi
done
exit $status
