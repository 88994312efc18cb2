#!/usr/bin/env python3
"""Store faults: vnetctl is killed (SIGKILL, VNETCTL_CRASH_AT) at every write
point of define (including the seeding of a new store), redefine, autostart
on and off, update --config, edit and undefine, under a scratch --root. After
each kill:
  - the store is not corrupt: every definition parses, `list` shows exactly
    the NAME.xml files (a temporary file is never taken for a network), every
    network dumps;
  - no file is half-written: each file the command writes holds exactly its
    old or its new content;
  - running the command again converges: it succeeds (or, for a change the
    killed run already made durable, refuses as virsh would) and the store
    holds what a run without the kill leaves.

    store_faults.py PATH/TO/vnetctl      prints "store faults: N fault points exercised"
"""
import os
import shutil
import sys

from faults import Counter, Vnetctl, killed, store_problems, trace_points

import harness

CONFIG = "etc/vnetctl/networks"

N1 = """<network>
  <name>n1</name>
  <uuid>0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b5c</uuid>
  <forward mode='nat'/>
  <bridge name='virbr10'/>
  <mac address='52:54:00:0a:0b:0c'/>
  <ip address='192.168.50.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.50.2' end='192.168.50.254'/>
    </dhcp>
  </ip>
</network>
"""
N1_CHANGED = N1.replace("192.168.50.254", "192.168.50.200")


def scenarios(work):
    n1 = os.path.join(work, "n1.xml")
    changed = os.path.join(work, "n1-changed.xml")
    with open(n1, "w") as f:
        f.write(N1)
    with open(changed, "w") as f:
        f.write(N1_CHANGED)
    editor = os.path.join(work, "editor.sh")
    with open(editor, "w") as f:
        f.write(f"#!/bin/sh\ncat {changed} >\"$1\"\n")
    os.chmod(editor, 0o755)
    host = "<host mac='52:54:00:00:00:09' name='h9' ip='192.168.50.9'/>"
    # (name, setup commands, the command killed[, environment])
    return [
        ("define-new-store", [], ["define", n1]),
        ("redefine", [["define", n1]], ["define", changed]),
        ("autostart", [["define", n1]], ["autostart", "n1"]),
        ("autostart-disable", [["define", n1], ["autostart", "n1"]],
         ["autostart", "n1", "--disable"]),
        ("update-config", [["define", n1]],
         ["update", "n1", "add", "ip-dhcp-host", host, "--config"]),
        ("edit", [["define", n1]], ["edit", "n1"], {"EDITOR": editor}),
        ("undefine", [["define", n1], ["autostart", "n1"]], ["undefine", "n1"]),
    ]


def visible(root):
    """The store's files a reader can see (no dot files), with contents."""
    out = {}
    for sub in ("", "autostart"):
        d = os.path.join(root, CONFIG, sub)
        if not os.path.isdir(d):
            continue
        for name in os.listdir(d):
            path = os.path.join(d, name)
            if name.startswith(".") or os.path.isdir(path):
                continue
            key = os.path.join(sub, name)
            if os.path.islink(path):
                out[key] = ("link", os.readlink(path))
            else:
                with open(path, "rb") as f:
                    out[key] = f.read()
    return out


def prepare(vnetctl, root, setup, env):
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    vn = Vnetctl(vnetctl, args=["--root", root], env=env)
    for argv in setup:
        r = vn(*argv)
        if r.rc != 0:
            raise RuntimeError(f"setup {' '.join(argv)}: exit {r.rc}: {r.err.strip()}")
    return vn


def already_done(argv, r):
    """A command whose effect the killed run already made durable may refuse
    the second time, as virsh would (undefine of a network that is gone, the
    same host added twice)."""
    if argv[0] == "undefine":
        return "no network with matching name" in r.err
    return argv[0] == "update" and "there is an existing dhcp host entry" in r.err


def run_scenario(vnetctl, work, counter, name, setup, argv, env=None):
    env = env or {}
    ref_root = os.path.join(work, "ref")
    vn = prepare(vnetctl, ref_root, setup, env)
    old = visible(ref_root)
    points = trace_points(vn, os.path.join(work, "trace"), *argv)
    new = visible(ref_root)
    # default.xml is seeded with a random uuid and MAC: compared by presence.
    new_n1 = {k: v for k, v in new.items() if k != "default.xml"}
    for point in points:
        root = os.path.join(work, "crash")
        vn = prepare(vnetctl, root, setup, env)
        r = vn(*argv, crash=point)
        counter.points += 1
        what = f"{name}: kill at {point}"
        if not killed(r):
            counter.check(what, [f"not killed: exit {r.rc}: {r.err.strip()}"])
            continue
        expect = {key: {old.get(key), new.get(key)} for key in set(old) | set(new_n1)
                  if not key.startswith("autostart/") and key != "default.xml"}
        problems = store_problems(vn, os.path.join(root, CONFIG), expect)
        link = os.path.join(root, CONFIG, "autostart", "n1.xml")
        if os.path.islink(link) and os.readlink(link) != "/etc/vnetctl/networks/n1.xml":
            problems.append(f"autostart link points at {os.readlink(link)}")
        again = vn(*argv)
        if again.rc != 0 and not already_done(argv, again):
            problems.append(f"run again: exit {again.rc}: {again.err.strip()}")
        got = {k: v for k, v in visible(root).items() if k != "default.xml"}
        if got != new_n1:
            problems.append("after the second run the store differs from a clean run: "
                            f"{sorted(got)} vs {sorted(new_n1)}")
        if "default.xml" in new and "default.xml" not in visible(root):
            problems.append("the built-in default network is missing")
        problems += store_problems(vn, os.path.join(root, CONFIG))
        counter.check(what, problems)


def main():
    vnetctl = os.path.abspath(sys.argv[1])
    work = harness.tmpdir("vnetctl-store-faults.")
    counter = Counter()
    try:
        for s in scenarios(work):
            run_scenario(vnetctl, work, counter, *s)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"store faults: {counter.points} fault points exercised, {counter.passed} passed, "
          f"{counter.failed} failed")
    return 0 if counter.failed == 0 and counter.points > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
