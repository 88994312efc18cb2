#!/usr/bin/env bash
# Renders golden cases with the real `vnetctl render --output` and proves each
# manager accepts the result: the real systemd-networkd, netplan generate +
# networkd, NetworkManager and ifup/ifdown, each inside its own network
# namespace (see the per-backend scripts). Needs root. Prints a per-backend
# summary and "N passed, N failed".
set -uo pipefail
vnetctl=${1:?usage: run.sh PATH-TO-vnetctl [CASE...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(default routed mtu-9000 isolated)
[ "$(id -u)" -eq 0 ] || { echo "FAIL: the native tests need root (namespaces)"; exit 1; }
work=$(mktemp -d /tmp/vnetctl-native.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
declare -A summary
for backend in networkd netplan networkmanager ifupdown; do
  for c in "${cases[@]}"; do
    out=$work/$backend-$c
    if ! "$vnetctl" render "$here/../golden/$c/input.xml" --backend "$backend" --output "$out" \
        >/dev/null 2>"$work/err"; then
      echo "FAIL: render $c for $backend: $(cat "$work/err")"
      failed=$((failed + 1)); summary[$backend]+="$c:render-failed "; continue
    fi
    if timeout 300 bash "$here/$backend.sh" "$out" >"$work/log" 2>&1; then
      echo "PASS: $backend accepts and brings up golden case $c ($(tail -1 "$work/log"))"
      passed=$((passed + 1)); summary[$backend]+="$c:ok "
    else
      echo "FAIL: $backend on golden case $c:"; sed 's/^/    /' "$work/log" | grep -v '^    PASS' | tail -15
      failed=$((failed + 1)); summary[$backend]+="$c:FAILED "
    fi
  done
done
echo "native summary:"
for backend in networkd netplan networkmanager ifupdown; do echo "  $backend: ${summary[$backend]}"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
