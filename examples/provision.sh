#!/usr/bin/env bash
# Converge this host's virtual networks to a set of libvirt network XML
# files, as a configuration-management step would: idempotent, saying
# whether anything changed, and refusing changes that would interrupt
# running guests unless told otherwise.
#
#   examples/provision.sh [--check] [--allow-disruptive] [--autostart] FILE|DIR...
#
#   --check             change nothing; report what differs (for CI or monitoring)
#   --allow-disruptive  also apply plans that interrupt guests' traffic (e.g.
#                       a new bridge MAC recreates the bridge)
#   --autostart         also mark the networks to start at boot
#
# A DIR stands for its *.xml files. Exit status: 0 when the host matches
# the files (after changing it, without --check); 2 with --check when it
# differs; 1 when something failed or was refused. The last line is
# "changed=N unchanged=N differs=N failed=N", for the caller.
#
# How: `vnetctl --json diff FILE` gives the plan (exit 0: nothing differs,
# 2: something does) with each step's `disruptive` flag; `vnetctl --json
# apply FILE` defines the network and starts or repairs it; a second `diff`
# must then exit 0. Needs root and jq. VNETCTL names the vnetctl binary
# (default: vnetctl on $PATH); VNETCTL_BACKEND chooses the manager.
set -uo pipefail
vnetctl=${VNETCTL:-vnetctl}
check=0 allow_disruptive=0 autostart=0
files=()
for arg in "$@"; do
  case $arg in
    --check) check=1 ;;
    --allow-disruptive) allow_disruptive=1 ;;
    --autostart) autostart=1 ;;
    -*) echo "provision: unknown option $arg" >&2; exit 1 ;;
    *) if [[ -d $arg ]]; then files+=("$arg"/*.xml); else files+=("$arg"); fi ;;
  esac
done
[[ ${#files[@]} -gt 0 ]] || { echo "usage: provision.sh [--check] [--allow-disruptive] [--autostart] FILE|DIR..." >&2; exit 1; }
command -v jq >/dev/null || { echo "provision: jq is needed" >&2; exit 1; }

changed=0 unchanged=0 differs=0 failed=0

# ensure_autostart NAME FILE: marks NAME autostart (defining it first if it
# is new), before apply, so that its files go under /etc at once. Prints
# whether it changed anything.
ensure_autostart() {
  local name=$1 file=$2 info
  if info=$("$vnetctl" --json info "$name" 2>/dev/null); then
    [[ $(jq -r .autostart <<<"$info") == true ]] && return 0
  else
    "$vnetctl" -q define "$file" >/dev/null || return 1
  fi
  "$vnetctl" -q autostart "$name" || return 1
  echo "$name: marked autostart"
}

# provision_one FILE: one network through diff, apply, diff.
provision_one() {
  local file=$1 plan rc name steps disruptive active did=""
  plan=$("$vnetctl" --json diff "$file")
  rc=$?
  if [[ $rc -ne 0 && $rc -ne 2 ]]; then
    echo "$file: vnetctl diff failed (exit $rc)"
    return 1
  fi
  name=$(jq -r '.networks[0].name' <<<"$plan")
  active=$(jq -r '.networks[0].active' <<<"$plan")
  steps=$(jq '.networks[0].steps | length' <<<"$plan")
  disruptive=$(jq '[.networks[0].steps[] | select(.disruptive)] | length' <<<"$plan")

  if [[ $autostart -eq 1 && $check -eq 0 ]]; then
    did=$(ensure_autostart "$name" "$file") || return 1
    [[ -n $did ]] && echo "$did"
  fi
  if [[ $rc -eq 0 ]]; then
    echo "$name: up to date"
    if [[ -n $did ]]; then changed=$((changed + 1)); else unchanged=$((unchanged + 1)); fi
    return 0
  fi

  echo "$name: $steps differences ($disruptive disruptive)$([[ $active == true ]] || echo ', not running')"
  jq -r '.networks[0].steps[] | "  \(.action) \(.object) \(.name): \(.why)\(if .disruptive then " [disruptive]" else "" end)"' <<<"$plan"
  if [[ $check -eq 1 ]]; then
    differs=$((differs + 1))
    return 0
  fi
  if [[ $active == true && $disruptive -gt 0 && $allow_disruptive -eq 0 ]]; then
    echo "$name: refused: $disruptive steps would interrupt its guests (--allow-disruptive applies them)"
    return 1
  fi
  local applied
  applied=$("$vnetctl" --json apply "$file") || { echo "$name: vnetctl apply failed; the host was put back"; return 1; }
  echo "$name: applied $(jq '.networks[0].steps | length' <<<"$applied") changes"
  if ! "$vnetctl" diff "$file" >/dev/null; then
    echo "$name: still differs after apply"
    return 1
  fi
  changed=$((changed + 1))
}

for file in "${files[@]}"; do
  provision_one "$file" || failed=$((failed + 1))
done
echo "changed=$changed unchanged=$unchanged differs=$differs failed=$failed"
if [[ $failed -gt 0 ]]; then exit 1; fi
if [[ $check -eq 1 && $differs -gt 0 ]]; then exit 2; fi
exit 0
