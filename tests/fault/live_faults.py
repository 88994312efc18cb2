#!/usr/bin/env python3
"""Live faults, against the real systemd-networkd in the host namespace that
run.sh sets up with tests/e2e/lib.sh. vnetctl is killed (SIGKILL) at every
point `start`, `apply` (of a changed definition) and `destroy` reach: every
file write of the store and of the manager's files, and each step of the
transaction. After each kill the store is not corrupt, and `apply` of the
document converges (it succeeds, and a second apply finds nothing to do);
`destroy` after a killed start or destroy leaves nothing behind. Then twenty
concurrent define/start/destroy commands on one and on several networks
must leave a store and a host that agree, and apply must converge from there.

    live_faults.py PATH/TO/vnetctl HOLDER_PID WORKDIR
prints "live faults: N fault points exercised, ..."
"""
import os
import subprocess
import sys
import time

from faults import Counter, Vnetctl, killed, store_problems, trace_points


def network(name, bridge, third, changed=False):
    end = 200 if changed else 254
    extra = (f"\n      <host mac='52:54:00:00:00:09' name='h9' ip='192.168.{third}.9'/>"
             if changed else "")
    return f"""<network>
  <name>{name}</name>
  <forward mode='nat'/>
  <bridge name='{bridge}'/>
  <ip address='192.168.{third}.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.{third}.2' end='192.168.{third}.{end}'/>{extra}
    </dhcp>
  </ip>
</network>
"""


class Live:
    def __init__(self, vnetctl, holder, work):
        self.holder = holder
        self.work = work
        prefix = ["nsenter", "-t", holder, "-m", "-n", "--"]
        self.vn = Vnetctl(vnetctl, prefix=prefix, args=["--backend", "networkd"],
                          env={"VNETCTL_SETTLE_TIMEOUT": "15"})
        self.config_dir = os.path.join(work, "mask", "etc", "vnetctl", "networks")
        self.netns = os.readlink(f"/proc/{holder}/ns/net")

    def xml(self, name, bridge, third, changed=False):
        path = os.path.join(self.work, f"{name}{'-changed' if changed else ''}.xml")
        with open(path, "w") as f:
            f.write(network(name, bridge, third, changed))
        return path

    def dnsmasq_pids(self, name):
        pids = []
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                if os.readlink(f"/proc/{pid}/ns/net") != self.netns:
                    continue
                if not os.readlink(f"/proc/{pid}/exe").endswith("/dnsmasq"):
                    continue
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    cmd = f.read().decode()
            except OSError:
                continue
            if f"/{name}.conf" in cmd:
                pids.append(pid)
        return pids

    def leftovers(self, name, bridge):
        """What a network leaves on the host; empty when it is gone."""
        out = []
        if self.vn.sh("ip", "link", "show", "dev", bridge).rc == 0:
            out.append(f"link {bridge}")
        if self.vn.sh("nft", "list", "table", "inet", f"vnetctl_{name}").rc == 0:
            out.append(f"nft table vnetctl_{name}")
        found = self.vn.sh("find", "/run/systemd/network", "/etc/systemd/network",
                           "/run/vnetctl", "/etc/vnetctl/dnsmasq", "/etc/vnetctl/nftables",
                           "(", "-name", f"*vnetctl-{name}.*", "-o", "-name", f"{name}.*", ")",
                           "-print")
        out += [f"file {p}" for p in found.out.split()]
        out += [f"dnsmasq pid {p}" for p in self.dnsmasq_pids(name)]
        return out

    def settled_leftovers(self, name, bridge):
        for _ in range(20):  # networkd removes the link asynchronously
            left = self.leftovers(name, bridge)
            if not left:
                break
            time.sleep(0.25)
        return left

    def up_problems(self, name, bridge, third):
        problems = []
        addr = self.vn.sh("ip", "-o", "addr", "show", "dev", bridge)
        if f"192.168.{third}.1/24" not in addr.out:
            problems.append(f"{bridge} has no 192.168.{third}.1/24: {addr.out.strip()[:200]}")
        if self.vn.sh("nft", "list", "table", "inet", f"vnetctl_{name}").rc != 0:
            problems.append(f"no nft table vnetctl_{name}")
        if len(self.dnsmasq_pids(name)) != 1:
            problems.append(f"dnsmasq processes for {name}: {self.dnsmasq_pids(name)}")
        return problems

    def converge(self, path):
        """apply PATH twice: the first succeeds, the second has nothing to do."""
        r = self.vn("apply", path)
        if r.rc != 0:
            return [f"apply after the kill: exit {r.rc}: {r.err.strip()[:400]}"]
        r = self.vn("apply", path)
        if r.rc != 0 or "nothing to do" not in r.out:
            return [f"second apply: exit {r.rc}: {(r.out + r.err).strip()[:400]}"]
        return []

    def destroy_clean(self, name, bridge, allow_inactive=False):
        r = self.vn("destroy", name)
        ok = r.rc == 0 or (allow_inactive and "not active" in r.err)
        problems = [] if ok else [f"destroy: exit {r.rc}: {r.err.strip()[:300]}"]
        left = self.settled_leftovers(name, bridge)
        return problems + ([f"left behind: {left}"] if left else [])

    def force_clean(self, name, bridge):
        """Between iterations: whatever a failed iteration left, by hand."""
        self.vn("destroy", name)
        self.vn.sh("ip", "link", "del", bridge)
        self.vn.sh("nft", "delete", "table", "inet", f"vnetctl_{name}")
        for pid in self.dnsmasq_pids(name):
            try:
                os.kill(int(pid), 15)
            except OSError:
                pass
        self.vn.sh("sh", "-c", f"rm -f /run/systemd/network/*vnetctl-{name}.* "
                   f"/run/vnetctl/networks/{name}.* /run/vnetctl/dnsmasq/{name}.* "
                   f"/run/vnetctl/nftables/{name}.*; networkctl reload")


def kill_loop(live, counter, what, argv, before, after, points):
    """For each point: `before()`, run ARGV killed there, check the store,
    then `after()` (convergence checks)."""
    for point in points:
        setup_problems = before()
        if setup_problems:
            counter.check(f"{what}: setup before {point}", setup_problems)
            continue
        r = live.vn(*argv, crash=point)
        counter.points += 1
        name = f"{what}: kill at {point}"
        if not killed(r):
            counter.check(name, [f"not killed: exit {r.rc}: {r.err.strip()[:300]}"])
            continue
        problems = store_problems(live.vn, live.config_dir)
        problems += after()
        counter.check(name, problems)


def start_faults(live, counter):
    path = live.xml("n1", "vbrf1", 181)
    r = live.vn("define", path)
    if r.rc != 0:
        counter.check("define n1", [r.err])
        return
    points = trace_points(live.vn, os.path.join(live.work, "trace"), "start", "n1")
    live.vn("destroy", "n1")

    def before():
        live.force_clean("n1", "vbrf1")
        return [f"not clean: {x}" for x in live.leftovers("n1", "vbrf1")]

    def after():
        problems = live.converge(path)
        problems += live.up_problems("n1", "vbrf1", 181)
        return problems + live.destroy_clean("n1", "vbrf1")

    kill_loop(live, counter, "start", ["start", "n1"], before, after, points)

    def destroy_after():
        # destroy takes down what the killed start made once the network was
        # recorded as active (even without its status record); before that
        # the network is not active, and apply adopts what the start left.
        r = live.vn("destroy", "n1")
        problems = []
        if r.rc != 0 and "not active" not in r.err:
            problems.append(f"destroy after the kill: exit {r.rc}: {r.err.strip()[:300]}")
        if r.rc == 0:
            left = live.settled_leftovers("n1", "vbrf1")
            problems += [f"destroy left: {left}"] if left else []
        return problems + live.converge(path) + live.destroy_clean("n1", "vbrf1")

    kill_loop(live, counter, "start, then destroy", ["start", "n1"], before, destroy_after,
              points)


def apply_faults(live, counter):
    path = live.xml("n2", "vbrf2", 182)
    changed = live.xml("n2", "vbrf2", 182, changed=True)
    r = live.vn("apply", path)
    if r.rc != 0:
        counter.check("apply n2", [r.err])
        return
    points = trace_points(live.vn, os.path.join(live.work, "trace"), "apply", changed)

    def before():
        r = live.vn("apply", path)
        return [] if r.rc == 0 else [f"apply of the original: exit {r.rc}: {r.err.strip()}"]

    def after():
        return live.converge(changed) + live.up_problems("n2", "vbrf2", 182)

    kill_loop(live, counter, "apply", ["apply", changed], before, after, points)
    counter.check("apply: destroy at the end", live.destroy_clean("n2", "vbrf2"))


def destroy_faults(live, counter):
    path = live.xml("n3", "vbrf3", 183)
    r = live.vn("apply", path)
    if r.rc != 0:
        counter.check("apply n3", [r.err])
        return
    points = trace_points(live.vn, os.path.join(live.work, "trace"), "destroy", "n3")

    def before():
        r = live.vn("apply", path)
        return [] if r.rc == 0 else [f"apply: exit {r.rc}: {r.err.strip()}"]

    def after():
        return live.destroy_clean("n3", "vbrf3", allow_inactive=True)

    kill_loop(live, counter, "destroy", ["destroy", "n3"], before, after, points)


# Refusals a command may meet when others ran first (virsh's wording).
CONCURRENT_OK = ("network is already active", "is not active", "Network not found")


def concurrency(live, counter):
    """Twenty commands at once: define/start/destroy on c1 (the same network)
    and on c2..c4 (different ones)."""
    nets = {f"c{i}": (f"vbrc{i}", 190 + i, live.xml(f"c{i}", f"vbrc{i}", 190 + i))
            for i in range(1, 5)}
    cmds = []
    for i in range(20):
        name = "c1" if i % 2 == 0 else f"c{2 + (i // 2) % 3}"
        kind = ("define", "start", "destroy", "start", "define")[i % 5]
        cmds.append([kind, nets[name][2] if kind == "define" else name])
    prefix = live.vn.prefix + ["env", *[f"{k}={v}" for k, v in live.vn.env.items()],
                               live.vn.binary, *live.vn.args]
    procs = [subprocess.Popen(prefix + c, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for c in cmds]
    problems = []
    for c, p in zip(cmds, procs):
        try:
            _, err = p.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            p.kill()
            problems.append(f"{' '.join(c)}: timed out")
            continue
        if p.returncode != 0 and not (p.returncode == 1 and any(s in err for s in CONCURRENT_OK)):
            problems.append(f"{' '.join(c)}: exit {p.returncode}: {err.strip()[:300]}")
    problems += store_problems(live.vn, live.config_dir)
    listing = live.vn("list", "--all")
    for name, (bridge, third, _) in nets.items():
        active = any(line.split()[:2] == [name, "active"] for line in listing.out.splitlines())
        left = live.leftovers(name, bridge)
        if active:
            problems += [f"{name} is active: {p}" for p in live.up_problems(name, bridge, third)]
        elif left:
            problems.append(f"{name} is inactive but the host has {left}")
    counter.check("concurrency: 20 define/start/destroy commands", problems)
    for name, (bridge, third, path) in nets.items():
        counter.check(f"concurrency: {name} converges",
                      live.converge(path) + live.up_problems(name, bridge, third))
        counter.check(f"concurrency: {name} destroyed", live.destroy_clean(name, bridge))


def main():
    vnetctl, holder, work = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    live = Live(vnetctl, holder, work)
    counter = Counter()
    t0 = time.monotonic()
    for part in (start_faults, apply_faults, destroy_faults, concurrency):
        t = time.monotonic()
        n = counter.points
        part(live, counter)
        print(f"  {part.__name__}: {counter.points - n} fault points, "
              f"{time.monotonic() - t:.0f} s")
    print(f"live faults: {counter.points} fault points exercised, {counter.passed} passed, "
          f"{counter.failed} failed ({time.monotonic() - t0:.0f} s)")
    return 0 if counter.failed == 0 and counter.points > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
