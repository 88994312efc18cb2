#!/usr/bin/env bash
# networkd_fixture.sh OUTDIR: writes, by hand, the systemd-networkd files
# vnetctl renders for libvirt's default network (NAT, virbr0,
# 192.168.122.1/24, MAC 52:54:00:0a:cd:21, <bridge stp='on' delay='0'/>) at
# their real paths under OUTDIR, plus a second network exercising what the
# default one does not (runtime placement, STP off with delay 5, MTU 9000,
# IPv6, static routes) — the same bytes the unit tests
# expect, so networkd.sh can run before `vnetctl render` exists.
set -euo pipefail
out=${1:?usage: networkd_fixture.sh OUTDIR}
etc=$out/etc/systemd/network
run=$out/run/systemd/network
mkdir -p "$etc" "$run"

cat >"$etc/50-vnetctl-default.netdev" <<'INI'
# vnetctl network 'default': generated, do not edit

[NetDev]
Name=virbr0
Kind=bridge
MACAddress=52:54:00:0a:cd:21

[Bridge]
STP=yes
ForwardDelaySec=2
INI

cat >"$etc/50-vnetctl-default.network" <<'INI'
# vnetctl network 'default': generated, do not edit

[Match]
Name=virbr0

[Link]
RequiredForOnline=no

[Network]
Address=192.168.122.1/24
ConfigureWithoutCarrier=yes
IgnoreCarrierLoss=yes
LinkLocalAddressing=no
IPv6AcceptRA=no
INI

cat >"$run/50-vnetctl-lab.netdev" <<'INI'
# vnetctl network 'lab': generated, do not edit

[NetDev]
Name=virbr7
Kind=bridge
MACAddress=52:54:00:00:00:07
MTUBytes=9000

[Bridge]
STP=no
ForwardDelaySec=5
INI

cat >"$run/50-vnetctl-lab.network" <<'INI'
# vnetctl network 'lab': generated, do not edit

[Match]
Name=virbr7

[Link]
MTUBytes=9000
RequiredForOnline=no

[Network]
Address=192.168.107.1/24
ConfigureWithoutCarrier=yes
IgnoreCarrierLoss=yes
LinkLocalAddressing=ipv6
IPv6AcceptRA=no

[Address]
Address=fd00:107::1/64
DuplicateAddressDetection=none

[Route]
Destination=192.168.222.0/24
Gateway=192.168.107.10
Metric=5

[Route]
Destination=fd00:200::/48
Gateway=fd00:107::2
Metric=1
INI

chmod 0644 "$etc"/50-vnetctl-* "$run"/50-vnetctl-*
echo "wrote 4 files under $out"
