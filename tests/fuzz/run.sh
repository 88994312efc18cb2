#!/usr/bin/env bash
# run.sh [--runs N] [--seed S]: the fuzzing gate of the test command. The same
# tree gives the same answer every time:
#   1. replay: every committed seed (corpus/T) and every past finding
#      (regressions/T) runs once through its target;
#   2. bounded exploration: N mutations (default 60000) from a fixed seed
#      (default 1), starting from those inputs, one process, no time limit
#      and no corpus reload, so nothing depends on the machine's speed;
#      address-space randomization off (setarch -R: pointer values steer
#      hash tables, and so coverage) and getrandom fixed (fixed_random.cpp).
# Targets are built with clang (ASan+UBSan, libFuzzer) in build/fuzz/. A
# crash, a sanitizer report (leaks included) or a broken invariant
# (fuzz_check.h) fails the run; the finding is kept in build/fuzz/findings/
# and printed with the command that reproduces it. Open-ended, random
# exploration is explore.sh, not this.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
runs=60000 seed=1
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "usage: run.sh [--runs N] [--seed S]" >&2; exit 64 ;;
  esac
done
fuzz_build_targets || exit 1
status=0 total=0 replayed=0
work=$(mktemp -d /tmp/vnetctl-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
findings=$fuzz_build/findings
mkdir -p "$findings"
for t in "${fuzz_targets[@]}"; do
  bin=$(fuzz_binary "$t")
  mapfile -t seeds < <(fuzz_seed_dirs "$t")
  mapfile -t inputs < <(find "${seeds[@]}" -type f | sort)
  # Replay: given files (not directories), libFuzzer runs each once and stops.
  if ! setarch "$(uname -m)" -R "$bin" "${fuzz_flags[@]}" -artifact_prefix="$findings/$t-" "${inputs[@]}" \
      >"$work/$t.replay.log" 2>&1; then
    status=1
    echo "FAIL: fuzz_$t replaying its committed inputs:"
    fuzz_report_finding "$t" "$work/$t.replay.log"
    continue
  fi
  replayed=$((replayed + ${#inputs[@]}))
  mkdir -p "$work/$t"
  cp "${inputs[@]}" "$work/$t/" 2>/dev/null
  setarch "$(uname -m)" -R "$bin" "${fuzz_flags[@]}" -seed="$seed" -runs="$runs" -reload=0 -print_final_stats=1 \
    -artifact_prefix="$findings/$t-" "$work/$t" >"$work/$t.log" 2>&1
  rc=$?
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/$t.log" | tail -1 | sed -E 's/[[:space:]]*(lim|exec\/s|rss):.*//; s/[[:space:]]+/ /g')
  total=$((total + runs))
  if ((rc != 0)); then
    status=1
    echo "FAIL: fuzz_$t (exit $rc, seed $seed):"
    fuzz_report_finding "$t" "$work/$t.log"
  else
    echo "fuzz_$t: ${#inputs[@]} inputs replayed; $runs runs from seed $seed, no finding ($done_line)"
  fi
done
echo "fuzz: ${#fuzz_targets[@]} targets, $replayed inputs replayed, $total runs from seed $seed"
exit $status
