#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds the Debian package (the
# shipped build, which runs the tests that need no root), builds again with
# ASan+UBSan and runs every other test there while, in the background, it boots
# the package in Debian 12 VMs (tests/host: autostart across reboots on all
# five manager set-ups) and fuzzes deterministically; prints the counts.
#
# The VMs run under TCG on a shared two-core machine, so each boot gets 1500 s
# before it counts as hung (a quiet machine boots one in ~2 min; with libvirt's
# daemon and a nested TCG domain at boot 1, beside the sanitized e2e, one took
# 750 s in CI).
#
# Every test runs under ASan+UBSan, with leak detection (ASAN_OPTIONS: the
# sanitized build's ctest sets them, tests/CMakeLists.txt). The package's build (what ships) runs the
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

# The failing checks of a LOG, short: a CI log may keep only its last
# lines, so the digest is a few lines that name each failure: the failed
# tests, each FAIL line (cut), sanitizer reports, the VM bed's one line per
# failing scenario and the errors from its journal.
failures() {  # LOG
  local failed=${1/\/LastTest/\/LastTestsFailed}
  [ "$failed" != "$1" ] && [ -f "$failed" ] && echo "failed tests: $(cut -d: -f2 "$failed" | tr '\n' ' ')"
  grep -E '^FAIL:|^==[0-9]+==ERROR|runtime error:|^host: .* (failed:|boot [0-9]:)' "$1" |
    head -n 12 | cut -c1-240 || true
}

status=0
start=$SECONDS
echo "=== Debian package (the shipped build; its build runs ctest -L noroot)"
tests/package/build.sh build/package >/dev/null || status=1
pkgbuild=$(ls -d build/package/src/obj-* 2>/dev/null | head -n 1 || true)
[ -n "$pkgbuild" ] && summaries "$pkgbuild/Testing/Temporary/LastTest.log"

echo "=== ASan+UBSan build ($((SECONDS - start)) s so far)"
# -O1 -g1: what ASan's own documentation suggests, and line tables are all a
# sanitizer report needs; the build alone takes a third of the run otherwise.
build build/sanitize -DVNETCTL_SANITIZE=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"

# The sanitized tests wait on daemons and leases for most of their time and use
# about one core; the VMs (TCG) and the fuzzing are CPU-bound. They run beside
# the tests, at a lower priority, so that the tests' own timing is unchanged.
echo "=== booted-VM test bed and fuzzing: started in the background ($((SECONDS - start)) s so far)"
deb=(build/package/vnetctl_*_amd64.deb)
vm_pid=
if [ -f "${deb[0]}" ]; then
  VMBED_JOBS=2 VMBED_BOOT_TIMEOUT=1500 nice -n 10 tests/host/run.sh "${deb[0]}" >build/host.log 2>&1 &
  vm_pid=$!
else
  echo "booted-VM test bed: no package to install" >&2
  status=1
fi
nice -n 10 tests/fuzz/run.sh >build/fuzz.log 2>&1 &
fuzz_pid=$!

echo "=== tests (ASan+UBSan build) ($((SECONDS - start)) s so far)"
# One test at a time: with -j2 beside the VMs (nice 10 weighs little against
# two nice-0 tests on two cores), e2e and the VMs' checks failed in CI.
# No --output-on-failure: a failing suite's whole transcript would push
# everything else out of a CI log's tail; the failures digest below names its
# failing checks, and the transcript stays in LastTest*.log.
# Then the tests labelled cpu (hostile, faults) side by side: CPU-bound, in namespaces of their
# own, with no daemon's timing to keep, and last, when the VMs are done
# (about four minutes less than one after the other).
tmp=build/sanitize/Testing/Temporary
ctest --test-dir build/sanitize -LE 'host|cpu' || status=1
for f in LastTest LastTestsFailed; do
  if [ -f "$tmp/$f.log" ]; then mv "$tmp/$f.log" "$tmp/$f-serial.log"; else rm -f "$tmp/$f-serial.log"; fi
done
ctest --test-dir build/sanitize -j2 -L cpu || status=1
summaries "$tmp/LastTest-serial.log"
summaries "$tmp/LastTest.log"

echo "=== fuzzing: replay, then a fixed seed (waiting: $((SECONDS - start)) s so far)"
wait "$fuzz_pid" || status=1
cat build/fuzz.log

if [ -n "$vm_pid" ]; then
  echo "=== booted-VM test bed (waiting: $((SECONDS - start)) s so far)"
  wait "$vm_pid" || { status=1; cat build/host.log; }
  summaries build/host.log
fi

# Last, so that a log cut to its head and tail still names what failed.
if [ $status != 0 ]; then
  echo "=== failures digest"
  failures "$tmp/LastTest-serial.log"
  failures "$tmp/LastTest.log"
  [ -n "$pkgbuild" ] && failures "$pkgbuild/Testing/Temporary/LastTest.log"
  [ -f build/host.log ] && failures build/host.log
  grep -E '^(ERROR|FAIL|==[0-9]+==ERROR)' build/fuzz.log | head -n 4 | cut -c1-240 || true
fi
echo "=== done in $((SECONDS - start)) s: $([ $status = 0 ] && echo PASS || echo FAIL)"
exit $status
