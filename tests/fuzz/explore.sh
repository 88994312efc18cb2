#!/usr/bin/env bash
# explore.sh [SECONDS] [--merge]: open-ended fuzzing, for developers before
# they stop (not part of the test command: its answer depends on chance and
# on the machine's speed). Each target runs SECONDS (default 300) from a
# random seed over the committed seeds and past findings. Findings are
# copied to tests/fuzz/findings/ (ignored by git) and printed with the
# command that reproduces them; fix each, then move it to regressions/T/.
# --merge adds the inputs that reached new coverage to corpus/T (libFuzzer's
# -merge=1 keeps only those), to be committed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
seconds=300 merge=0
for a in "$@"; do
  case $a in
    --merge) merge=1 ;;
    [0-9]*) seconds=$a ;;
    *) echo "usage: explore.sh [SECONDS] [--merge]" >&2; exit 64 ;;
  esac
done
fuzz_build_targets || exit 1
status=0
work=$(mktemp -d /tmp/vnetctl-explore.XXXXXX)
trap 'rm -rf "$work"' EXIT
findings=$fuzz_here/findings
mkdir -p "$findings"
for t in "${fuzz_targets[@]}"; do
  bin=$(fuzz_binary "$t")
  mapfile -t seeds < <(fuzz_seed_dirs "$t")
  mkdir -p "$work/$t"
  "$bin" "${fuzz_flags[@]}" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$findings/$t-" "$work/$t" "${seeds[@]}" >"$work/$t.log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
  seed=$(sed -n 's/.*Seed: \([0-9]*\).*/\1/p' "$work/$t.log" | head -1)
  if ((rc != 0)); then
    status=1
    echo "FAIL: fuzz_$t (exit $rc after ${runs:-?} runs, seed $seed):"
    fuzz_report_finding "$t" "$work/$t.log"
  else
    echo "fuzz_$t: ${runs:-0} runs in $seconds s (seed $seed), no finding"
  fi
  if ((merge)) && [ -n "$(ls -A "$work/$t")" ]; then
    before=$(ls "$fuzz_here/corpus/$t" | wc -l)
    "$bin" "${fuzz_flags[@]}" -merge=1 "$fuzz_here/corpus/$t" "$work/$t" >"$work/$t.merge.log" 2>&1
    echo "    corpus/$t: $before -> $(ls "$fuzz_here/corpus/$t" | wc -l) inputs"
  fi
done
exit $status
