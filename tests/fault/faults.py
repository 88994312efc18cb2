"""Fault-test machinery shared by store_faults.py and live_faults.py: running
vnetctl with a crash point (VNETCTL_CRASH_AT, core/io/crash_point.h), listing
the points a command reaches (VNETCTL_CRASH_TRACE), and the store invariants
that must hold after any crash."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "hostile"))

import harness  # noqa: E402


class Counter:
    def __init__(self):
        self.points = 0
        self.passed = 0
        self.failed = 0

    def check(self, what, problems):
        if problems:
            self.failed += 1
            print(f"FAIL: {what}")
            for p in problems[:8]:
                print(f"    {p}")
        else:
            self.passed += 1


class Vnetctl:
    """vnetctl with fixed leading arguments, optionally inside a namespace."""

    def __init__(self, binary, prefix=(), args=(), env=None):
        self.binary = binary
        self.prefix = list(prefix)
        self.args = list(args)
        self.env = dict(env or {})

    def __call__(self, *argv, crash=None, trace=None, stdin=None, timeout=120, env=None):
        e = dict(self.env, **(env or {}))
        if crash:
            e["VNETCTL_CRASH_AT"] = crash
        if trace:
            e["VNETCTL_CRASH_TRACE"] = trace
        # env(1) so that the variables reach vnetctl through nsenter as well.
        envs = [f"{k}={v}" for k, v in e.items()]
        cmd = self.prefix + ["env", *envs, self.binary, *self.args, *argv]
        return harness.run(cmd, stdin=stdin, timeout=timeout)

    def sh(self, *argv, timeout=60):
        """A command in the same namespaces (host checks)."""
        return harness.run(self.prefix + list(argv), timeout=timeout)


def trace_points(vn, trace_file, *argv, **kw):
    """The crash points `vnetctl ARGV` reaches, in order ("POINT#N")."""
    if os.path.exists(trace_file):
        os.remove(trace_file)
    r = vn(*argv, trace=trace_file, **kw)
    if r.rc != 0:
        raise RuntimeError(f"vnetctl {' '.join(argv)} (tracing): exit {r.rc}: {r.err.strip()}")
    with open(trace_file) as f:
        return [line.strip() for line in f if line.strip()]


def killed(r):
    return r.rc in (-9, 137)


def store_problems(vn, config_dir, expect=None):
    """The store after a crash: every definition parses (list has no warning),
    list shows exactly the NAME.xml files (no temporary file shows up as a
    network), every listed network dumps. `expect` maps file names to the
    contents allowed (old or new, never a mix)."""
    problems = []
    r = vn("list", "--all", "--name")
    if r.rc != 0:
        return [f"list --all: exit {r.rc}: {r.err.strip()}"]
    if r.err.strip():
        problems.append(f"list --all warns: {r.err.strip()}")
    listed = sorted(n for n in r.out.split() if n)
    if config_dir is not None:
        names = sorted(os.listdir(config_dir)) if os.path.isdir(config_dir) else []
        files = sorted(n[:-4] for n in names if n.endswith(".xml") and not n.startswith("."))
        if listed != files:
            problems.append(f"list shows {listed}, the store holds {files}")
    for name in listed:
        d = vn("dumpxml", name, "--inactive")
        if d.rc != 0:
            problems.append(f"dumpxml {name}: exit {d.rc}: {d.err.strip()}")
    for fname, allowed in (expect or {}).items():
        path = os.path.join(config_dir, fname)
        content = open(path, "rb").read() if os.path.exists(path) else None
        if content not in allowed:
            problems.append(f"{fname} is neither its old nor its new content "
                            f"({None if content is None else len(content)} bytes)")
    return problems
