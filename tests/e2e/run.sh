#!/usr/bin/env bash
# run.sh VNETCTL [BACKEND...]: the end-to-end tests of issue 4, written once
# (scenarios.sh) and run against each backend (default: all four), each in its
# own namespaces with the real manager. Prints PASS/FAIL lines, then a summary
# table (scenario x backend: ok / FAILED, and check counts); exits non-zero
# on any failure. Needs root. A missing tool is a failure, never a skip.
# E2E_LOGDIR=DIR keeps each backend's vnetctl transcript and full output.
set -uo pipefail
vnetctl=${1:?usage: run.sh PATH-TO-vnetctl [BACKEND...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
backends=("$@")
[[ ${#backends[@]} -gt 0 ]] || backends=(networkd netplan networkmanager ifupdown)
# The test decides these, not the caller's environment.
unset VNETCTL_FAULT VNETCTL_ROOT VNETCTL_BACKEND
[[ $(id -u) -eq 0 ]] || { echo "FAIL: the e2e tests need root (namespaces)"; exit 1; }
[[ -x $vnetctl ]] || { echo "FAIL: no vnetctl at $vnetctl"; exit 1; }
logs=${E2E_LOGDIR:-$(mktemp -d /tmp/vnetctl-e2e.XXXXXX)}
mkdir -p "$logs"
[[ -n ${E2E_LOGDIR:-} ]] || trap 'rm -rf "$logs"' EXIT

# Scenario names, in order, from scenarios.sh itself.
mapfile -t scenarios < <(sed -n '/^SCENARIOS=(/,/)/p' "$here/scenarios.sh" |
  tr -d '()' | sed 's/SCENARIOS=//' | tr ' ' '\n' | grep .)
declare -A result passed failed
status=0
for b in "${backends[@]}"; do
  echo "=== e2e: $b"
  E2E_LOG=$logs/$b.transcript timeout "${E2E_BACKEND_TIMEOUT:-420}" bash "$here/scenarios.sh" "$vnetctl" "$b" 2>&1 |
    tee "$logs/$b.log" | grep -E '^(PASS|FAIL|note|---|    )' | sed "s/^\(PASS\|FAIL\): /\1: [$b] /"
  rc=${PIPESTATUS[0]}
  ((rc == 124)) && echo "FAIL: [$b] timed out after ${E2E_BACKEND_TIMEOUT:-420} s"
  passed[$b]=$(grep -c '^PASS' "$logs/$b.log")
  failed[$b]=$(grep -c '^FAIL' "$logs/$b.log")
  while read -r _ _ sc res _; do result[$b/$sc]=$res; done < <(grep '^E2E-RESULT ' "$logs/$b.log")
  if ((rc != 0)); then
    status=1
    echo "--- [$b] last vnetctl commands:"
    tail -25 "$logs/$b.transcript" 2>/dev/null | sed 's/^/    /'
  fi
done

echo
echo "e2e summary (vnetctl: $vnetctl)"
printf '%-18s' scenario
for b in "${backends[@]}"; do printf ' %-15s' "$b"; done
echo
for sc in "${scenarios[@]}"; do
  printf '%-18s' "$sc"
  for b in "${backends[@]}"; do
    r=${result[$b/$sc]:-not-run}
    [[ $r == ok ]] || status=1
    printf ' %-15s' "$r"
  done
  echo
done
printf '%-18s' checks
for b in "${backends[@]}"; do printf ' %-15s' "${passed[$b]} ok ${failed[$b]} bad"; done
echo
total_p=0 total_f=0
for b in "${backends[@]}"; do total_p=$((total_p + passed[$b])) total_f=$((total_f + failed[$b])); done
echo "$total_p passed, $total_f failed"
[[ $total_f -eq 0 ]] || status=1
exit $status
