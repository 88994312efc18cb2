#!/usr/bin/env bash
# Try a network out without keeping it: `vnetctl create` realizes a network
# straight from a file as a transient network (libvirt's `virsh
# net-create`): it is never stored under /etc/vnetctl, its files go under
# /run, and `vnetctl destroy` (or a reboot) removes every trace of it.
#
#   examples/try-network.sh [FILE]      (default: isolated-lab.xml beside this script)
#
# Shows the plan first (--dry-run), then creates the network, lists it among
# the transient networks, shows its state and DHCP leases, and destroys it.
# Needs root. VNETCTL names the vnetctl binary (default: vnetctl on $PATH);
# VNETCTL_BACKEND chooses the manager.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
file=${1:-$here/isolated-lab.xml}
vnetctl=${VNETCTL:-vnetctl}
step() { printf '\n# %s\n' "$*"; }

name=$(sed -n 's:.*<name>\(.*\)</name>.*:\1:p' "$file" | head -1)
[[ -n $name ]] || { echo "try-network: no <name> in $file" >&2; exit 1; }

step "What creating '$name' would do (nothing changes yet)"
"$vnetctl" create "$file" --dry-run

step "Create it: realized now, stored nowhere"
"$vnetctl" create "$file"
# The network goes whatever happens below.
trap '"$vnetctl" destroy "$name" >/dev/null 2>&1 || true' EXIT

step "It is active and transient"
"$vnetctl" list --transient
"$vnetctl" info "$name"
"$vnetctl" --json info "$name" | grep -q '"persistent": false'

step "Its DHCP leases (none yet: no guest has asked)"
"$vnetctl" dhcp-leases "$name"

step "Destroy it: the bridge, its dnsmasq, its firewall table and its files go"
"$vnetctl" destroy "$name"
trap - EXIT
if "$vnetctl" info "$name" >/dev/null 2>&1; then
  echo "try-network: $name still exists" >&2
  exit 1
fi
echo "'$name' is gone"
