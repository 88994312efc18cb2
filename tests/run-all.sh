#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds twice (plain, and with
# ASan+UBSan), runs the tests, runs the fuzzers for a bounded time, and prints
# the counts.
#
# Every test runs under ASan+UBSan. The plain build (what ships) runs the
# tests that need neither root nor a network namespace (ctest label noroot,
# also what the Debian package's build runs); the namespace suites drive the real
# managers and libvirtd for minutes, so they run once, on the sanitized build,
# to keep CI well inside its time.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

tests/install-deps.sh

build() {  # build DIR [cmake args...]
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j"$(nproc)"
}

# The summary lines the suites print, whether they passed or not.
summaries() {  # LOG
  sed -n '/^native summary:/,/passed, .* failed$/p
          /^e2e summary/,/^[0-9]* passed, [0-9]* failed$/p
          /^import --takeover: libvirt vs vnetctl/,/^[0-9]* passed, [0-9]* failed/p
          /^booted-VM test bed:/,/^[0-9]* passed, [0-9]* failed$/p
          /^hostile: /p; /^faults: /p; /^privileges: /p' "$1" || true
}

status=0
start=$SECONDS
echo "=== plain build"
build build/plain
echo "=== tests (plain build)"
ctest --test-dir build/plain --output-on-failure -L noroot || status=1
summaries build/plain/Testing/Temporary/LastTest.log

echo "=== ASan+UBSan build ($((SECONDS - start)) s so far)"
build build/sanitize -DVNETCTL_SANITIZE=ON
echo "=== tests (ASan+UBSan build)"
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build/sanitize --output-on-failure || status=1
summaries build/sanitize/Testing/Temporary/LastTest.log

if [ -x tests/fuzz/run.sh ]; then
  echo "=== fuzzing, bounded ($((SECONDS - start)) s so far)"
  tests/fuzz/run.sh 15 || status=1
fi
echo "=== done in $((SECONDS - start)) s: $([ $status = 0 ] && echo PASS || echo FAIL)"
exit $status
