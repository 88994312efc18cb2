#!/usr/bin/env python3
"""The hostile-input suite (issue 7): every case in cases.py is fed to vnetctl
through each entry point it names, and must be refused with the expected exit
code and message while nothing changes: the --root tree (store, native
files), the render output directory, and for live commands the private
host's files, links and nftables ruleset (harness.py).

    run.py PATH/TO/vnetctl [-k SUBSTRING] [--show] [-v]

Entry points of a network document:
  define        vnetctl --root R define FILE
  define-stdin  vnetctl --root R define - < FILE
  create        vnetctl --root R create FILE   (refused before any live work)
  edit          EDITOR puts FILE in place of `vnetctl --root R edit n1`'s temp file
  render        vnetctl --root R render FILE --backend networkd --output DIR
  apply         vnetctl --backend networkd apply FILE on the private live host
Fragments (update cases) go through `update n1 CMD SECTION` inline and as a
file. Messages are compared on the first stderr line, with the input's name
(FILE, '-', the edit temp file) written as FILE. Cases marked libvirt=True
are also given to `virsh -c test:///default net-define`, which must refuse
them with the message vnetctl quotes.

Prints "hostile: N cases, N passed" (a case = one input through one entry
point); exits non-zero on any failure.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402

ARGS = None
VNETCTL = None


class Suite:
    def __init__(self, work):
        self.work = work
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.by_group = {}
        self.live_roots = None
        self.live_error = None
        self.template = None

    def record(self, name, problems):
        group = name.split("/")[0]
        g = self.by_group.setdefault(group, [0, 0])
        if problems:
            self.failed += 1
            g[1] += 1
            print(f"FAIL: {name}")
            for p in problems:
                print(f"    {p}")
        else:
            self.passed += 1
            g[0] += 1
            if ARGS.verbose:
                print(f"PASS: {name}")


# --- stores ------------------------------------------------------------------

N1 = """<network>
  <name>n1</name>
  <uuid>0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b5c</uuid>
  <forward mode='nat'/>
  <bridge name='virbr10'/>
  <mac address='52:54:00:0a:0b:0c'/>
  <ip address='192.168.50.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.50.2' end='192.168.50.254'/>
      <host mac='52:54:00:00:00:01' name='h1' ip='192.168.50.10'/>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd00:50::1' prefix='64'>
    <dhcp>
      <range start='fd00:50::100' end='fd00:50::1ff'/>
    </dhcp>
  </ip>
</network>
"""


def make_template(work):
    """A store holding `default` and n1, copied for every case."""
    root = os.path.join(work, "template")
    os.makedirs(root)
    path = os.path.join(work, "n1.xml")
    with open(path, "w") as f:
        f.write(N1)
    r = harness.run([VNETCTL, "--root", root, "define", path])
    if r.rc != 0:
        raise RuntimeError(f"cannot define n1 in the template store: {r.err}")
    return root


def fresh_root(suite, tag):
    root = os.path.join(suite.work, "root-" + tag)
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(suite.template, root, symlinks=True)
    return root


# --- checks --------------------------------------------------------------------


def normalize(text, *sources):
    for s in sources:
        if s:
            text = text.replace(s, "FILE")
    return text


def check_result(r, case, sources):
    problems = []
    lines = [normalize(line, *sources) for line in r.err.splitlines()]
    first = lines[0] if lines else ""
    if r.rc != case.rc:
        problems.append(f"exit {r.rc}, want {case.rc}")
    if case.err is not None and case.err.startswith("re:"):
        if not re.fullmatch(case.err[3:], first):
            problems.append(f"stderr: {first[:300]!r}")
            problems.append(f"want:   {case.err[:300]!r}")
    elif case.err is not None and first != case.err:
        problems.append(f"stderr: {first!r}")
        problems.append(f"want:   {case.err!r}")
    if case.err_count is not None:
        n = sum(1 for line in lines if line.startswith("vnetctl: error:"))
        if n != case.err_count:
            problems.append(f"{n} error lines, want {case.err_count}")
    # virsh's empty line ends a failed command's stdout; nothing else may.
    if case.rc != 0 and r.out not in ("", "\n"):
        problems.append(f"stdout on failure: {r.out[:200]!r}")
    if ARGS.show:
        print(f"  SHOW {case.name} rc={r.rc} err={first!r}")
    return problems


def unchanged(before, after):
    diff = harness.snapshot_diff(before, after)
    return ["changed: " + d for d in diff]


# --- entry points --------------------------------------------------------------


def input_file(suite, case):
    path = os.path.join(suite.work, "in.xml")
    if os.path.lexists(path):
        os.remove(path)
    if callable(case.input):
        case.input(path)
    else:
        data = case.input.encode() if isinstance(case.input, str) else case.input
        with open(path, "wb") as f:
            f.write(data)
    return path


def run_root_command(suite, case, entry, path):
    root = fresh_root(suite, "case")
    out_dir = os.path.join(suite.work, "render-out")
    shutil.rmtree(out_dir, ignore_errors=True)
    before = harness.snapshot(root, out_dir)
    sources = ["in.xml"]
    env = {}
    stdin = None
    if entry == "define":
        argv = [VNETCTL, "--root", root, "define", "in.xml"]
    elif entry == "define-stdin":
        argv = [VNETCTL, "--root", root, "define", "-"]
        stdin = path
        sources = ["'-'", "-:"]
    elif entry == "create":
        argv = [VNETCTL, "--root", root, "create", "in.xml"]
    elif entry == "render":
        argv = [VNETCTL, "--root", root, "render", "in.xml", "--backend", "networkd",
                "--output", out_dir]
    elif entry == "edit":
        seen = os.path.join(suite.work, "edited-path")
        env = {"EDITOR": f"{HERE}/editor.sh", "HOSTILE_EDIT_INPUT": path,
               "HOSTILE_EDIT_SEEN": seen, "TMPDIR": suite.work}
        argv = [VNETCTL, "--root", root, "edit", "n1"]
    else:
        raise ValueError(entry)
    r = harness.run(argv, stdin=stdin, env=env, cwd=suite.work)
    if entry == "edit":
        sources = [open(seen).read().strip()] if os.path.exists(seen) else []
        if os.path.exists(seen):
            os.remove(seen)
        sources = [s for s in sources if s] + ["in.xml"]
    if entry == "define-stdin":
        r.err = r.err.replace("'-'", "'FILE'").replace(": -:", ": FILE:").replace(
            "error: -:", "error: FILE:")
        sources = []
    problems = check_result(r, case, sources)
    if case.rc != 0:
        problems += unchanged(before, harness.snapshot(root, out_dir))
    elif case.absent:
        problems += nothing_expanded(root, case)
    if entry == "edit":
        leftovers = [f for f in os.listdir(suite.work) if f.startswith("vnetctl-")]
        if leftovers:
            problems.append(f"edit left temporary files: {leftovers}")
            for f in leftovers:
                os.remove(os.path.join(suite.work, f))
    return problems


def nothing_expanded(root, case):
    r = harness.run([VNETCTL, "--root", root, "dumpxml", "n1"])
    if r.rc != 0:
        return [f"dumpxml n1: exit {r.rc}: {r.err.strip()}"]
    return [f"dumpxml shows {a!r}" for a in case.absent if a in r.out]


def run_live_apply(suite, case, path):
    if suite.live_roots is None:
        return None
    before = harness.snapshot(*suite.live_roots)
    net_before = harness.live_state()
    r = harness.run([VNETCTL, "--backend", "networkd", "apply", "in.xml"], cwd=suite.work)
    problems = check_result(r, case, ["in.xml"])
    if case.rc != 0:
        problems += unchanged(before, harness.snapshot(*suite.live_roots))
        if harness.live_state() != net_before:
            problems.append("links, addresses or nftables changed")
    return problems


def run_document_case(suite, case):
    path = input_file(suite, case)
    for entry in case.entries:
        name = f"{case.name} [{entry}]"
        if ARGS.entries and entry not in ARGS.entries.split(","):
            continue
        if ARGS.filter and ARGS.filter not in name:
            continue
        if entry == "apply":
            problems = run_live_apply(suite, case, path)
            if problems is None:
                suite.skipped += 1
                continue
        else:
            problems = run_root_command(suite, case, entry, path)
        suite.record(name, problems)
    if case.libvirt and (not ARGS.filter or ARGS.filter in case.name):
        suite.record(f"{case.name} [libvirt]", libvirt_agrees(suite, case, path))


def libvirt_agrees(suite, case, path):
    r = harness.run(["virsh", "-q", "-c", "test:///default", "net-define", path])
    if case.rc == 0:
        return [] if r.rc == 0 else [f"libvirt refuses this document: {r.err.strip()}"]
    if r.rc == 0:
        return ["libvirt accepts this document"]
    lines = [line for line in r.err.splitlines() if line.startswith("error: ")]
    if not lines:
        return [f"virsh said: {r.err!r}"]
    msg = lines[-1][len("error: "):]
    if msg.startswith("(network_definition):"):
        msg = msg.split(": ", 1)[1]
    if msg not in (case.err or ""):
        return [f"libvirt says {msg!r}", f"vnetctl says {case.err!r}"]
    return []


def run_fragment_case(suite, case):
    for how in ("inline", "file"):
        name = f"{case.name} [update {how}]"
        if ARGS.filter and ARGS.filter not in name:
            continue
        root = fresh_root(suite, "frag")
        before = harness.snapshot(root)
        frag = case.input
        if how == "inline":
            arg = frag
            if not arg.startswith("<") or "\0" in arg or len(arg) > 65536:
                suite.record(name, [] if case.inline_skip_ok else ["fragment is not inline"])
                continue
        else:
            arg = "frag.xml"
            with open(os.path.join(suite.work, arg), "w") as f:
                f.write(frag)
        argv = [VNETCTL, "--root", root, "update", "n1", case.command, case.section, arg,
                "--config", *case.extra]
        r = harness.run(argv, cwd=suite.work)
        sources = ["frag.xml"] if how == "file" else []
        # An inline fragment has no file name: its messages carry no location.
        want = None
        if case.err is not None:
            loc = f"FILE:{case.line}: " if how == "file" and case.line else ""
            if how == "file" and case.err.startswith("XML error: DOCTYPE"):
                loc = "FILE:1: "
            want = "vnetctl: error: " + loc + case.err
        c = case.with_err(want)
        problems = check_result(r, c, sources)
        if case.rc != 0:
            problems += unchanged(before, harness.snapshot(root))
        suite.record(name, problems)


def run_custom_case(suite, case):
    if ARGS.filter and ARGS.filter not in case.name:
        return
    ctx = Context(suite)
    try:
        problems = case.input(ctx)
    except Exception as e:  # a broken check is a failure, not a crash
        problems = [f"check raised {type(e).__name__}: {e}"]
    if problems is None:
        suite.skipped += 1
        return
    suite.record(case.name, problems)


class Context:
    """What a custom case (native reader checks, ...) gets."""

    def __init__(self, suite):
        self.suite = suite
        self.vnetctl = VNETCTL
        self.work = suite.work
        self.live = suite.live_roots is not None

    def fresh_root(self):
        return fresh_root(self.suite, "custom")


def main():
    global ARGS, VNETCTL
    p = argparse.ArgumentParser()
    p.add_argument("vnetctl")
    p.add_argument("-k", dest="filter", default="")
    p.add_argument("--show", action="store_true", help="print each result's first line")
    p.add_argument("-v", dest="verbose", action="store_true")
    p.add_argument("--entries", default="", help="only these entry points (comma-separated)")
    ARGS = p.parse_args()
    VNETCTL = os.path.abspath(ARGS.vnetctl)
    harness.reexec_in_private_host([os.path.abspath(__file__), *sys.argv[1:]])
    import cases  # noqa: E402  (after the re-exec: generators may be slow)

    t0 = time.monotonic()
    work = harness.tmpdir("vnetctl-hostile.")
    suite = Suite(work)
    try:
        suite.template = make_template(work)
        try:
            suite.live_roots = harness.setup_private_host(work)
            # Any first command seeds the store with `default` (by design, as
            # libvirt's package does): do that before the snapshots.
            seeded = harness.run([VNETCTL, "list", "--all"])
            if seeded.rc != 0:
                raise RuntimeError(f"vnetctl list on the private host: {seeded.err.strip()}")
        except (RuntimeError, subprocess.CalledProcessError, OSError) as e:
            suite.live_error = str(e)
            print(f"note: live cases not run: {e}")
        for case in cases.CASES:
            if case.kind == "document":
                run_document_case(suite, case)
            elif case.kind == "fragment":
                run_fragment_case(suite, case)
            else:
                run_custom_case(suite, case)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for group, (ok, bad) in sorted(suite.by_group.items()):
        print(f"  {group:<12} {ok + bad:4d} cases, {ok} passed")
    total = suite.passed + suite.failed
    skipped = f", {suite.skipped} not run (not root)" if suite.skipped else ""
    print(f"hostile: {total} cases, {suite.passed} passed{skipped} "
          f"({time.monotonic() - t0:.0f} s)")
    if suite.live_error and os.geteuid() == 0:
        return 1
    return 0 if suite.failed == 0 and total > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
