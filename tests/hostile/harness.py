"""Shared pieces of the hostile-input and fault suites: running vnetctl,
snapshots of file trees, and a private "live host" (mount + network
namespace) for the commands that refuse to run under --root.

The private host: `unshare -m -n` (a new, empty network namespace: nothing a
command does can reach the machine's own links), a tmpfs on /run, overlayfs
on /etc and /var/lib (writes land in the test's temporary directory), and
fresh empty directories over the places vnetctl writes (/etc/vnetctl, ...).
Nothing is ever created or deleted on the real /etc or /var/lib: when the
overlay cannot be mounted the live cases fail loudly.
"""
import hashlib
import os
import stat
import subprocess
import sys
import tempfile

# Directories vnetctl (or a manager it drives) writes on a live host.
MASKED = ("/etc/vnetctl", "/var/lib/vnetctl", "/etc/systemd/network", "/etc/netplan",
          "/etc/network/interfaces.d", "/etc/NetworkManager/system-connections",
          "/etc/systemd/system")
IN_NS_ENV = "VNETCTL_TEST_PRIVATE_HOST"


def reexec_in_private_host(argv):
    """As root, re-runs this program inside `unshare -m -n` (once)."""
    if os.geteuid() != 0 or os.environ.get(IN_NS_ENV):
        return
    env = dict(os.environ, **{IN_NS_ENV: "1"})
    os.execvpe("unshare", ["unshare", "-m", "-n", "--propagation", "private",
                           sys.executable, *argv], env)


def _mounted_at(path, fstype):
    with open("/proc/self/mountinfo") as f:
        for line in f:
            fields = line.split()
            sep = fields.index("-")
            if fields[4] == path and fields[sep + 1] == fstype:
                return True
    return False


def _mount(*args):
    subprocess.run(["mount", *args], check=True, capture_output=True, text=True)


def setup_private_host(work):
    """Inside the namespaces: overlays, tmpfs and masks. Returns the list of
    directories that hold everything a live command could write (for
    snapshots), or raises RuntimeError."""
    if not os.environ.get(IN_NS_ENV) or os.geteuid() != 0:
        raise RuntimeError("the private host needs root (unshare -m -n)")
    roots = []
    for lower in ("/etc", "/var/lib"):
        tag = lower.strip("/").replace("/", "-")
        upper, wdir = f"{work}/{tag}-upper", f"{work}/{tag}-work"
        os.makedirs(upper)
        os.makedirs(wdir)
        _mount("-t", "overlay", "vnt-" + tag, "-o",
               f"lowerdir={lower},upperdir={upper},workdir={wdir}", lower)
        if not _mounted_at(lower, "overlay"):
            raise RuntimeError(f"{lower} is not an overlay")
        roots.append(upper)
    _mount("-t", "tmpfs", "vnt-run", "/run")
    if not _mounted_at("/run", "tmpfs"):
        raise RuntimeError("/run is not a private tmpfs")
    roots.append("/run")
    for d in MASKED:
        mask = work + "/mask" + d
        os.makedirs(mask)
        os.makedirs(d, exist_ok=True)  # inside the overlay only
        _mount("--bind", mask, d)
        roots.append(mask)
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    return roots


def snapshot(*roots):
    """{relative path: (type, mode, content hash or link target)} of each tree;
    a missing root is recorded as such."""
    snap = {}
    for root in roots:
        if not os.path.lexists(root):
            snap[root] = ("missing",)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(dirnames + filenames):
                path = os.path.join(dirpath, name)
                st = os.lstat(path)
                mode = stat.S_IMODE(st.st_mode)
                if stat.S_ISLNK(st.st_mode):
                    snap[path] = ("link", mode, os.readlink(path))
                elif stat.S_ISREG(st.st_mode):
                    with open(path, "rb") as f:
                        snap[path] = ("file", mode, hashlib.sha256(f.read()).hexdigest())
                elif stat.S_ISDIR(st.st_mode):
                    snap[path] = ("dir", mode)
                else:
                    snap[path] = ("other", mode)
    return snap


def live_state():
    """The network namespace's links, addresses and nftables ruleset."""
    out = []
    for argv in (["ip", "-o", "link"], ["ip", "-o", "addr"], ["nft", "list", "ruleset"]):
        r = subprocess.run(argv, capture_output=True, text=True)
        out.append(r.stdout)
    return "\n".join(out)


def snapshot_diff(before, after, limit=8):
    lines = []
    for path in sorted(set(before) | set(after)):
        if before.get(path) != after.get(path):
            lines.append(f"{path}: {before.get(path)} -> {after.get(path)}")
    return lines[:limit]


class Result:
    def __init__(self, rc, out, err):
        self.rc, self.out, self.err = rc, out, err


def run(argv, stdin=None, env=None, timeout=120, cwd=None):
    """Runs argv; stdin is bytes, a file path (str) or None."""
    full_env = dict(os.environ)
    for k in ("VNETCTL_ROOT", "VNETCTL_BACKEND", "VNETCTL_FAULT", "VNETCTL_CRASH_AT", "EDITOR",
              "VISUAL"):
        full_env.pop(k, None)
    full_env.update(env or {})
    kwargs = dict(capture_output=True, env=full_env, timeout=timeout, cwd=cwd)
    try:
        if isinstance(stdin, str):
            with open(stdin, "rb") as f:
                p = subprocess.run(argv, stdin=f, **kwargs)
        else:
            p = subprocess.run(argv, input=stdin if stdin is not None else b"", **kwargs)
    except subprocess.TimeoutExpired:
        return Result(124, "", f"timed out after {timeout} s")
    return Result(p.returncode, p.stdout.decode("utf-8", "replace"),
                  p.stderr.decode("utf-8", "replace"))


def tmpdir(prefix):
    return tempfile.mkdtemp(prefix=prefix)
