#!/usr/bin/env bash
# Network lifecycle events, as `virsh net-event` prints libvirt's: a script
# that waits for something to happen to a network. vnetctl has no daemon:
# `vnetctl event` watches the store (and, on the real root, the host's links)
# while it runs.
#
#   examples/network-events.sh [ROOT]
#
# Works on an image tree under --root (default: a fresh temporary one), so it
# needs nothing: a watcher in the background with --loop and --timestamp,
# then a network defined, changed (update --config rewrites the definition:
# vnetctl reports it as "Defined", where libvirt's net-update sends no event)
# and undefined, and the watcher's lines.
# On a live host, `vnetctl event --event lifecycle --loop` also reports
# "Started" and "Stopped", and "Stopped" for a bridge taken down by hand.
# VNETCTL names the vnetctl binary (default: vnetctl on $PATH).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
vnetctl=${VNETCTL:-vnetctl}
if [[ -n ${1:-} ]]; then
  root=$1
  mkdir -p "$root"
else
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
fi
vn() { "$vnetctl" --root "$root" --backend networkd "$@"; }
step() { printf '\n# %s\n' "$*"; }

vn list --all >/dev/null  # the store exists before the watcher's first look

step "A watcher in the background (virsh net-event --event lifecycle --loop)"
vn event --event lifecycle --loop --timeout 4 --timestamp >"$root/events.out" &
watcher=$!
sleep 1

step "Define, change and undefine a network"
vn define "$here/routed.xml"
vn update routed add ip-dhcp-host "<host mac='52:54:00:20:00:05' ip='10.20.0.5'/>" --config
vn undefine routed

step "What the watcher saw (it ends after --timeout 4: 'event loop timed out')"
wait "$watcher" || true
cat "$root/events.out"

step "One network's events (it must exist, as for virsh), one-shot: the first ends it"
vn define "$here/routed.xml" >/dev/null
vn event routed --event lifecycle --timeout 10 >"$root/one.out" &
watcher=$!
sleep 1
vn define "$here/dual-stack.xml" >/dev/null  # another network: not reported
vn undefine routed >/dev/null
wait "$watcher"  # exit 0: it saw an event
cat "$root/one.out"
vn undefine dualstack >/dev/null
