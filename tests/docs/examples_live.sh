#!/usr/bin/env bash
# Runs the examples that change a live host, each on a throwaway one: a
# network namespace with systemd-networkd running and private /etc, /var/lib
# and /run (tests/e2e/lib.sh), so the machine's own network never changes.
#   - examples/provision.sh: --check reports (exit 2), a run applies, a
#     second changes nothing, a changed static host is applied, a new bridge
#     MAC on a running network is refused, --autostart marks both;
#   - examples/try-network.sh: a transient network created and destroyed;
#   - examples/demo.sh: the README's walk-through (its own namespaces).
#   usage: examples_live.sh PATH/TO/vnetctl LOG        (as root)
# Every vnetctl command the examples run is appended to LOG.
set -uo pipefail
vnetctl=$(realpath "${1:?usage: examples_live.sh PATH/TO/vnetctl LOG}")
log=$(realpath -m "${2:?usage: examples_live.sh PATH/TO/vnetctl LOG}")
src=$(cd "$(dirname "$0")/../.." && pwd)
examples=$src/examples
# shellcheck source=tests/e2e/lib.sh
source "$src/tests/e2e/lib.sh"
require_root
# shellcheck disable=SC2046 # word list
require_tools "${E2E_TOOLS[@]}" $(e2e_tools_for networkd) jq
e2e_install_trap
unset VNETCTL_ROOT VNETCTL_BACKEND VNETCTL_FAULT

mkdir -p "$(dirname "$log")"
: >"$log"
make_tmpdir
bin=$REPLY
# A vnetctl that records each command line, so coverage can be checked.
printf '#!/bin/sh\nprintf "%%s\\n" "$*" >>"%s"\nexec "%s" "$@"\n' "$log" "$vnetctl" >"$bin/vnetctl"
chmod +x "$bin/vnetctl"

e2e_host_up networkd
[[ -n ${EXAMPLES_KEEP:-} ]] && trap 'cp -r "$W" "$EXAMPLES_KEEP"; e2e_cleanup' EXIT
# ex OUTFILE SCRIPT ARGS...: runs an example in the host namespace; sets RC.
ex() {
  local out=$1
  shift
  in_ns env VNETCTL="$bin/vnetctl" VNETCTL_BACKEND=networkd PATH="$bin:$PATH" bash "$@" >"$out" 2>&1
  RC=$?
}
# expect_rc WHAT WANT OUTFILE: the last example's exit status.
expect_rc() {
  if [[ $RC -eq $2 ]]; then
    pass "$1: exit $RC"
  else
    fail "$1: exit $RC, wanted $2"
    sed 's/^/    /' "$3" | tail -25 >&2
  fi
}
# expect_out WHAT PATTERN OUTFILE
expect_out() { check "$1" grep -q -- "$2" "$3"; }

nets=("$examples/isolated-lab.xml" "$examples/static-hosts.xml")

# --- provision.sh ----------------------------------------------------------
o=$W/provision-check1
ex "$o" "$examples/provision.sh" --check "${nets[@]}"
expect_rc "provision --check on a new host" 2 "$o"
expect_out "provision --check reports both as not running" "differs=2" "$o"

o=$W/provision-apply
ex "$o" "$examples/provision.sh" "${nets[@]}"
expect_rc "provision applies" 0 "$o"
expect_out "provision changed both" "changed=2 unchanged=0 differs=0 failed=0" "$o"
check "lab's bridge is up" e2e_has_addr virbr10 10.10.0.1/24
check "smalllab's bridge is up" e2e_has_addr virbr30 192.168.130.1/24

o=$W/provision-check2
ex "$o" "$examples/provision.sh" --check "${nets[@]}"
expect_rc "provision --check after it" 0 "$o"

o=$W/provision-again
ex "$o" "$examples/provision.sh" "${nets[@]}"
expect_rc "provision again" 0 "$o"
expect_out "provision again changes nothing" "changed=0 unchanged=2" "$o"

# lab is active on virbr10: plug a stand-in guest port in and out of it.
o=$W/network-ports
ex "$o" "$examples/network-ports.sh" lab
expect_rc "network-ports.sh" 0 "$o"
expect_out "network-ports.sh plugged the port" "^Network port .* created from " "$o"
expect_out "network-ports.sh lists it" "^ [0-9a-f-]\{36\}$" "$o"
expect_out "network-ports.sh shows the guest's MAC" "<mac address='52:54:00:ee:00:01'/>" "$o"
expect_out "network-ports.sh shows the bridge" "<plug type='network' bridge='virbr10'/>" "$o"
expect_out "network-ports.sh unplugged it" "^Network port .* deleted$" "$o"
check "network-ports.sh left no veth" bash -c "! nsenter -t $VNT_HOLDER -m -n -- ip link show vnetex0 >/dev/null 2>&1"

# A new static host reaches dnsmasq without touching the bridge.
sed "s|</dhcp>|  <host mac='52:54:00:30:00:15' name='backup' ip='192.168.130.15'/>\n    </dhcp>|" \
  "$examples/static-hosts.xml" >"$W/static-hosts-more.xml"
o=$W/provision-host
ex "$o" "$examples/provision.sh" "$W/static-hosts-more.xml"
expect_rc "provision a new static host" 0 "$o"
expect_out "provision applied it" "changed=1" "$o"
check "dnsmasq has the new host" in_ns grep -q 52:54:00:30:00:15 /run/vnetctl/dnsmasq/smalllab.hostsfile

# A new bridge MAC would recreate a running bridge: refused.
sed "s|<bridge name='virbr30'/>|<bridge name='virbr30'/>\n  <mac address='52:54:00:30:ff:ff'/>|" \
  "$W/static-hosts-more.xml" >"$W/static-hosts-mac.xml"
o=$W/provision-mac
ex "$o" "$examples/provision.sh" "$W/static-hosts-mac.xml"
expect_rc "provision refuses a disruptive change" 1 "$o"
expect_out "provision says why" "refused:" "$o"

o=$W/provision-autostart
ex "$o" "$examples/provision.sh" --autostart "$examples/isolated-lab.xml" "$W/static-hosts-more.xml"
expect_rc "provision --autostart" 0 "$o"
check "both autostart" bash -c "[[ \$(nsenter -t $VNT_HOLDER -m -n -- '$vnetctl' --backend networkd -q list --autostart --name | sort | tr '\n' ' ') == 'lab smalllab ' ]]"

# --- try-network.sh --------------------------------------------------------
o=$W/try-network
ex "$o" "$examples/try-network.sh" "$examples/dns-entries.xml"
expect_rc "try-network.sh" 0 "$o"
expect_out "try-network.sh lists it as transient" "dnslab .*active .*no .*no" "$o"
check "try-network.sh left no bridge" bash -c "! nsenter -t $VNT_HOLDER -m -n -- ip link show virbr50 >/dev/null 2>&1"

# --- demo.sh (its own namespaces) ------------------------------------------
o=$W/demo
DEMO_BACKEND=networkd bash "$examples/demo.sh" "$bin/vnetctl" >"$o" 2>&1
RC=$?
expect_rc "demo.sh" 0 "$o"
expect_out "demo.sh: the plan differs first (exit 2)" "^(exit 2)" "$o"
expect_out "demo.sh: the guest got a lease" "^guest .* got 192\.168\.122\." "$o"
expect_out "demo.sh: NAT shows the host's address upstream" "upstream sees the guest as: $E2E_UP_HOST" "$o"
expect_out "demo.sh: no differences once started" "no differences" "$o"
expect_out "demo.sh: doctor finds no problems" "^No problems found" "$o"

summary
