#!/usr/bin/env bash
# Writes, by hand, the tree `vnetctl render --backend networkmanager --output
# OUTDIR` produces for libvirt's default network (NAT, virbr0,
# 192.168.122.1/24, MAC 52:54:00:0a:cd:21, uuid
# 9a05da11-e96b-47f3-8253-a3a482e445f5), so tests/native/networkmanager.sh can
# run before the CLI exists. Keep in sync with the "default network" case of
# tests/unit/networkmanager_render_test.cpp.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 64; }
dir=$1/etc/NetworkManager/system-connections
mkdir -p "$dir"
file=$dir/vnetctl-default.nmconnection
# uuid = UUIDv5(namespace=<network uuid>, name="vnetctl:networkmanager")
(umask 077; cat >"$file" <<'KEYFILE'
[connection]
id=vnetctl-default
uuid=2a1617f7-4674-5e3e-afa8-142cac1e2ff8
type=bridge
interface-name=virbr0

[ethernet]

[bridge]
forward-delay=2
mac-address=52:54:00:0A:CD:21

[ipv4]
address1=192.168.122.1/24
method=manual
never-default=true

[ipv6]
method=disabled

[proxy]
KEYFILE
)
chmod 0600 "$file"
echo "$file"
