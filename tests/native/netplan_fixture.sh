#!/usr/bin/env bash
# netplan_fixture.sh OUTDIR: writes, by hand, the netplan YAML vnetctl
# renders for libvirt's default network (persistent: OUTDIR/etc/netplan) and
# for a second network covering the rest (runtime: OUTDIR/run/netplan; STP
# off with delay 5, MTU 9000, IPv6, static routes) — the bytes the unit tests
# expect — so netplan.sh can run before `vnetctl render` exists.
set -euo pipefail
out=${1:?usage: netplan_fixture.sh OUTDIR}
mkdir -p "$out/etc/netplan" "$out/run/netplan"
umask 077

cat >"$out/etc/netplan/90-vnetctl-default.yaml" <<'YAML'
# vnetctl network 'default': generated, do not edit
network:
  version: 2
  bridges:
    "virbr0":
      renderer: networkd
      interfaces: []
      addresses:
        - "192.168.122.1/24"
      macaddress: "52:54:00:0a:cd:21"
      link-local: []
      accept-ra: false
      optional: true
      parameters:
        stp: true
        forward-delay: 2
YAML

cat >"$out/run/netplan/90-vnetctl-lab.yaml" <<'YAML'
# vnetctl network 'lab': generated, do not edit
network:
  version: 2
  bridges:
    "virbr7":
      renderer: networkd
      interfaces: []
      addresses:
        - "192.168.107.1/24"
        - "fd00:107::1/64"
      macaddress: "52:54:00:00:00:07"
      mtu: 9000
      link-local:
        - ipv6
      accept-ra: false
      optional: true
      routes:
        - to: "192.168.222.0/24"
          via: "192.168.107.10"
          metric: 5
        - to: "fd00:200::/48"
          via: "fd00:107::2"
          metric: 1
      parameters:
        stp: false
        forward-delay: 5
YAML

chmod 0600 "$out"/etc/netplan/90-vnetctl-* "$out"/run/netplan/90-vnetctl-*
echo "wrote 2 files under $out"
