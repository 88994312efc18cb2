#!/usr/bin/env python3
"""Inputs for the benchmarks: libvirt network XML, libvirt test-driver node
files and netplan YAML for the same bridges.

    bench/gen.py OUTDIR [--sizes N,N,...] [--hosts H,H,...] [--big HOSTS]

writes
    OUTDIR/xml/n{N}h{H}/bn{I}.xml   N NAT networks with H static hosts each
    OUTDIR/xml/big/bnbig.xml        one NAT network with HOSTS static hosts
    OUTDIR/xml/stpoff/bs0.xml       bn0's shape (10 hosts) with STP off
    OUTDIR/node/n{N}h{H}.xml        a libvirt test-driver node holding the same
                                    networks (virsh -c test:///PATH), so virsh
                                    parses the same definitions vnetctl's store
                                    holds
    OUTDIR/netplan/n{N}/etc/netplan/60-bench-vbr{I}.yaml
                                    the same bridges (address, no STP delay) in
                                    netplan's own YAML, for
                                    `netplan generate --root-dir`

Every network I has its own bridge vbr{I}, a /22 of 10.0.0.0/8 (gateway .1),
static hosts from .2 upwards and a DHCP range above them; the big network
has 10.64.0.0/18. UUIDs and MACs are derived from the names, so every run
generates the same bytes.
"""
import argparse
import ipaddress
import os
import uuid

NS = uuid.UUID("5b0c0b1e-6e65-7463-746c-62656e636821")
SUBNET_BASE = ipaddress.IPv4Address("10.0.0.0")
BIG_SUBNET = ipaddress.IPv4Network("10.64.0.0/18")
STP_OFF_INDEX = 3000  # bs0: 10.46.224.0/22, beyond the 1,000 networks' subnets


def mac(net_index, host_index):
    """52:54:NN:NN:HH:HH: 16 bits of network, 16 bits of host."""
    return "52:54:%02x:%02x:%02x:%02x" % (
        (net_index >> 8) & 0xFF, net_index & 0xFF, (host_index >> 8) & 0xFF, host_index & 0xFF)


def subnet_of(index):
    """The /22 of network `index` (10.0.0.0/22, 10.0.4.0/22, ...)."""
    return ipaddress.IPv4Network((int(SUBNET_BASE) + index * 1024, 22))


def network_xml(name, index, bridge, subnet, hosts, range_size=None, stp=True):
    """libvirt network XML: NAT, own bridge, gateway .1, `hosts` static
    hosts at .2 upwards, a DHCP range just above them. STP on with no
    delay is libvirt's default network's form (the kernel makes the delay
    2 s once STP runs); stp=False leaves STP off."""
    gw = subnet.network_address + 1
    first_free = int(subnet.network_address) + 2 + hosts
    last = int(subnet.broadcast_address) - 1
    if range_size is not None:
        last = min(last, first_free + range_size - 1)
    if first_free > last:
        raise ValueError(f"{name}: {subnet} too small for {hosts} hosts and a range")
    lines = [
        "<network>",
        f"  <name>{name}</name>",
        f"  <uuid>{uuid.uuid5(NS, name)}</uuid>",
        "  <forward mode='nat'/>",
        f"  <bridge name='{bridge}' stp='on' delay='0'/>" if stp else
        f"  <bridge name='{bridge}' stp='off'/>",
        f"  <mac address='{mac(index, 0xFFFF)}'/>",
        f"  <ip address='{gw}' netmask='{subnet.netmask}'>",
        "    <dhcp>",
        f"      <range start='{ipaddress.IPv4Address(first_free)}' "
        f"end='{ipaddress.IPv4Address(last)}'/>",
    ]
    for h in range(hosts):
        ip = ipaddress.IPv4Address(int(subnet.network_address) + 2 + h)
        lines.append(f"      <host mac='{mac(index, h)}' name='h{h}' ip='{ip}'/>")
    lines += ["    </dhcp>", "  </ip>", "</network>", ""]
    return "\n".join(lines)


def netplan_yaml(bridge, subnet):
    """The same bridge in netplan's YAML (networkd renderer): address,
    no ports, no link-local, STP on with no forward delay."""
    gw = subnet.network_address + 1
    return (
        "network:\n"
        "  version: 2\n"
        "  renderer: networkd\n"
        "  bridges:\n"
        f"    {bridge}:\n"
        "      interfaces: []\n"
        f"      addresses: [{gw}/{subnet.prefixlen}]\n"
        "      link-local: []\n"
        "      parameters:\n"
        "        stp: true\n"
        "        forward-delay: 0\n")


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def set_dir(n, h):
    return f"n{n}h{h}"


def generate(out, sizes, host_counts, big_hosts):
    for n in sizes:
        for h in host_counts:
            d = os.path.join(out, "xml", set_dir(n, h))
            node = ["<node>"]
            for i in range(n):
                path = os.path.join(d, f"bn{i}.xml")
                write(path, network_xml(f"bn{i}", i, f"vbr{i}", subnet_of(i), h))
                node.append(f"  <network file='{path}'/>")
            node.append("</node>\n")
            write(os.path.join(out, "node", set_dir(n, h) + ".xml"), "\n".join(node))
        for i in range(n):
            write(os.path.join(out, "netplan", f"n{n}", "etc", "netplan", f"60-bench-vbr{i}.yaml"),
                  netplan_yaml(f"vbr{i}", subnet_of(i)), 0o600)
    write(os.path.join(out, "xml", "stpoff", "bs0.xml"),
          network_xml("bs0", STP_OFF_INDEX, "vbs0", subnet_of(STP_OFF_INDEX), 10, stp=False))
    big = os.path.join(out, "xml", "big", "bnbig.xml")
    write(big, network_xml("bnbig", 0xFFFF, "vbrbig", BIG_SUBNET, big_hosts, range_size=1000))
    write(os.path.join(out, "node", "big.xml"), f"<node>\n  <network file='{big}'/>\n</node>\n")
    write(os.path.join(out, "netplan", "big", "etc", "netplan", "60-bench-vbrbig.yaml"),
          netplan_yaml("vbrbig", BIG_SUBNET), 0o600)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--sizes", default="1,100,1000")
    ap.add_argument("--hosts", default="0,10,1000")
    ap.add_argument("--big", type=int, default=10000)
    a = ap.parse_args()
    ints = lambda s: [int(x) for x in s.split(",") if x]
    generate(os.path.abspath(a.out), ints(a.sizes), ints(a.hosts), a.big)


if __name__ == "__main__":
    main()
