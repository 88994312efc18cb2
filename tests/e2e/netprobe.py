#!/usr/bin/env python3
"""Small network probes for the import end-to-end test, run in a guest
namespace. Each prints one line (the fact) and exits 0, or prints why it got
nothing on stderr and exits 1. No binding leases, nothing left behind.

  netprobe.py dns SERVER NAME [A|AAAA]
        one DNS query to SERVER:53; prints the answers' addresses sorted and
        joined by ',' or the response code's name (NXDOMAIN, REFUSED, ...)
        when there are none; "timeout" (exit 1) without an answer
  netprobe.py offer IFACE MAC [REQUESTED_IP]
        a DHCPv4 DISCOVER from MAC (broadcast flag, optional requested
        address); prints the address the first OFFER names: the server's
        choice, which binds nothing
  netprobe.py dhcp6 IFACE
        a DHCPv6 SOLICIT for one IA_NA; prints the address the first
        ADVERTISE offers, or "status N" when it offers none
  netprobe.py link BRIDGE
        (in the host namespace) the bridge's facts, one "PROPERTY VALUE"
        line each: bridge (name, STP, forward delay, MTU), mac, addresses
        (global), link-local, routes (via the bridge, as "DST[ via GW]"),
        ports; "bridge missing" when there is no such bridge
"""
import json
import subprocess
import random
import socket
import struct
import sys
import time

SO_BINDTODEVICE = 25
RCODES = {0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED"}


def dns(server, name, qtype="A"):
    qt = {"A": 1, "AAAA": 28}[qtype]
    qid = random.randrange(65536)
    q = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.rstrip(".").split("."):
        q += bytes([len(label)]) + label.encode()
    q += b"\0" + struct.pack("!HH", qt, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(1.5)
    for _ in range(2):
        s.sendto(q, (server, 53))
        try:
            while True:
                r, _ = s.recvfrom(4096)
                if struct.unpack("!H", r[:2])[0] == qid:
                    print(parse_dns(r, qt))
                    return 0
        except socket.timeout:
            continue
    print(f"dns {name}@{server}: no answer", file=sys.stderr)
    print("timeout")
    return 1


def skip_name(r, i):
    while True:
        n = r[i]
        if n == 0:
            return i + 1
        if n & 0xC0 == 0xC0:
            return i + 2
        i += n + 1


def parse_dns(r, qt):
    flags, qd, an = struct.unpack("!HHH", r[2:8])
    i = 12
    for _ in range(qd):
        i = skip_name(r, i) + 4
    out = []
    for _ in range(an):
        i = skip_name(r, i)
        t, _, _, ln = struct.unpack("!HHIH", r[i : i + 10])
        i += 10
        if t == qt:
            fam = socket.AF_INET if t == 1 else socket.AF_INET6
            out.append(socket.inet_ntop(fam, r[i : i + ln]))
        i += ln
    return ",".join(sorted(out)) if out else RCODES.get(flags & 0xF, f"rcode{flags & 0xF}")


def bound_socket(family, iface, port):
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, SO_BINDTODEVICE, iface.encode())
    if family == socket.AF_INET:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        s.bind(("0.0.0.0", port))
    else:
        s.bind(("::", port))
    return s


def offer(iface, mac, requested=None):
    chaddr = bytes.fromhex(mac.replace(":", ""))
    xid = random.randrange(1 << 32)
    pkt = struct.pack("!BBBBIHH4s4s4s4s", 1, 1, 6, 0, xid, 0, 0x8000, b"\0" * 4, b"\0" * 4,
                      b"\0" * 4, b"\0" * 4)
    pkt += chaddr.ljust(16, b"\0") + b"\0" * 192 + b"\x63\x82\x53\x63"
    pkt += b"\x35\x01\x01"  # DHCPDISCOVER
    pkt += b"\x3d\x07\x01" + chaddr  # client identifier, as udhcpc sends it
    if requested:
        pkt += b"\x32\x04" + socket.inet_aton(requested)
    pkt += b"\x37\x03\x01\x03\x06\xff"
    s = bound_socket(socket.AF_INET, iface, 68)
    s.settimeout(1.0)
    end = time.time() + 6
    while time.time() < end:
        s.sendto(pkt, ("255.255.255.255", 67))
        try:
            while True:
                r, _ = s.recvfrom(2048)
                if len(r) >= 240 and struct.unpack("!I", r[4:8])[0] == xid and r[0] == 2:
                    print(socket.inet_ntoa(r[16:20]))
                    return 0
        except socket.timeout:
            continue
    print(f"offer on {iface}: no OFFER", file=sys.stderr)
    return 1


def dhcp6(iface):
    idx = socket.if_nametoindex(iface)
    xid = random.randrange(1 << 24)
    duid = struct.pack("!HH", 3, 1) + bytes(random.randrange(256) for _ in range(6))
    iaid = random.randrange(1 << 32)
    msg = struct.pack("!I", (1 << 24) | xid)  # SOLICIT
    msg += struct.pack("!HH", 1, len(duid)) + duid  # client id
    msg += struct.pack("!HHIII", 3, 12, iaid, 0, 0)  # IA_NA
    msg += struct.pack("!HHH", 8, 2, 0)  # elapsed time
    s = bound_socket(socket.AF_INET6, iface, 546)
    s.settimeout(1.0)
    end = time.time() + 8
    while time.time() < end:
        try:
            s.sendto(msg, ("ff02::1:2", 547, 0, idx))
        except OSError:  # no link-local address yet (DAD)
            time.sleep(0.3)
            continue
        try:
            while True:
                r, _ = s.recvfrom(4096)
                if r[0] == 2 and struct.unpack("!I", r[:4])[0] & 0xFFFFFF == xid:
                    print(advertised(r[4:]))
                    return 0
        except socket.timeout:
            continue
    print(f"dhcp6 on {iface}: no ADVERTISE", file=sys.stderr)
    return 1


def options(b):
    i = 0
    while i + 4 <= len(b):
        code, ln = struct.unpack("!HH", b[i : i + 4])
        yield code, b[i + 4 : i + 4 + ln]
        i += 4 + ln


def advertised(body):
    status = None
    for code, val in options(body):
        if code == 3:  # IA_NA: iaid, t1, t2, options
            for c2, v2 in options(val[12:]):
                if c2 == 5:
                    return socket.inet_ntop(socket.AF_INET6, v2[:16])
                if c2 == 13:
                    status = struct.unpack("!H", v2[:2])[0]
        elif code == 13:
            status = struct.unpack("!H", val[:2])[0]
    return f"status {status}"


def ipj(*args):
    r = subprocess.run(["ip", "-j", *args], capture_output=True, text=True)
    return json.loads(r.stdout or "[]") if r.returncode == 0 else None


def link(br):
    info = ipj("-d", "link", "show", "dev", br)
    if not info or info[0].get("linkinfo", {}).get("info_kind") != "bridge":
        print("bridge missing")
        return 1
    li = info[0]
    data = li["linkinfo"].get("info_data", {})
    print(f"bridge {br} stp={data.get('stp_state')} delay={data.get('forward_delay')} mtu={li.get('mtu')}")
    print(f"mac {li.get('address')}")
    addrs = ipj("addr", "show", "dev", br)[0].get("addr_info", [])
    glob = sorted(f"{a['local']}/{a['prefixlen']}" for a in addrs if a.get("scope") == "global")
    ll = sorted(f"{a['local']}/{a['prefixlen']}" for a in addrs if a.get("scope") == "link")
    print(f"addresses {' '.join(glob) or 'none'}")
    print(f"link-local {' '.join(ll) or 'none'}")
    routes = []
    for fam in ("-4", "-6"):
        for r in ipj(fam, "route", "show", "dev", br) or []:
            dst = r.get("dst", "")
            if dst.startswith("fe80:") or dst.startswith("ff00:") or dst.startswith("multicast"):
                continue
            routes.append(dst + (f" via {r['gateway']}" if "gateway" in r else ""))
    print(f"routes {', '.join(sorted(routes)) or 'none'}")
    ports = sorted(p["ifname"] for p in ipj("link", "show", "master", br) or [])
    print(f"ports {' '.join(ports) or 'none'}")
    return 0


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    sys.exit({"dns": dns, "offer": offer, "dhcp6": dhcp6, "link": link}[cmd](*args))
