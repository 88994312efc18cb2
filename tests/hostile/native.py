"""Custom cases: checks that need more than one command, and the native
readers' view of what vnetctl writes for odd but accepted values."""
import os

import harness

DEFAULT_UUID_CMD = ["uuid", "default"]


def _store_root(ctx):
    return ctx.fresh_root()


def uuid_taken(ctx):
    """A new network with the uuid of `default` is refused (libvirt's rule)."""
    root = _store_root(ctx)
    r = harness.run([ctx.vnetctl, "--root", root, "uuid", "default"])
    uuid = r.out.strip()
    path = os.path.join(ctx.work, "taken.xml")
    with open(path, "w") as f:
        f.write(f"<network>\n  <name>other</name>\n  <uuid>{uuid}</uuid>\n</network>\n")
    before = harness.snapshot(root)
    r = harness.run([ctx.vnetctl, "--root", root, "define", path])
    want = (f"vnetctl: error: operation failed: network 'default' is already defined with "
            f"uuid {uuid}")
    problems = []
    if r.rc != 1 or r.err.splitlines()[:1] != [want]:
        problems.append(f"exit {r.rc}, stderr {r.err!r}; want 1, {want!r}")
    problems += ["changed: " + d for d in harness.snapshot_diff(before, harness.snapshot(root))]
    return problems


def duplicate_uuid_elements(ctx):
    """Two <uuid> elements: libvirt reads the first (string(./uuid[1])); so
    does vnetctl, and dumpxml shows only that one."""
    root = _store_root(ctx)
    path = os.path.join(ctx.work, "dupuuid.xml")
    first, second = "0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b01", "0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b02"
    with open(path, "w") as f:
        f.write(f"<network><name>d</name><uuid>{first}</uuid><uuid>{second}</uuid></network>\n")
    r = harness.run([ctx.vnetctl, "--root", root, "define", path])
    if r.rc != 0:
        return [f"define: exit {r.rc}: {r.err}"]
    r = harness.run([ctx.vnetctl, "--root", root, "uuid", "d"])
    return [] if r.out.strip() == first else [f"uuid is {r.out.strip()!r}, want {first}"]


CASES = []
