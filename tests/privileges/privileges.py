#!/usr/bin/env python3
"""Privileges (issue 7, part 3).

    privileges.py VNETCTL                  root: the checks below on a private host
    privileges.py VNETCTL --live HOLDER W  the live checks in run.sh's networkd host

- not root: every command that changes the store or the live host exits 77
  with an error saying it needs root, and changes nothing (run as nobody with
  setpriv, on a private mount + network namespace, harness.py);
- modes: what define, autostart and render write has its manager's mode
  (keyfiles, netplan YAML, dnsmasq.conf, definitions: 0600; the rest 0644;
  directories 0755), the same under umask 077 and 000, and nothing is group-
  or world-writable; the same for the files a live start writes;
- symbolic links: a link planted at any path vnetctl writes (a file, a
  directory on the way) under --root, under render's DIR, and under /etc and
  /run for a live start is refused, its target untouched;
- external commands: no system(), popen() or shell in core/, backends/ and
  cli/ (the one shell is `edit`'s $EDITOR, a shell command by convention, with
  the file passed as "$1").
Prints "privileges: N checks, N passed".
"""
import json
import os
import re
import shutil
import stat
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "hostile"))

import harness  # noqa: E402

NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
NEEDS_ROOT = " (commands that change networks must run as root)"
LOCK_DENIED = ("vnetctl: error: cannot open lock file '/run/vnetctl/lock': Permission denied" +
               NEEDS_ROOT)
READ_DENIED = ("vnetctl: error: cannot open '/etc/vnetctl/networks/default.xml': Permission "
               "denied")
LIVE_DENIED = ("vnetctl: error: this command reads and changes the live host and must run as "
               "root")

NET = """<network>
  <name>{name}</name>
  <forward mode='nat'/>
  <bridge name='{bridge}'/>
  <ip address='192.168.{third}.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.{third}.2' end='192.168.{third}.254'/>
      <host mac='52:54:00:00:00:07' name='h7' ip='192.168.{third}.7'/>
    </dhcp>
  </ip>
</network>
"""


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def __call__(self, what, problems):
        if problems:
            self.failed += 1
            print(f"FAIL: {what}")
            for p in problems[:6]:
                print(f"    {p}")
        else:
            self.passed += 1


def write(path, text, mode=0o644):
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)
    return path


# --- not root --------------------------------------------------------------------------


def not_root(vnetctl, work, roots, checks):
    doc = write(os.path.join(work, "p1.xml"), NET.format(name="p1", bridge="vbrp1", third=171))
    host = "<host mac='52:54:00:00:00:09' ip='192.168.122.9'/>"
    cases = [
        (["define", doc], LOCK_DENIED),
        (["undefine", "default"], LOCK_DENIED),
        (["start", "default"], LOCK_DENIED),
        (["destroy", "default"], LOCK_DENIED),
        (["create", doc], LOCK_DENIED),
        (["apply", doc], LOCK_DENIED),
        (["autostart", "default"], LOCK_DENIED),
        (["autostart", "default", "--disable"], LOCK_DENIED),
        (["update", "default", "add", "ip-dhcp-host", host, "--config"], LOCK_DENIED),
        (["update", "default", "add", "ip-dhcp-host", host, "--live"], LOCK_DENIED),
        (["edit", "default"], READ_DENIED),  # reads first, then takes the lock
        (["start", "default", "--dry-run"], READ_DENIED),
        (["apply", doc, "--dry-run"], LIVE_DENIED),
        (["create", doc, "--dry-run"], LIVE_DENIED),
    ]
    for argv, want in cases:
        before = harness.snapshot(*roots)
        net_before = harness.live_state()
        r = harness.run(NOBODY + [vnetctl, *argv], env={"EDITOR": "true"})
        problems = []
        first = (r.err.splitlines() or [""])[0]
        if r.rc != 77 or first != want:
            problems.append(f"exit {r.rc}, {first!r}; want 77, {want!r}")
        problems += ["changed: " + d for d in
                     harness.snapshot_diff(before, harness.snapshot(*roots))]
        if harness.live_state() != net_before:
            problems.append("links, addresses or nftables changed")
        checks(f"not root: {' '.join(argv)}", problems)


# --- modes -------------------------------------------------------------------------------

PRIVATE = (".nmconnection", ".yaml", ".conf")


def expected_mode(path):
    """The mode a manager wants for a file vnetctl writes."""
    base = os.path.basename(path)
    if base.endswith(PRIVATE) or "/etc/vnetctl/networks/" in path or base == "lock":
        return 0o600
    if "/run/vnetctl/networks/" in path and base.endswith(".xml"):
        return 0o600
    return 0o644


def mode_problems(tree, only=None):
    """Every directory 0755, every file its manager's mode, nothing writable
    by group or others. `only`: limit to these paths (a live host)."""
    problems = []
    paths = only
    if paths is None:
        paths = []
        for dirpath, dirs, files in os.walk(tree):
            paths += [os.path.join(dirpath, n) for n in dirs + files]
    for path in paths:
        if not os.path.lexists(path):
            problems.append(f"{path}: missing")
            continue
        st = os.lstat(path)
        mode = stat.S_IMODE(st.st_mode)
        if stat.S_ISLNK(st.st_mode):
            continue
        want = 0o755 if stat.S_ISDIR(st.st_mode) else expected_mode(path)
        if mode != want:
            problems.append(f"{path}: mode {mode:04o}, want {want:04o}")
        if mode & 0o022:
            problems.append(f"{path}: writable by group or others ({mode:04o})")
    return problems


def modes(vnetctl, work, checks):
    doc = write(os.path.join(work, "m1.xml"), NET.format(name="m1", bridge="vbrm1", third=172))
    for umask in (0o077, 0o000):
        root = os.path.join(work, f"modes-{umask:03o}")
        shutil.rmtree(root, ignore_errors=True)
        os.makedirs(root)
        old = os.umask(umask)
        try:
            steps = [["define", doc], ["autostart", "m1"]]
            for backend in ("networkd", "networkmanager", "netplan", "ifupdown"):
                for placement in ("persistent", "runtime"):
                    steps.append(["render", "m1", "--backend", backend, "--placement",
                                  placement, "--output", f"{root}/render-{backend}-{placement}"])
            problems = []
            for argv in steps:
                r = harness.run([vnetctl, "--root", root, *argv])
                if r.rc != 0:
                    problems.append(f"{' '.join(argv)}: exit {r.rc}: {r.err.strip()}")
        finally:
            os.umask(old)
        for sub in os.listdir(root):
            problems += mode_problems(os.path.join(root, sub))
        checks(f"modes under umask {umask:03o}: store, autostart, render x 4 backends",
               problems)


# --- symbolic links under --root and render's DIR ---------------------------------------


OUTSIDE = []  # set by main: where link targets live (visible from every namespace)


def plant(path, target_is_dir=False):
    """A link at `path` to a fresh target elsewhere; returns the target."""
    target = os.path.join(OUTSIDE[0], re.sub(r"[^A-Za-z0-9]", "_", path))
    shutil.rmtree(target, ignore_errors=True) if os.path.isdir(target) else None
    if os.path.lexists(target) and not os.path.isdir(target):
        os.remove(target)
    if target_is_dir:
        os.makedirs(target)
        write(os.path.join(target, "sentinel"), "sentinel\n")
    else:
        write(target, "sentinel\n")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.lexists(path):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.remove(path)
    os.symlink(target, path)
    return target


def target_untouched(target):
    if os.path.isdir(target):
        names = sorted(os.listdir(target))
        ok = names == ["sentinel"] and open(os.path.join(target, "sentinel")).read() == "sentinel\n"
        return [] if ok else [f"the link's target directory changed: {names}"]
    return [] if open(target).read() == "sentinel\n" else ["the link's target file changed"]


def refused(r, argv):
    if r.rc == 0:
        return [f"{' '.join(argv)} succeeded through a planted link"]
    if "symbolic link" not in r.err and "Too many levels of symbolic links" not in r.err:
        return [f"{' '.join(argv)}: exit {r.rc} without naming the link: {r.err.strip()[:300]}"]
    return []


def root_links(vnetctl, work, checks):
    doc = write(os.path.join(work, "s1.xml"), NET.format(name="s1", bridge="vbrs1", third=173))
    # (what the link replaces, is it a directory, setup commands, the command)
    plants = [
        ("etc/vnetctl/networks/s1.xml", False, [], ["define", doc]),
        ("etc/vnetctl/networks", True, [], ["define", doc]),
        ("etc/vnetctl", True, [], ["define", doc]),
        ("run/vnetctl/lock", False, [["list"]], ["define", doc]),
        ("run/vnetctl", True, [["list"]], ["define", doc]),
        ("etc/vnetctl/networks/autostart", True, [["define", doc]], ["autostart", "s1"]),
        ("etc/vnetctl/networks/s1.xml", False, [["define", doc]],
         ["update", "s1", "add", "ip-dhcp-host",
          "<host mac='52:54:00:00:00:08' ip='192.168.173.8'/>", "--config"]),
    ]
    for rel, is_dir, setup, argv in plants:
        root = os.path.join(work, "links-root")
        shutil.rmtree(root, ignore_errors=True)
        os.makedirs(root)
        for s in setup:
            harness.run([vnetctl, "--root", root, *s])
        target = plant(os.path.join(root, rel), is_dir)
        r = harness.run([vnetctl, "--root", root, *argv])
        checks(f"--root link at {rel}: {argv[0]}", refused(r, argv) + target_untouched(target))
    # render --output: a link at each file it writes and at each directory on the way.
    out = os.path.join(work, "render-probe")
    shutil.rmtree(out, ignore_errors=True)
    harness.run([vnetctl, "render", doc, "--backend", "networkd", "--placement", "persistent",
                 "--output", out])
    rels = set()
    for dirpath, dirs, files in os.walk(out):
        for n in dirs + files:
            rels.add(os.path.relpath(os.path.join(dirpath, n), out))
    for rel in sorted(rels):
        full = os.path.join(out, rel)
        if os.path.islink(full):
            continue  # the .wants link: vnetctl's own, replaced atomically
        is_dir = os.path.isdir(full)
        tree = os.path.join(work, "render-links")
        shutil.rmtree(tree, ignore_errors=True)
        os.makedirs(tree)
        target = plant(os.path.join(tree, rel), is_dir)
        argv = ["render", doc, "--backend", "networkd", "--placement", "persistent", "--output",
                tree]
        r = harness.run([vnetctl, *argv])
        checks(f"render --output link at {rel}", refused(r, argv) + target_untouched(target))


# --- external commands -------------------------------------------------------------------

SHELL = re.compile(r'\bsystem\s*\(|\bpopen\s*\(|"/bin/sh"|"sh",\s*"-c"|\bexecl\s*\(')
ALLOWED = {("cli/terminal.cpp", 'execl("/bin/sh", "sh", "-c", script.c_str(), "sh", '
                                'path.c_str(), static_cast<char*>(nullptr));')}


def no_shell(checks):
    problems = []
    for top in ("core", "backends", "cli"):
        for dirpath, _, files in os.walk(os.path.join(SOURCE, top)):
            for n in files:
                if not n.endswith((".cpp", ".h")):
                    continue
                path = os.path.join(dirpath, n)
                rel = os.path.relpath(path, SOURCE)
                for i, line in enumerate(open(path, encoding="utf-8"), 1):
                    code = line.split("//")[0]
                    if SHELL.search(code) and (rel, line.strip()) not in ALLOWED:
                        problems.append(f"{rel}:{i}: {line.strip()}")
    checks("external commands: argv arrays only (no system/popen/sh -c)", problems)


# --- live (networkd host of run.sh) ------------------------------------------------------


def live(vnetctl, holder, work, checks):
    prefix = ["nsenter", "-t", holder, "-m", "-n", "--"]

    def vn(*argv):
        return harness.run(prefix + ["env", "VNETCTL_SETTLE_TIMEOUT=15", vnetctl, "--backend",
                                     "networkd", *argv])

    def sh(*argv):
        return harness.run(prefix + list(argv))

    doc = write(os.path.join(work, "l1.xml"), NET.format(name="l1", bridge="vbrl1", third=174))
    for autostart in (False, True):
        tag = "autostart" if autostart else "start"
        r = vn("define", doc)
        if autostart:
            vn("autostart", "l1")
        r = vn("start", "l1")
        if r.rc != 0:
            checks(f"live {tag}", [f"start: exit {r.rc}: {r.err.strip()}"])
            return
        status = json.loads(sh("cat", "/run/vnetctl/networks/l1.json").out)
        files = status["files"] + ["/run/vnetctl/networks/l1.xml",
                                   "/run/vnetctl/networks/l1.json",
                                   "/etc/vnetctl/networks/l1.xml"]
        # The paths as seen from here: the host namespace's /run is its tmpfs,
        # reachable through /proc/HOLDER/root.
        seen = [f"/proc/{holder}/root{p}" for p in files]
        # Links vnetctl itself makes (a unit's .wants link) it replaces
        # atomically; a link there is not someone else's.
        own_links = {p for p, full in zip(files, seen) if os.path.islink(full)}
        problems = [p.replace(f"/proc/{holder}/root", "") for p in mode_problems(None, seen)]
        checks(f"live {tag}: modes of the {len(files)} files vnetctl wrote", problems)
        vn("destroy", "l1")
        if autostart:
            vn("autostart", "l1", "--disable")
        # A link at each of those paths: the start is refused, the target
        # untouched, and nothing is left half-made.
        for path in files:
            if path.startswith("/etc/vnetctl/networks/") or path in own_links:
                continue  # the definition: covered under --root; vnetctl's own links
            full = f"/proc/{holder}/root{path}"
            if autostart:
                vn("autostart", "l1")
            target = plant(full)
            r = vn("start", "l1")
            problems = refused(r, ["start", "l1"]) + target_untouched(target)
            if sh("ip", "link", "show", "dev", "vbrl1").rc == 0:
                problems.append("the bridge vbrl1 is left up")
            if sh("nft", "list", "table", "inet", "vnetctl_l1").rc == 0:
                problems.append("the nft table vnetctl_l1 is left")
            if os.path.lexists(full):
                os.remove(full)
            vn("destroy", "l1")
            if autostart:
                vn("autostart", "l1", "--disable")
            checks(f"live {tag}: link at {path}", problems)
    vn("undefine", "l1")


def main():
    vnetctl = os.path.abspath(sys.argv[1])
    checks = Checks()
    if len(sys.argv) > 2 and sys.argv[2] == "--live":
        OUTSIDE.append(os.path.join(sys.argv[4], "outside"))
        os.makedirs(OUTSIDE[0], exist_ok=True)
        live(vnetctl, sys.argv[3], sys.argv[4], checks)
    else:
        harness.reexec_in_private_host([os.path.abspath(__file__), *sys.argv[1:]])
        work = harness.tmpdir("vnetctl-privileges.")
        os.chmod(work, 0o755)  # nobody reads the input documents from here
        OUTSIDE.append(os.path.join(work, "outside"))
        os.makedirs(OUTSIDE[0])
        try:
            roots = harness.setup_private_host(work)
            seeded = harness.run([vnetctl, "list"])
            if seeded.rc != 0:
                raise RuntimeError(seeded.err)
            not_root(vnetctl, work, roots, checks)
            modes(vnetctl, work, checks)
            root_links(vnetctl, work, checks)
            no_shell(checks)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    total = checks.passed + checks.failed
    print(f"privileges: {total} checks, {checks.passed} passed")
    return 0 if checks.failed == 0 and total > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
