#!/usr/bin/env bash
# Writes, by hand, the tree `vnetctl render --backend networkmanager --output
# OUTDIR` produces for libvirt's default network (NAT, virbr0,
# 192.168.122.1/24, MAC 52:54:00:0a:cd:21, uuid
# 81ff0d90-c91e-6742-64da-4a736edb9a9b), so tests/native/networkmanager.sh can
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
uuid=44683a79-47b0-5104-bccb-28421112e0d1
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
