#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds the Debian package (the
# shipped build, which runs the tests that need no root), builds again with
# ASan+UBSan and runs every other test there, fuzzes deterministically, and
# prints the counts. The booted-VM test bed (tests/host/run.sh PACKAGE.deb,
# ctest label host) is not part of it yet: see tests/host/README.md.
#
# Every test runs under ASan+UBSan. The package's build (what ships) runs the
# tests that need neither root nor a network namespace (ctest label noroot);
# the namespace suites drive the real managers and libvirtd for minutes, so
# they run once, on the sanitized build. The fuzzing is deterministic (replay of the committed
# inputs, then a fixed seed and run count): the same tree gives the same
# answer. Open-ended fuzzing is tests/fuzz/explore.sh.
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
echo "=== Debian package (the shipped build; its build runs ctest -L noroot)"
tests/package/build.sh build/package >/dev/null || status=1
pkgbuild=$(ls -d build/package/src/obj-* 2>/dev/null | head -n 1 || true)
[ -n "$pkgbuild" ] && summaries "$pkgbuild/Testing/Temporary/LastTest.log"

echo "=== ASan+UBSan build ($((SECONDS - start)) s so far)"
build build/sanitize -DVNETCTL_SANITIZE=ON
echo "=== tests (ASan+UBSan build) ($((SECONDS - start)) s so far)"
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build/sanitize --output-on-failure -LE host ||
  status=1
summaries build/sanitize/Testing/Temporary/LastTest.log

echo "=== fuzzing: replay, then a fixed seed ($((SECONDS - start)) s so far)"
tests/fuzz/run.sh || status=1

echo "=== done in $((SECONDS - start)) s: $([ $status = 0 ] && echo PASS || echo FAIL)"
exit $status
