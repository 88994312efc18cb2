#!/usr/bin/env python3
"""Benchmarks: vnetctl against libvirt (virsh's test driver, the real
libvirtd network driver) and netplan, on the same inputs, in one run.

    bench/run.sh [--quick] [--vnetctl PATH] [--runs N] [--skip-live]
                 [--backends B,B] [--markdown FILE] [--keep DIR]

Every measurement is a whole process, run by bench/spawn (a tiny C launcher:
wall time around fork..wait4, peak RSS from wait4's rusage), once to warm up
and then --runs times; the table shows the median with min and max, the peak
RSS, and the ratio vnetctl / peer of the medians. Store-only jobs use
`vnetctl --root DIR`; live jobs run in network namespaces with the real
manager or libvirtd (bench/session.sh, built on tests/e2e/lib.sh) and need
root.
"""
import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
BACKENDS = ["networkd", "netplan", "networkmanager", "ifupdown"]
RACY_SECONDS = 2.1  # core/store/store_summary.cpp's kRacyNs, and a little more
sys.path.insert(0, HERE)
import gen  # noqa: E402


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class BenchError(Exception):
    pass


# --- measuring -------------------------------------------------------------------------


class Sample:
    """One job's runs: wall times (ms) and peak RSS (KB)."""

    def __init__(self):
        self.ms = []
        self.rss_kb = 0

    def add(self, ms, rss_kb):
        self.ms.append(ms)
        self.rss_kb = max(self.rss_kb, rss_kb)

    @property
    def median(self):
        return statistics.median(self.ms)

    def cell(self):
        return f"{fmt_ms(self.median)} ({fmt_ms(min(self.ms))}–{fmt_ms(max(self.ms))})"


def fmt_ms(v):
    if v >= 1000:
        return f"{v / 1000:.2f} s"
    if v >= 100:
        return f"{v:.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


class Runner:
    def __init__(self, work, spawn):
        self.work = work
        self.spawn = spawn
        self.result = os.path.join(work, "spawn.result")
        self.out = os.path.join(work, "spawn.out")
        self.err = os.path.join(work, "spawn.err")

    def once(self, argv, ns=None, ok=(0,), env=None):
        """Runs argv once; returns (ms, rss_kb, rc, stdout). A status
        outside `ok` is an error naming the command and its stderr."""
        cmd = [self.spawn, self.result] + (["-n", str(ns)] if ns else []) + list(argv)
        with open(self.out, "wb") as o, open(self.err, "wb") as e:
            rc = subprocess.call(cmd, stdout=o, stderr=e, env=env)
        if rc != 0:
            raise BenchError(f"spawn failed ({rc}): {' '.join(argv)}: {read(self.err)[-500:]}")
        ns_, rss, status = read(self.result).split()
        if int(status) not in ok:
            # A diff of 100 networks prints one line per network: show what
            # is not "no differences" rather than the last lines.
            out = "\n".join(l for l in read(self.out).splitlines()
                            if l.strip() and not l.endswith(": no differences"))
            raise BenchError(f"exit {status}: {' '.join(argv)}\n{out[:3000]}\n"
                             f"{read(self.err)[-800:]}")
        return int(ns_) / 1e6, int(rss), int(status), read(self.out)

    def measure(self, argv, runs, ns=None, ok=(0,), before=None, check=None, env=None):
        """Warm-up run, then `runs` timed runs; `before` runs (untimed)
        ahead of each, `check(stdout)` after each."""
        s = Sample()
        for i in range(runs + 1):
            if before:
                before()
            ms, rss, _, out = self.once(argv, ns=ns, ok=ok, env=env)
            if check:
                check(out)
            if i > 0:
                s.add(ms, rss)
        return s


def read(path):
    with open(path, errors="replace") as f:
        return f.read()


def run(argv, **kw):
    """An untimed helper command; its failure is an error."""
    p = subprocess.run(argv, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise BenchError(f"{' '.join(map(str, argv))}: exit {p.returncode}: "
                         f"{(p.stdout + p.stderr)[-800:]}")
    return p.stdout


# --- results ----------------------------------------------------------------------------


class Row:
    def __init__(self, job, mine, peer_name=None, peer=None, target=None, target_ok=None,
                 note=""):
        self.job, self.mine, self.peer_name, self.peer = job, mine, peer_name, peer
        self.target, self.target_ok, self.note = target, target_ok, note

    def ratio(self):
        if self.mine is None or self.peer is None:
            return None
        return self.mine.median / self.peer.median


def rss_cell(s):
    return f"{s.rss_kb / 1024:.1f}" if s else ""


def table(rows):
    head = ("| job | vnetctl ms (min–max) | RSS MB | peer | peer ms (min–max) | RSS MB | "
            "ratio | target |")
    lines = [head, "|" + "---|" * 8]
    for r in rows:
        ratio = r.ratio()
        t = ""
        if r.target:
            t = ("met: " if r.target_ok else "**missed**: ") + r.target
        lines.append("| " + " | ".join([
            r.job,
            r.mine.cell() if r.mine else "–",
            rss_cell(r.mine),
            r.peer_name or "",
            r.peer.cell() if r.peer else "",
            rss_cell(r.peer),
            f"{ratio:.2f}" if ratio is not None else "",
            t + (f" {r.note}" if r.note else ""),
        ]) + " |")
    return "\n".join(lines)


def machine():
    def cmd(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"

    cpu = "?"
    for line in read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = read("/proc/meminfo").splitlines()[0].split()[1]
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{int(mem) // 1024 // 1024} GiB",
        "kernel": platform.release(),
        "os": cmd(["sh", "-c", ". /etc/os-release; echo $PRETTY_NAME"]),
        "libvirt": cmd(["libvirtd", "--version"]).split()[-1] if shutil.which("libvirtd") else "-",
        "netplan": cmd(["dpkg-query", "-W", "-f", "${Version}", "netplan.io"]),
        "systemd": cmd(["dpkg-query", "-W", "-f", "${Version}", "systemd"]),
        "NetworkManager": cmd(["dpkg-query", "-W", "-f", "${Version}", "network-manager"]),
        "ifupdown": cmd(["dpkg-query", "-W", "-f", "${Version}", "ifupdown"]),
        "dnsmasq": cmd(["dpkg-query", "-W", "-f", "${Version}", "dnsmasq-base"]),
        "busybox": cmd(["dpkg-query", "-W", "-f", "${Version}", "busybox"]),
    }


def loadavg():
    return " ".join(read("/proc/loadavg").split()[:3])


# --- inputs -------------------------------------------------------------------------------


class Inputs:
    """Generated XML, test-driver nodes, netplan trees, and vnetctl stores
    holding the same networks."""

    def __init__(self, work, vnetctl, sizes, hosts, big):
        self.dir = os.path.join(work, "inputs")
        self.vnetctl = vnetctl
        self.sizes, self.hosts, self.big = sizes, hosts, big
        gen.generate(self.dir, sizes, hosts, big)
        self.stores = os.path.join(work, "stores")
        shutil.rmtree(self.stores, ignore_errors=True)
        # A store as a fresh install has it: only the built-in `default`.
        self.empty = os.path.join(self.stores, "empty")
        os.makedirs(self.empty)
        run([vnetctl, "--root", self.empty, "list", "--all"])

    def xml_dir(self, n, h):
        return os.path.join(self.dir, "xml", gen.set_dir(n, h))

    def xml(self, n, h, i=0):
        return os.path.join(self.xml_dir(n, h), f"bn{i}.xml")

    @property
    def big_xml(self):
        return os.path.join(self.dir, "xml", "big", "bnbig.xml")

    def node(self, key):
        return os.path.join(self.dir, "node", key + ".xml")

    def netplan_root(self, key):
        return os.path.join(self.dir, "netplan", key)

    def fresh_store(self, path):
        shutil.rmtree(path, ignore_errors=True)
        shutil.copytree(self.empty, path, symlinks=True)

    def store(self, key, files):
        """A store holding `default` and `files`, each defined by vnetctl
        itself (in a scratch store, then moved in: each definition is the
        bytes `vnetctl define` writes, without paying N defines into a
        growing store just to set up)."""
        path = os.path.join(self.stores, key)
        if os.path.exists(path):
            return path
        self.fresh_store(path)
        scratch = os.path.join(self.stores, "scratch")
        self.fresh_store(scratch)
        src = os.path.join(scratch, "etc", "vnetctl", "networks")
        dst = os.path.join(path, "etc", "vnetctl", "networks")
        for f in files:
            run([self.vnetctl, "--root", scratch, "define", f])
            name = os.path.basename(f)
            os.rename(os.path.join(src, name), os.path.join(dst, name))
        # A store at rest, as users have it: vnetctl does not trust its
        # summaries cache for a file changed in the last 2 s (a rewrite within
        # one timestamp tick would look unchanged; core/store/store_summary.cpp),
        # so a store measured the moment it was written is parsed in full.
        time.sleep(RACY_SECONDS)
        return path


# --- store-only jobs ------------------------------------------------------------------


def store_jobs(r, inp, v, runs, rows, baseline=False):
    """The store-only jobs. baseline: the vnetctl side only, without the job
    that took the old build half a minute a run (define of the big network)."""
    virsh_test = ["virsh", "-q", "-c", "test:///default"]
    measure_peer = (lambda *a, **k: None) if baseline else r.measure
    one = inp.xml(1, 10) if 10 in inp.hosts else inp.xml(1, inp.hosts[-1])
    fresh = os.path.join(r.work, "define-root")

    log("define")
    mine = r.measure([v, "--root", fresh, "define", one], runs,
                     before=lambda: inp.fresh_store(fresh))
    peer = measure_peer(virsh_test + ["net-define", one], runs)
    rows.append(Row("define 1 network (10 hosts), store holding `default`", mine,
                    "virsh test:/// net-define", peer, "≤ 3 ms", mine.median <= 3))
    if not baseline:
        mine = r.measure([v, "--root", fresh, "define", inp.big_xml], runs,
                         before=lambda: inp.fresh_store(fresh))
        peer = measure_peer(virsh_test + ["net-define", inp.big_xml], runs)
        rows.append(Row(f"define 1 network ({inp.big:,} hosts)", mine,
                        "virsh test:/// net-define", peer))

    log("define + list + dumpxml")
    combo = Sample()
    for i in range(runs + 1):
        inp.fresh_store(fresh)
        total, rss = 0.0, 0
        for argv in ([v, "--root", fresh, "define", one], [v, "--root", fresh, "list", "--all"],
                     [v, "--root", fresh, "dumpxml", "bn0"]):
            ms, kb, _, _ = r.once(argv)
            total, rss = total + ms, max(rss, kb)
        if i:
            combo.add(total, rss)
    peer = measure_peer(virsh_test + [f"net-define {one}; net-list --all; net-dumpxml bn0"], runs)
    rows.append(Row("define + list --all + dumpxml (vnetctl: 3 processes)", combo,
                    "virsh test:/// (1 process)", peer))

    for n in inp.sizes:
        for h in inp.hosts:
            key = gen.set_dir(n, h)
            log(f"list --all, {n} networks x {h} hosts")
            store = inp.store(key, [inp.xml(n, h, i) for i in range(n)])
            want = n + 1

            def check_list(out, want=want):
                got = len(out.strip().splitlines())
                if got != want:
                    raise BenchError(f"list --name: {got} networks, expected {want}")

            mine = r.measure([v, "--root", store, "list", "--all", "--name"], runs,
                             check=check_list)
            peer = measure_peer(["virsh", "-q", "-c", "test://" + inp.node(key), "net-list", "--all",
                              "--name"], runs)
            target = ("≤ 5 ms", mine.median <= 5) if n == 1000 and h <= 10 else (None, None)
            rows.append(Row(f"list --all, {n} networks × {h} hosts", mine,
                            "virsh test:///node net-list", peer, *target))
            if n == max(inp.sizes) or h == max(inp.hosts):
                mine = r.measure([v, "--root", store, "dumpxml", "bn0"], runs)
                peer = measure_peer(["virsh", "-q", "-c", "test://" + inp.node(key), "net-dumpxml",
                                  "bn0"], runs)
                rows.append(Row(f"dumpxml 1 of {n} networks × {h} hosts", mine,
                                "virsh test:///node net-dumpxml", peer))

    log("dumpxml / render of the big network")
    big_store = inp.store("big", [inp.big_xml])
    mine = r.measure([v, "--root", big_store, "dumpxml", "bnbig"], runs)
    peer = measure_peer(["virsh", "-q", "-c", "test://" + inp.node("big"), "net-dumpxml", "bnbig"],
                     runs)
    ok = mine.median <= 20 and mine.rss_kb <= 30 * 1024
    rows.append(Row(f"dumpxml, {inp.big:,} hosts", mine, "virsh test:///node net-dumpxml", peer,
                    "≤ 20 ms, ≤ 30 MB", ok))

    out = os.path.join(r.work, "render-out")
    clean = lambda: shutil.rmtree(out, ignore_errors=True)
    np_peer = {}
    for key, root in (("n1", inp.netplan_root("n1")), ("big", inp.netplan_root("big"))):
        gen_root = os.path.join(r.work, "netplan-" + key)

        def fresh_netplan(root=root, gen_root=gen_root):
            shutil.rmtree(gen_root, ignore_errors=True)
            shutil.copytree(root, gen_root)

        np_peer[key] = measure_peer(["netplan", "generate", "--root-dir", gen_root], runs,
                                    before=fresh_netplan)
    small_store = inp.store("n1h10", [one])
    for b in BACKENDS:
        log(f"render ({b})")
        for what, store, name, key, hosts in (("1 network, 10 hosts", small_store, "bn0", "n1", 10),
                                              (f"{inp.big:,} hosts", big_store, "bnbig", "big",
                                               inp.big)):
            mine = r.measure([v, "--root", store, "render", name, "--backend", b, "--output", out],
                             runs, before=clean)
            if key == "big":
                target, ok = "≤ 20 ms, ≤ 30 MB", mine.median <= 20 and mine.rss_kb <= 30 * 1024
            else:
                target, ok = None, None
            rows.append(Row(f"render --backend {b}, {what}", mine,
                            "netplan generate, same bridge (no hosts: netplan has no DHCP server)",
                            np_peer[key], target, ok))

    # netplan regenerates every bridge's files on every change (and at boot);
    # vnetctl renders the one network that changed, whatever the store holds.
    for n in inp.sizes:
        if n == 1:
            continue
        log(f"netplan generate, {n} bridges")
        gen_root = os.path.join(r.work, f"netplan-n{n}")

        def fresh_netplan(n=n, gen_root=gen_root):
            shutil.rmtree(gen_root, ignore_errors=True)
            shutil.copytree(inp.netplan_root(f"n{n}"), gen_root)

        peer = measure_peer(["netplan", "generate", "--root-dir", gen_root], runs,
                         before=fresh_netplan)
        h = 10 if 10 in inp.hosts else inp.hosts[0]
        store = inp.store(gen.set_dir(n, h), [inp.xml(n, h, i) for i in range(n)])
        mine = r.measure([v, "--root", store, "render", "bn0", "--backend", "netplan", "--output",
                          out], runs, before=clean)
        rows.append(Row(f"render --backend netplan, 1 network ({h} hosts) of {n}", mine,
                        f"netplan generate, {n} bridges (all regenerated on any change)", peer))


# --- live jobs --------------------------------------------------------------------------------


class Session:
    """bench/session.sh: a host namespace with the real manager (or libvirtd)."""

    def __init__(self, mode):
        self.mode = mode
        self.errlog = tempfile.NamedTemporaryFile(prefix=f"bench-{mode}-", suffix=".log",
                                                  delete=False)
        self.p = subprocess.Popen(["bash", os.path.join(HERE, "session.sh"), mode],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=self.errlog, text=True)
        line = self.p.stdout.readline().split()
        if not line or line[0] != "ready":
            self.close()
            raise BenchError(f"session {mode} did not come up: {read(self.errlog.name)[-1500:]}")
        self.holder, self.hostns, self.w = line[1], line[2], line[3]

    def guest(self, name, mac):
        self.p.stdin.write(f"guest {name} {mac}\n")
        self.p.stdin.flush()
        ans = self.p.stdout.readline().split()
        if not ans or ans[0] != "ok":
            raise BenchError(f"guest {name}: {ans} {read(self.errlog.name)[-800:]}")
        return ans[1]

    def close(self, wait=True):
        """Tears the host down. tests/e2e/lib.sh's cleanup takes 10-20 s (it
        looks for leftover processes of every namespace through /proc);
        wait=False lets it run while the next session works (quick mode)."""
        if self.p.poll() is None:
            try:
                self.p.stdin.write("quit\n")
                self.p.stdin.flush()
                self.p.stdin.close()
            except BrokenPipeError:
                pass
        if wait:
            self.reap(timeout=120)
        else:
            PENDING.append(self)

    def reap(self, timeout):
        """Waits for session.sh to end (terminating it after `timeout` s)."""
        try:
            self.p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.p.terminate()
            self.p.wait()
        if os.path.exists(self.errlog.name):
            os.unlink(self.errlog.name)


PENDING = []  # sessions tearing down in the background


def finish_pending():
    for sess in PENDING:
        sess.reap(timeout=300)
    PENDING.clear()


def udp_listening(holder, port):
    """Whether something in the holder's network namespace listens on UDP
    `port` (read from /proc: no process to spawn while polling)."""
    want = f":{port:04X} "
    try:
        for line in read(f"/proc/{holder}/net/udp").splitlines()[1:]:
            if line.split()[1].endswith(want.strip()) and line.split()[3] == "07":
                return True
    except OSError:
        pass
    return False


def wait(what, pred, timeout=30, step=0.005):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(step)
    raise BenchError(f"timed out waiting for {what}")


def dhcp_ready(sess, gns, port, bridge, expect_ip):
    """After start returned: plug the guest's port into the bridge, wait
    until it forwards and a DHCP server listens, then a guest's
    `busybox udhcpc -n -q` must get `expect_ip`."""
    hostns = sess.hostns

    def plug():
        return subprocess.call(["ip", "-n", hostns, "link", "set", port, "master", bridge, "up"],
                               stderr=subprocess.DEVNULL) == 0

    t0 = time.perf_counter()
    phases = []
    wait(f"{port} on {bridge}", plug)
    phases.append(("plugged", time.perf_counter() - t0))

    def forwarding():
        out = subprocess.run(["bridge", "-n", hostns, "-j", "link", "show", "dev", port],
                             capture_output=True, text=True).stdout
        return '"state":"forwarding"' in out

    wait(f"{port} forwarding", forwarding)
    phases.append(("forwarding", time.perf_counter() - t0))
    wait("a DHCP server on port 67", lambda: udp_listening(sess.holder, 67))
    phases.append(("listening", time.perf_counter() - t0))
    for _ in range(5):
        p = subprocess.run(["ip", "netns", "exec", gns, "busybox", "udhcpc", "-i", "eth0", "-n",
                            "-q", "-t", "3", "-T", "1", "-s", "/bin/true"], capture_output=True,
                           text=True)
        m = re.search(r"lease of (\S+) obtained", p.stdout + p.stderr)
        if m:
            phases.append(("lease", time.perf_counter() - t0))
            if os.environ.get("BENCH_DEBUG"):
                log(f"{bridge}: " + ", ".join(f"{k} +{v * 1000:.0f} ms" for k, v in phases))
            if m.group(1) != expect_ip:
                raise BenchError(f"guest got {m.group(1)}, expected {expect_ip}")
            return
    raise BenchError(f"no DHCP lease on {bridge}: {p.stdout}{p.stderr}")


def start_cycles(r, sess, runs, start, destroy, bridge, gns, port, expect_ip):
    """start → DHCP answering, then destroy: warm-up + `runs` cycles.
    Returns (start Sample, destroy Sample)."""
    s_start, s_destroy = Sample(), Sample()
    for i in range(runs + 1):
        t0 = time.perf_counter()
        _, rss, _, _ = r.once(start, ns=sess.holder)
        dhcp_ready(sess, gns, port, bridge, expect_ip)
        ms = (time.perf_counter() - t0) * 1000
        d_ms, d_rss, _, _ = r.once(destroy, ns=sess.holder)
        if i:
            s_start.add(ms, rss)
            s_destroy.add(d_ms, d_rss)
    return s_start, s_destroy


# The two start jobs: bn0 as libvirt's default network has its bridge (STP
# on, so each new port listens and learns for 2 s before it forwards), and
# bs0 with STP off (what remains is the software: bridge, addresses,
# dnsmasq or the manager's DHCP server, firewall).
def start_specs(inp, with_stp):
    specs = [
        ("STP on", inp.xml(1, 10) if 1 in inp.sizes else inp.xml(inp.sizes[0], 10), "bn0",
         "vbr0", "g", gen.mac(0, 0), str(gen.subnet_of(0).network_address + 2)),
        ("STP off", os.path.join(inp.dir, "xml", "stpoff", "bs0.xml"), "bs0", "vbs0", "s",
         gen.mac(gen.STP_OFF_INDEX, 0),
         str(gen.subnet_of(gen.STP_OFF_INDEX).network_address + 2)),
    ]
    return specs if with_stp else specs[1:]


def start_jobs(r, s, runs, start, destroy, define, specs):
    """define (once) + start/destroy cycles of each spec; returns
    {label: (start Sample, destroy Sample)}."""
    out = {}
    for label, xml, name, bridge, g, mac, ip in specs:
        gns = s.guest(g, mac)
        if name != "bn0":
            r.once(define + [xml], ns=s.holder)
        out[label] = start_cycles(r, s, runs, start + [name], destroy + [name], bridge, gns,
                                  "vp" + g, ip)
    return out


def libvirt_live(r, inp, runs, n_list, specs, wait_teardown):
    """libvirtd's side of the live jobs."""
    one = inp.xml(n_list, 10)
    log("libvirtd in a namespace")
    s = Session("libvirt")
    try:
        virsh = ["virsh", "-q", "-c", "qemu:///system"]
        lv = {}
        lv["define"] = r.measure(virsh + ["net-define", one], runs, ns=s.holder,
                                 before=lambda: subprocess.call(
                                     ["nsenter", "-t", s.holder, "-m", "-n"] + virsh +
                                     ["net-undefine", "bn0"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL))
        log("libvirt: net-start → DHCP, net-destroy")
        lv["cycles"] = start_jobs(r, s, runs, virsh + ["net-start"], virsh + ["net-destroy"],
                                  virsh + ["net-define"], specs)
        for i in range(1, n_list):
            r.once(virsh + ["net-define", inp.xml(n_list, 10, i)], ns=s.holder)
        lv["list"] = r.measure(virsh + ["net-list", "--all"], runs, ns=s.holder)
    finally:
        s.close(wait_teardown)
    return lv


def vnetctl_live(r, inp, v, runs, backends, n_list, n_diff, specs, wait_teardown,
                 diff_names=False):
    """vnetctl's side, one host namespace per backend. diff_names: name the
    active networks on diff's command line (builds whose diff needs them)."""
    one = inp.xml(n_list, 10)
    results = {}
    for b in backends:
        log(f"{b} in a namespace")
        s = Session(b)
        try:
            vb = [v, "--backend", b]
            m = {}
            m["define"] = r.measure(vb + ["define", one], runs, ns=s.holder,
                                    before=lambda: subprocess.call(
                                        ["nsenter", "-t", s.holder, "-m", "-n"] + vb +
                                        ["undefine", "bn0"], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL))
            log(f"{b}: start → DHCP, destroy")
            m["cycles"] = start_jobs(r, s, runs, vb + ["start"], vb + ["destroy"],
                                     vb + ["define"], specs)
            for i in range(1, n_list):
                r.once(vb + ["define", inp.xml(n_list, 10, i)], ns=s.holder)
            time.sleep(RACY_SECONDS)  # a store at rest (Inputs.store)
            m["list"] = r.measure(vb + ["list", "--all"], runs, ns=s.holder)
            log(f"{b}: starting {n_diff} networks")
            for i in range(n_diff):
                r.once(vb + ["start", f"bn{i}"], ns=s.holder)
            log(f"{b}: diff")
            names = [f"bn{i}" for i in range(n_diff)] if diff_names else []
            drift = []  # per run: the networks diff found different (exit 2)

            def count_drift(out, drift=drift):
                drift.append(sum(1 for l in out.splitlines()
                                 if l.startswith("Network ") and l.endswith(" differences")
                                 and not l.endswith("no differences")))

            m["diff"] = r.measure(vb + ["diff"] + names, runs, ns=s.holder, ok=(0, 2),
                                  check=count_drift)
            m["diff_drift"] = sum(1 for d in drift if d)
            m["diff_runs"] = len(drift)
            results[b] = m
        finally:
            s.close(wait_teardown)
    return results


def live_rows(results, lv, specs, n_list, n_diff, rows):
    def peer(key, label=None, i=None):
        if lv is None:
            return None
        return lv[key] if label is None else lv["cycles"][label][i]

    for b, m in results.items():
        rows.append(Row(f"[{b}] define (live host)", m["define"], "virsh net-define (libvirtd)",
                        peer("define")))
        for label, _, _, _, _, _, _ in specs:
            mine_s, mine_d = m["cycles"][label]
            peer_s, peer_d = peer("cycles", label, 0), peer("cycles", label, 1)
            rows.append(Row(f"[{b}] start → DHCP lease ({label})", mine_s,
                            "virsh net-start → DHCP lease", peer_s, "≤ virsh",
                            peer_s is not None and mine_s.median <= peer_s.median))
            rows.append(Row(f"[{b}] destroy ({label})", mine_d, "virsh net-destroy", peer_d,
                            "≤ 20 % of virsh",
                            peer_d is not None and mine_d.median <= 0.2 * peer_d.median))
        rows.append(Row(f"[{b}] list --all, {n_list} networks", m["list"],
                        "virsh net-list --all (libvirtd)", peer("list")))
        target = ("≤ 30 ms", m["diff"].median <= 30) if n_diff >= 100 else (None, None)
        # A diff that finds drift is timed all the same; the table says so
        # (netplan: see bench/README.md, "Found while measuring").
        note = (f"drift in {m['diff_drift']} of {m['diff_runs']} runs"
                if m.get("diff_drift") else "")
        rows.append(Row(f"[{b}] diff, {n_diff} active networks", m["diff"], "(libvirt has no diff)",
                        None, *target, note=note))


def before_after(before, after):
    """The vnetctl medians of two builds, job by job."""
    lines = ["| job | before ms (min–max) | after ms (min–max) | after / before |",
             "|---|---|---|---|"]
    by_job = {r.job: r for r in after}
    for b in before:
        a = by_job.get(b.job)
        if a is None or a.mine is None or b.mine is None:
            continue
        lines.append(f"| {b.job} | {b.mine.cell()} | {a.mine.cell()} | "
                     f"{a.mine.median / b.mine.median:.2f} |")
    return "\n".join(lines)


# --- main -----------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description="vnetctl vs libvirt and netplan")
    ap.add_argument("--quick", action="store_true",
                    help="N ≤ 100, 3 runs, 10 active networks for diff (about 2 minutes)")
    ap.add_argument("--vnetctl", default=os.path.join(REPO, "build-rel", "vnetctl"))
    ap.add_argument("--runs", type=int)
    ap.add_argument("--skip-live", action="store_true", help="store-only jobs (no root needed)")
    ap.add_argument("--skip-store", action="store_true", help="live jobs only")
    ap.add_argument("--backends", default=",".join(BACKENDS))
    ap.add_argument("--markdown", help="also write the report (table + machine) to FILE")
    ap.add_argument("--baseline", help="another vnetctl build: its store jobs and networkd live "
                    "jobs (fewer runs) go into a before/after table")
    ap.add_argument("--keep", help="work directory to keep (default: a temporary one)")
    a = ap.parse_args()
    v = os.path.abspath(a.vnetctl)
    if not os.access(v, os.X_OK):
        sys.exit(f"no vnetctl at {v} (cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=Release"
                 " && cmake --build build-rel --target vnetctl)")
    if a.quick:
        sizes, hosts, big, runs, n_list, n_diff = [1, 100], [0, 10], 10000, 3, 100, 10
    else:
        sizes, hosts, big, runs, n_list, n_diff = [1, 100, 1000], [0, 10, 1000], 10000, 10, 100, 100
    runs = a.runs or runs
    live = not a.skip_live
    if live and os.geteuid() != 0:
        sys.exit("live jobs need root (network namespaces); --skip-live runs the rest")

    work = a.keep or tempfile.mkdtemp(prefix="vnetctl-bench.")
    os.makedirs(work, exist_ok=True)
    t0 = time.monotonic()
    load_before = loadavg()
    try:
        spawn = os.path.join(work, "spawn")
        run(["cc", "-O2", "-o", spawn, os.path.join(HERE, "spawn.c")])
        r = Runner(work, spawn)
        log(f"inputs: {sizes} networks × {hosts} hosts, one of {big} hosts, in {work}")
        inp = Inputs(work, v, sizes, hosts, big)
        rows, baseline_rows = [], []
        baseline = os.path.abspath(a.baseline) if a.baseline else None
        if not a.skip_store:
            store_jobs(r, inp, v, runs, rows)
        if live:
            # Quick mode leaves out the STP-on start (4 s of forward delay per
            # cycle, the same on both sides).
            live_runs = max(3, runs // 2) if not a.quick else runs
            specs = start_specs(inp, with_stp=not a.quick)
            lv = libvirt_live(r, inp, live_runs, n_list, specs, not a.quick)
            results = vnetctl_live(r, inp, v, live_runs, [b for b in a.backends.split(",") if b],
                                   n_list, n_diff, specs, not a.quick)
            live_rows(results, lv, specs, n_list, n_diff, rows)
        if baseline:
            log(f"baseline: {baseline}")
            b_runs = min(runs, 3)
            store_jobs(r, inp, baseline, b_runs, baseline_rows, baseline=True)
            if live:
                specs = start_specs(inp, with_stp=not a.quick)
                results = vnetctl_live(r, inp, baseline, b_runs, ["networkd"], n_list, n_diff,
                                       specs, not a.quick, diff_names=True)
                live_rows(results, None, specs, n_list, n_diff, baseline_rows)
    finally:
        finish_pending()
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    info = machine()
    report = [
        f"Run {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}, "
        f"{'quick' if a.quick else 'full'} mode, {runs} runs after a warm-up, "
        f"{time.monotonic() - t0:.0f} s; load average before {load_before}, after {loadavg()}.",
        "",
        table(rows),
        "",
    ]
    if baseline_rows:
        report += [f"Before/after: {a.baseline} vs {v} (before: {min(runs, 3)} runs).", "",
                   before_after(baseline_rows, rows), ""]
    report += [
        "Machine: " + ", ".join(f"{k} {val}" for k, val in info.items()) + ".",
    ]
    text = "\n".join(report) + "\n"
    print(text)
    if a.markdown:
        with open(a.markdown, "w") as f:
            f.write(text)
    missed = [r.job for r in rows if r.target and not r.target_ok]
    if missed:
        log("targets missed: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        sys.exit(f"bench: error: {e}")
