#!/usr/bin/env bash
# Prepare a disk image's virtual networks without touching this host.
#
#   examples/offline-image.sh IMAGE-ROOT BACKEND
#
# IMAGE-ROOT is the image's root directory (a mounted image, a debootstrap
# tree, or any empty directory to try it); BACKEND is the network manager
# the image runs: networkmanager, networkd, netplan or ifupdown.
#
# Every vnetctl command here runs with --root IMAGE-ROOT, so it reads and
# writes only under that tree, needs no root and changes nothing live. At
# the end IMAGE-ROOT holds vnetctl's store (/etc/vnetctl/networks) and every
# file the manager needs to bring the two networks up at the image's first
# boot, as autostarted networks. Along the way it shows the commands that
# look after definitions: list, undefine, define, update, edit, info, uuid,
# name, dumpxml, autostart, render, and backends, and virsh's spelling of
# them (-c qemu:///system, --network NAME, -r).
#
# VNETCTL names the vnetctl binary (default: vnetctl on $PATH).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
image=${1:?usage: offline-image.sh IMAGE-ROOT BACKEND}
backend=${2:?usage: offline-image.sh IMAGE-ROOT BACKEND}
vnetctl=${VNETCTL:-vnetctl}
mkdir -p "$image"

# Every command on the image's tree, for the image's manager.
v() { "$vnetctl" --root "$image" --backend "$backend" "$@"; }
step() { printf '\n# %s\n' "$*"; }

step "The image's store. Its first use seeds libvirt's 'default' network (NAT on virbr0)."
v list --all
step "This image does not want it."
v undefine default

step "Two networks from the examples: a small lab with fixed addresses, and an isolated one."
v define --validate "$here/static-hosts.xml"  # libvirt's schema first, as virsh --validate
v define "$here/isolated-lab.xml"

step "One more static host, as 'virsh net-update' would add it (the network is not running: --config)."
v update smalllab add ip-dhcp-host \
  "<host mac='52:54:00:30:00:14' name='mail' ip='192.168.130.14'/>" --config

step "A line written for virsh converts by its program name: the system URI, named arguments."
v -c qemu:///system net-update --command add-last smalllab ip-dhcp-host \
  --xml "<host mac='52:54:00:30:00:15' name='backup' ip='192.168.130.15'/>" --config
step "Read-only, as a configuration-management provider lists networks (virsh -r)."
v --quiet --readonly net-list --table --all --persistent
if v -r net-undefine --network smalllab 2>/dev/null; then exit 1; fi  # refused: read-only

step "A scripted edit: EDITOR may be any command that edits the file it is given."
EDITOR="sed -i -e s/lab.test/lab.example/" v edit lab
v dumpxml lab --xpath /network/domain

step "What is stored: info, and the uuid and name of a network, each from the other."
v info smalllab
uuid=$(v -q uuid smalllab)
[[ $(v -q name "$uuid") == smalllab ]]
echo "smalllab <-> $uuid"
v --json list --all

step "Both come up at boot, through $backend."
v autostart smalllab
v autostart lab
v list --all --autostart

step "The files $backend and vnetctl's companions need, written into the image at their real paths."
for net in smalllab lab; do
  v render "$net" --output "$image"
done
(cd "$image" && find etc -type f -o -type l | grep -v '^etc/vnetctl/networks' | sort)

step "Checked with $backend's own offline tools where it has them."
case $backend in
  netplan)
    if command -v netplan >/dev/null; then
      netplan generate --root-dir "$image"
      ls "$image/run/systemd/network"
    fi
    ;;
  ifupdown)
    if command -v ifquery >/dev/null; then
      for f in "$image"/etc/network/interfaces.d/vnetctl-*; do ifquery -i "$f" --list; done
    fi
    ;;
  networkmanager)
    if command -v nmcli >/dev/null; then
      for f in "$image"/etc/NetworkManager/system-connections/vnetctl-*.nmconnection; do
        nmcli --offline connection modify <"$f" >/dev/null && echo "nmcli accepts $(basename "$f")"
      done
    fi
    ;;
  networkd) ls "$image/etc/systemd/network" ;;
esac

step "Which manager vnetctl would pick on this machine, by contrast (it only looks)."
"$vnetctl" backends
