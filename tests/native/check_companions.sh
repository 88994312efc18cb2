#!/usr/bin/env bash
# Every golden case's companions, as `vnetctl render` writes them, pass the
# real tools: `dnsmasq --test` on each configuration (its file paths pointed
# into the rendered tree) and `nft -c -f` on each ruleset (in a private
# network namespace, so nothing reaches the host's tables).
set -uo pipefail
vnetctl=${1:?usage: check_companions.sh PATH-TO-vnetctl}
here=$(cd "$(dirname "$0")/.." && pwd)
for tool in /usr/sbin/dnsmasq nft unshare; do
  command -v $tool >/dev/null || { echo "FAIL: $tool missing"; echo "0 passed, 1 failed"; exit 1; }
done
work=$(mktemp -d /tmp/vnetctl-companions.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
for input in "$here"/golden/*/input.xml; do
  c=$(basename "$(dirname "$input")")
  out=$work/$c
  "$vnetctl" render "$input" --backend networkd --output "$out" >/dev/null 2>&1 || {
    echo "FAIL: render $c"; failed=$((failed + 1)); continue; }
  for conf in "$out"/etc/vnetctl/dnsmasq/*.conf; do
    [ -e "$conf" ] || continue
    sed -e "s|=/etc/vnetctl/|=$out/etc/vnetctl/|" -e "s|^pid-file=.*|pid-file=$work/pid|" \
        -e "s|^dhcp-leasefile=.*|dhcp-leasefile=$work/leases|" "$conf" >"$conf.test"
    if /usr/sbin/dnsmasq --test --conf-file="$conf.test" >/dev/null 2>"$work/err"; then
      passed=$((passed + 1))
    else
      echo "FAIL: dnsmasq --test $c: $(cat "$work/err")"; failed=$((failed + 1))
    fi
  done
  for rules in "$out"/etc/vnetctl/nftables/*.nft; do
    [ -e "$rules" ] || continue
    if unshare -n nft -c -f "$rules" 2>"$work/err"; then
      passed=$((passed + 1))
    else
      echo "FAIL: nft -c $c: $(cat "$work/err")"; failed=$((failed + 1))
    fi
  done
done
echo "companions: dnsmasq --test and nft -c on every golden case"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -ge 25 ]
