#!/usr/bin/env bash
# A network's ports, as `virsh net-port-*` shows libvirt's: vnetctl's ports
# are the links whose master is the network's bridge (a domain's tap, a veth,
# anything attached by hand), each with a UUID derived from the network's UUID
# and the link's name.
#
#   examples/network-ports.sh NETWORK
#
# Makes a stand-in for a guest's tap (one end of a veth pair, vnetex0, with
# the MAC libvirt would give the tap of a guest whose MAC is
# 52:54:00:ee:00:01), plugs it into the active NETWORK with `port-create`
# from a networkport XML file, lists the ports, prints the port's XML,
# unplugs it with `port-delete` and removes the veth pair again.
# Needs root and an active NETWORK; it adds and removes vnetex0/vnetex0p on
# this host. VNETCTL names the vnetctl binary (default: vnetctl on $PATH).
set -euo pipefail
net=${1:?usage: network-ports.sh NETWORK}
vnetctl=${VNETCTL:-vnetctl}
tap=vnetex0
step() { printf '\n# %s\n' "$*"; }

work=$(mktemp -d)
ip link add "$tap" address fe:54:00:ee:00:01 type veth peer name "${tap}p"
trap 'ip link del "$tap" 2>/dev/null || true; rm -rf "$work"' EXIT
ip link set "$tap" up

# The guest's MAC: vnetctl finds the link with that MAC, or with it with the
# first byte fe (libvirt's rule for a guest's tap), that is in no bridge yet.
cat >"$work/port.xml" <<EOF
<networkport>
  <uuid>$(cat /proc/sys/kernel/random/uuid)</uuid>
  <owner>
    <name>example-guest</name>
    <uuid>$(cat /proc/sys/kernel/random/uuid)</uuid>
  </owner>
  <mac address='52:54:00:ee:00:01'/>
  <plug type='network' bridge='$("$vnetctl" --json info "$net" | sed -n 's/.*"bridge": "\(.*\)".*/\1/p')'/>
</networkport>
EOF

step "Plug $tap into $net (virsh net-port-create)"
created=$("$vnetctl" port-create "$net" "$work/port.xml")
echo "$created"
uuid=$(awk '/^Network port / {print $3}' <<<"$created")

step "The network's ports (virsh net-port-list)"
"$vnetctl" net-port-list "$net"

step "The port's XML: the guest's MAC, the bridge (virsh net-port-dumpxml)"
"$vnetctl" port-dumpxml "$net" "$uuid"

step "Unplug it (virsh net-port-delete)"
"$vnetctl" port-delete "$net" "$uuid"
"$vnetctl" port-list "$net" --uuid
