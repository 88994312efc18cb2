#!/usr/bin/env python3
"""Snapshot of everything a network start/apply can change in the test's host
namespace, to prove a failed apply left the host exactly as before.

  snapshot.py take ROOT...        JSON on stdout (run inside the namespace)
  snapshot.py compare A B         prints a diff; exits 1 if they differ

Covered: links (kind, MAC, MTU, flags, master, bridge parameters), addresses,
routes (all tables, both families), the nftables ruleset (stateless, so
counters do not count), forwarding sysctls, the file tree under each ROOT
(type, mode, sha256 or link target; a pid file stands for the command line
of the live process it names), every process in the namespace (command line,
not PID), and the manager's own view (networkctl / nmcli) when it runs.
Deliberately left out, because they change on their own: ifindexes,
counters, address lifetimes, bridge timers and ageing time, daemon-private state directories.
"""
import difflib
import hashlib
import json
import os
import stat
import subprocess
import sys

# Daemon-private state that changes by itself (leases renewing, link state
# files keyed by ifindex, the bus).
EXCLUDE = ("/run/dbus", "/run/systemd/netif", "/run/NetworkManager/devices",
           "/run/user", "/run/lock")

LINK_KEYS = ("ifname", "address", "mtu", "master", "operstate", "link_type")
# Not ageing_time: with STP on, the kernel shortens it to forward_delay
# during each topology change (a port joining) and restores it later.
BRIDGE_KEYS = ("stp_state", "forward_delay", "vlan_filtering", "hello_time",
               "max_age", "priority", "multicast_snooping")
ADDR_KEYS = ("family", "local", "prefixlen", "scope", "label", "broadcast",
             "noprefixroute", "nodad")
ROUTE_KEYS = ("type", "dst", "gateway", "dev", "protocol", "scope", "prefsrc",
              "metric", "table", "flags", "pref")


def run(*argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"<{argv[0]}: {e}>"


def ip_json(*args):
    out = run("ip", "-j", *args)
    try:
        return json.loads(out or "[]")
    except json.JSONDecodeError:
        return [out]


def links():
    res = {}
    for l in ip_json("-d", "link", "show"):
        d = {k: l.get(k) for k in LINK_KEYS if k in l}
        d["flags"] = sorted(l.get("flags", []))
        info = l.get("linkinfo", {})
        d["kind"] = info.get("info_kind")
        if d["kind"] == "bridge":
            data = info.get("info_data", {})
            d["bridge"] = {k: data.get(k) for k in BRIDGE_KEYS}
        res[l["ifname"]] = d
    return res


def addresses():
    res = {}
    for l in ip_json("addr", "show"):
        res[l["ifname"]] = sorted(
            json.dumps({k: a.get(k) for k in ADDR_KEYS if k in a}, sort_keys=True)
            for a in l.get("addr_info", []))
    return res


def routes():
    res = []
    for fam in ("-4", "-6"):
        for r in ip_json(fam, "route", "show", "table", "all"):
            res.append(json.dumps({k: r.get(k) for k in ROUTE_KEYS if k in r}, sort_keys=True))
    return sorted(res)


def sysctls():
    keys = ["net/ipv4/ip_forward", "net/ipv6/conf/all/forwarding"]
    for name in os.listdir("/proc/sys/net/ipv6/conf"):
        keys += [f"net/ipv6/conf/{name}/disable_ipv6", f"net/ipv6/conf/{name}/accept_ra"]
    res = {}
    for k in keys:
        try:
            res[k] = open("/proc/sys/" + k).read().strip()
        except OSError:
            pass
    return res


def cmdline(pid):
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode().strip()
    except OSError:
        return None


def describe(path):
    st = os.lstat(path)
    mode = oct(stat.S_IMODE(st.st_mode))
    if stat.S_ISLNK(st.st_mode):
        return f"link -> {os.readlink(path)}"
    if stat.S_ISDIR(st.st_mode):
        return f"dir {mode}"
    if not stat.S_ISREG(st.st_mode):
        return f"special {mode}"
    data = open(path, "rb").read()
    if path.startswith("/run/network/ifstate.") and not data.strip():
        return None  # ifupdown's record of an interface that is down: as if absent
    if path.endswith(".pid"):
        pid = data.decode(errors="replace").strip()
        live = cmdline(pid) if pid.isdigit() else None
        return f"pidfile {mode} -> {live if live is not None else 'no live process'}"
    return f"file {mode} {hashlib.sha256(data).hexdigest()[:16]}"


def files(roots):
    res = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            if dirpath.startswith(EXCLUDE):
                dirnames[:] = []
                continue
            for name in dirnames + filenames:
                p = os.path.join(dirpath, name)
                if p.startswith(EXCLUDE) or p in res:
                    continue
                try:
                    d = describe(p)
                except OSError as e:
                    d = f"<{e.strerror}>"
                if d is not None:
                    res[p] = d
    return res


def processes():
    me = os.readlink("/proc/self/ns/net")
    skip = {os.getpid(), os.getppid()}
    res = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if int(pid) in skip or os.readlink(f"/proc/{pid}/ns/net") != me:
                continue
        except OSError:
            continue
        c = cmdline(pid)
        if c:  # kernel threads and vanished processes have none
            res.append(c)
    return sorted(res)


def manager_view():
    res = {}
    if os.path.exists("/run/dbus/system_bus_socket"):
        out = run("networkctl", "--json=short", "list")
        try:
            res["networkctl"] = sorted(f"{i['Name']} {i.get('AdministrativeState')}"
                                       for i in json.loads(out)["Interfaces"])
        except (ValueError, KeyError):
            pass
        out = run("nmcli", "-t", "-f", "NAME,UUID,TYPE,DEVICE,STATE", "connection", "show")
        if not out.startswith("<"):
            res["nmcli"] = sorted(out.splitlines())
    return res


def nft_tables():
    """The ruleset's lines, table by table in name order: nft lists tables in
    the order they were made, and a table re-made (a rolled back reload)
    moves behind the host's own without any change to either."""
    head, tables = [], []
    for line in run("nft", "-s", "list", "ruleset").splitlines():
        if line.startswith("table "):
            tables.append([])
        (tables[-1] if tables else head).append(line)
    return head + [line for t in sorted(tables, key=lambda t: t[0]) for line in t]


def take(roots):
    snap = {
        "links": links(),
        "addresses": addresses(),
        "routes": routes(),
        "nftables": nft_tables(),
        "sysctls": sysctls(),
        "files": files(roots),
        "processes": processes(),
        "manager": manager_view(),
    }
    json.dump(snap, sys.stdout, indent=1, sort_keys=True)
    print()


def compare(a, b):
    la = open(a).read().splitlines()
    lb = open(b).read().splitlines()
    d = list(difflib.unified_diff(la, lb, "before", "after", lineterm="", n=2))
    if d:
        print("\n".join(d))
    sys.exit(1 if d else 0)


if __name__ == "__main__":
    if sys.argv[1] == "take":
        take(sys.argv[2:])
    else:
        compare(sys.argv[2], sys.argv[3])
