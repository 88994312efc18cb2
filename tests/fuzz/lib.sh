# Shared by run.sh (the deterministic gate) and explore.sh (open-ended
# exploration): the targets, their build, and how a finding is shown.
# shellcheck shell=bash
fuzz_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fuzz_src=$(cd "$fuzz_here/../.." && pwd)
fuzz_build=${VNETCTL_FUZZ_BUILD:-$fuzz_src/build/fuzz}
fuzz_targets=(xml fragment render live)
# One input's limits, the same in both modes: a finding must reproduce with
# the same flags.
fuzz_flags=(-timeout=10 -rss_limit_mb=2048 -max_len=65536)

fuzz_build_targets() {
  local tool
  for tool in clang clang++ cmake ninja; do
    command -v $tool >/dev/null || { echo "FAIL: $tool is missing"; return 1; }
  done
  cmake -S "$fuzz_src" -B "$fuzz_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DVNETCTL_FUZZ=ON -DVNETCTL_TESTS=OFF >"$fuzz_build.cmake.log" 2>&1 ||
    { echo "FAIL: cmake (see $fuzz_build.cmake.log)"; tail -5 "$fuzz_build.cmake.log"; return 1; }
  if ! cmake --build "$fuzz_build" -j"$(nproc)" --target "${fuzz_targets[@]/#/fuzz_}" \
      >"$fuzz_build.build.log" 2>&1; then
    echo "FAIL: building the fuzz targets"; grep -E 'error' "$fuzz_build.build.log" | head -20
    return 1
  fi
}

fuzz_binary() { echo "$fuzz_build/tests/fuzz/fuzz_$1"; }

# The seeds of a target: its committed corpus and every past finding.
fuzz_seed_dirs() {  # TARGET
  local d
  for d in "$fuzz_here/corpus/$1" "$fuzz_here/regressions/$1"; do
    [ -d "$d" ] && echo "$d"
  done
}

# Prints a finding where a person reading the log finds it: what broke, the
# input (escaped, first 2 KiB), the file it is in and the command that
# reproduces it.
fuzz_report_finding() {  # TARGET LOG
  local t=$1 log=$2 artifact
  grep -E 'ERROR|invariant|SUMMARY|Test unit written' "$log" | head -10 | sed 's/^/    /'
  artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
  # Replaying files writes no artifact: the input is the file it was running.
  [ -n "$artifact" ] || artifact=$(sed -n 's/^Running: \(.*\)$/\1/p' "$log" | tail -1)
  [ -n "$artifact" ] || return 0
  echo "    input (first 2 KiB, C-escaped):"
  head -c 2048 "$artifact" | od -An -c | sed 's/^/      /' | head -40
  echo "    reproduce: $(fuzz_binary "$t") ${fuzz_flags[*]} $artifact"
  echo "    once fixed: cp $artifact $fuzz_here/regressions/$t/NAME (it is replayed on every run)"
}
