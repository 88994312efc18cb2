#!/usr/bin/env bash
# run.sh [SECONDS]: builds the libFuzzer targets with clang in build/fuzz/
# (ASan+UBSan, separate from the g++ builds) and runs each for SECONDS
# (default 20) on a copy of its committed seed corpus (tests/fuzz/corpus/T).
# A crash, a sanitizer report or a broken invariant (fuzz_check.h) fails the
# run and leaves the input in build/fuzz/findings/. Prints each target's
# executions and "fuzz: N targets, N executions".
set -uo pipefail
seconds=${1:-20}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${VNETCTL_FUZZ_BUILD:-$src/build/fuzz}
targets=(xml fragment render live)
for tool in clang clang++ cmake ninja; do
  command -v $tool >/dev/null || { echo "FAIL: $tool is missing"; exit 1; }
done
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DVNETCTL_FUZZ=ON -DVNETCTL_TESTS=OFF >"$build.cmake.log" 2>&1 ||
  { echo "FAIL: cmake (see $build.cmake.log)"; tail -5 "$build.cmake.log"; exit 1; }
if ! cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}" >"$build.build.log" 2>&1; then
  echo "FAIL: building the fuzz targets"; grep -E 'error' "$build.build.log" | head -20; exit 1
fi
status=0 total=0
work=$(mktemp -d /tmp/vnetctl-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/findings"
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  cp "$here/corpus/$t/"* "$work/$t/"
  # ASan's leak check is on: a leak is a finding too.
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/findings/$t-" \
    "$work/$t" >"$work/$t.log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
  runs=${runs:-0}
  total=$((total + runs))
  if ((rc != 0)); then
    status=1
    echo "FAIL: fuzz_$t (exit $rc after $runs executions):"
    grep -E 'ERROR|invariant|SUMMARY|artifact' "$work/$t.log" | head -10 | sed 's/^/    /'
  else
    echo "fuzz_$t: $runs executions in ${seconds} s, no finding"
  fi
done
echo "fuzz: ${#targets[@]} targets, $total executions"
exit $status
