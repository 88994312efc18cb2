"""Custom cases: checks that need more than one command, and the native
readers' view of what vnetctl writes for odd but accepted values.

The native check renders one network twice for each backend: with odd values
(every punctuation a name may hold, a bridge name with '-' and '.', TXT/TFTP/
BOOTP text holding dnsmasq's own separators, quotes and backslashes) and with
plain ones. Each file goes through the reader its manager uses (a systemd
INI reader for .netdev/.network/units, GKeyFile rules for NM keyfiles,
`netplan generate --root-dir`, `ifquery -i`, nft loading the ruleset in a
private network namespace, dnsmasq's hosts-file syntax). After mapping each
odd value to its plain counterpart, both readings must be identical: the odd
values land exactly where the plain ones do and nothing more was parsed out of
them. dnsmasq itself then serves the odd rendering: its TXT answer, host
names and TFTP root must be exactly the values of the document.
"""
import json
import os
import re
import shutil
import subprocess
import time
from xml.sax.saxutils import quoteattr

import harness
from dnsq import query as dns_query

# --- simple custom cases -------------------------------------------------------------


def uuid_taken(ctx):
    """A new network with the uuid of `default` is refused (libvirt's rule)."""
    root = ctx.fresh_root()
    uuid = harness.run([ctx.vnetctl, "--root", root, "uuid", "default"]).out.strip()
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
    does vnetctl."""
    root = ctx.fresh_root()
    path = os.path.join(ctx.work, "dupuuid.xml")
    first, second = "0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b01", "0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b02"
    with open(path, "w") as f:
        f.write(f"<network><name>d</name><uuid>{first}</uuid><uuid>{second}</uuid></network>\n")
    r = harness.run([ctx.vnetctl, "--root", root, "define", path])
    if r.rc != 0:
        return [f"define: exit {r.rc}: {r.err}"]
    r = harness.run([ctx.vnetctl, "--root", root, "uuid", "d"])
    return [] if r.out.strip() == first else [f"uuid is {r.out.strip()!r}, want {first}"]


def ifupdown_colon_refused(ctx):
    """A ':' is fine in a network name, except in an ifupdown file name: render
    says so and writes nothing."""
    path = os.path.join(ctx.work, "colon.xml")
    with open(path, "w") as f:
        f.write(NETWORK.format(**_xml_values(dict(PLAIN, name="a:b"))))
    out = os.path.join(ctx.work, "colon-out")
    shutil.rmtree(out, ignore_errors=True)
    r = harness.run([ctx.vnetctl, "render", path, "--backend", "ifupdown", "--output", out])
    want = ("vnetctl: error: " + path + ":1: cannot write network name 'a:b' into an ifupdown "
            "file name: only [A-Za-z0-9_.-] is allowed (/network)")
    problems = []
    if r.rc != 65 or r.err.splitlines()[:1] != [want]:
        problems.append(f"exit {r.rc}, stderr {r.err.strip()!r}; want 65, {want!r}")
    if os.path.exists(out):
        problems.append("render wrote files")
    return problems


# --- the odd network ----------------------------------------------------------------

ODD = {
    "name": "a.b_c-d:e",
    "bridge": "br-x.y_z",
    "domain": "ex-1.test",
    "host": "web-1.ex_1",
    "dhcpname": "h-1.x_y",
    "txt": 'a,b #c "d" \\e =f;g {h}',
    "tftp": '/srv/t,b #c "q"',
    "bootp": "pxe,x #y.0",
}
PLAIN = {
    "name": "plainname",
    "bridge": "br.plain",  # with a '.' like the odd one: sysctl keys then use '/'

    "domain": "plaindomain.test",
    "host": "plainhost",
    "dhcpname": "plaindhcp",
    "txt": "plaintext",
    "tftp": "/srv/plaintftp",
    "bootp": "plainboot.0",
}

NETWORK = """<network>
  <name>{name}</name>
  <forward mode='nat'/>
  <bridge name={bridge} stp='on' delay='2'/>
  <mac address='52:54:00:12:34:56'/>
  <mtu size='9000'/>
  <domain name={domain}/>
  <dns>
    <forwarder addr='192.0.2.53'/>
    <txt name='info' value={txt}/>
    <srv service='ldap' protocol='tcp' domain={domain} target={host} port='389'
         priority='10' weight='5'/>
    <host ip='192.168.150.2'><hostname>{host_text}</hostname><hostname>alias</hostname></host>
  </dns>
  <ip address='192.168.150.1' netmask='255.255.255.0'>
    <tftp root={tftp}/>
    <dhcp>
      <range start='192.168.150.100' end='192.168.150.199'/>
      <host mac='52:54:00:00:00:01' name={dhcpname} ip='192.168.150.5'/>
      <bootp file={bootp}/>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd00:150::1' prefix='64'>
    <dhcp><range start='fd00:150::100' end='fd00:150::1ff'/></dhcp>
  </ip>
  <route address='10.50.0.0' prefix='16' gateway='192.168.150.254'/>
</network>
"""


def _xml_values(values):
    out = {k: quoteattr(v) for k, v in values.items()}
    out["name"] = values["name"]
    out["host_text"] = values["host"]
    return out


def _escape_unit(name):
    r = subprocess.run(["systemd-escape", "--path", "/sys/subsystem/net/devices/" + name],
                       capture_output=True, text=True, check=True)
    return r.stdout.strip()


def _mapping(odd, plain):
    """(odd text, plain text) pairs, longest first, including the forms a
    value takes in file names (nft table name, systemd unit escaping)."""
    pairs = [(odd[k], plain[k]) for k in odd]
    pairs.append((odd["name"].replace(":", "/"), plain["name"].replace(":", "/")))
    pairs.append((_escape_unit(odd["bridge"]), _escape_unit(plain["bridge"])))
    return sorted(set(pairs), key=lambda p: -len(p[0]))


def _to_plain(value, pairs):
    if isinstance(value, tuple):
        return tuple(_to_plain(v, pairs) for v in value)
    if not isinstance(value, str):
        return value
    for odd, plain in pairs:
        value = value.replace(odd, plain)
    return value


def _render(ctx, values, backend, tag):
    path = os.path.join(ctx.work, f"native-{tag}.xml")
    with open(path, "w") as f:
        f.write(NETWORK.format(**_xml_values(values)))
    out = os.path.join(ctx.work, f"native-{tag}-{backend}")
    shutil.rmtree(out, ignore_errors=True)
    r = harness.run([ctx.vnetctl, "render", path, "--backend", backend, "--output", out])
    if r.rc != 0:
        raise RuntimeError(f"render {tag} --backend {backend}: exit {r.rc}: {r.err.strip()}")
    files = {}
    for dirpath, _, names in os.walk(out):
        for n in names:
            full = os.path.join(dirpath, n)
            files[os.path.relpath(full, out)] = full
    return out, files


# --- readers: each returns a list of tuples, what the manager would see ------------------


def read_systemd_ini(path):
    """systemd's unit-file syntax (.netdev, .network, .service): comments at
    line start, [Section], Key=Value, a trailing backslash continues."""
    entries, section, pending = [], None, ""
    with open(path, encoding="utf-8") as f:
        for raw in f.read().split("\n"):
            line = pending + raw.strip()
            pending = ""
            if line.endswith("\\"):
                pending = line[:-1] + " "
                continue
            if not line or line[0] in "#;":
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1]
                entries.append(("section", section))
                continue
            if "=" not in line:
                entries.append(("garbage", section, line))
                continue
            key, value = line.split("=", 1)
            entries.append((section, key.strip(), value.strip()))
    return entries


def read_keyfile(path):
    """GKeyFile: comments only at line start, escapes \\s \\n \\t \\\\ in values."""
    entries, section = [], None
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("[") and line.rstrip().endswith("]"):
                section = line.strip()[1:-1]
                entries.append(("section", section))
                continue
            if "=" not in line:
                entries.append(("garbage", section, line))
                continue
            key, value = line.split("=", 1)
            value = re.sub(r"\\(.)", lambda m: {"s": " ", "n": "\n", "t": "\t"}.get(m[1], m[1]),
                           value)
            if key.strip() == "uuid":
                value = "<uuid5 of the id>"
            entries.append((section, key.strip(), value))
    return entries


def read_netplan(tree):
    """`netplan generate --root-dir`: the networkd files netplan makes."""
    root = tree + "-netplan-root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(os.path.join(tree, "etc"), os.path.join(root, "etc"), symlinks=True)
    r = subprocess.run(["netplan", "generate", "--root-dir", root], capture_output=True,
                       text=True)
    if r.returncode != 0:
        return [("netplan generate failed", r.stderr.strip())]
    entries = []
    gen = os.path.join(root, "run", "systemd", "network")
    for name in sorted(os.listdir(gen)):
        entries.append(("file", name))
        entries += read_systemd_ini(os.path.join(gen, name))
    return entries


def read_ifupdown(path):
    """`ifquery -i FILE`: the interfaces and every option of each."""
    r = subprocess.run(["ifquery", "-i", path, "--list"], capture_output=True, text=True)
    if r.returncode != 0:
        return [("ifquery failed", r.stderr.strip())]
    entries = []
    for iface in r.stdout.split():
        q = subprocess.run(["ifquery", "-i", path, iface], capture_output=True, text=True)
        entries.append(("iface", iface))
        entries += [("option", iface, line) for line in q.stdout.splitlines()]
    return entries


def read_nft(path):
    """nft loads the ruleset in a private network namespace: the tables, chains
    and rules it then lists (JSON, counters dropped)."""
    script = f"nft -f {json.dumps(path)} && nft -j list ruleset"
    r = subprocess.run(["unshare", "-n", "sh", "-c", script], capture_output=True, text=True)
    if r.returncode != 0:
        return [("nft failed", r.stderr.strip())]
    entries = []
    for item in json.loads(r.stdout)["nftables"]:
        for kind in ("table", "chain", "rule"):
            if kind in item:
                obj = {k: v for k, v in item[kind].items() if k not in ("handle", "family")}
                text = json.dumps(obj, sort_keys=True)
                text = re.sub(r'\{"counter": \{[^}]*\}\}', '{"counter": {}}', text)
                entries.append((kind, text))
    return entries


def read_dnsmasq_hosts(path, sep):
    with open(path, encoding="utf-8") as f:
        return [("line", tuple(t for t in re.split(sep, line) if t))
                for line in f.read().splitlines() if line.strip()]


def read_dnsmasq_conf(path):
    """dnsmasq's own syntax check; the values are checked by serving them."""
    r = subprocess.run(["dnsmasq", "--test", "-C", path], capture_output=True, text=True)
    return [("dnsmasq --test", r.returncode, r.stderr.strip())]


def read_file(rel, full, tree):
    if os.path.islink(full):  # a unit's .wants link: absolute, on the target system
        entries = [("link", os.readlink(full))]
    elif rel.endswith((".netdev", ".network", ".service")):
        entries = read_systemd_ini(full)
    elif rel.endswith(".nmconnection"):
        entries = read_keyfile(full)
    elif rel.endswith(".yaml"):
        entries = read_netplan(tree)
    elif "interfaces" in rel:
        entries = read_ifupdown(full)
    elif rel.endswith(".nft"):
        entries = read_nft(full)
    elif rel.endswith(".hostsfile"):
        entries = read_dnsmasq_hosts(full, ",")
    elif rel.endswith(".addnhosts"):
        entries = read_dnsmasq_hosts(full, r"\s+")
    elif rel.endswith(".conf"):
        entries = read_dnsmasq_conf(full)
    else:
        entries = [("unread", rel)]
    return entries


def native_backend(backend):
    def check(ctx):
        if not ctx.live:  # nft needs a network namespace
            return None
        odd = dict(ODD)
        if backend == "ifupdown":
            odd["name"] = "a.b_c-d"  # ':' is refused there (ifupdown_colon_refused)
        pairs = _mapping(odd, PLAIN)
        odd_tree, odd_files = _render(ctx, odd, backend, "odd")
        plain_tree, plain_files = _render(ctx, PLAIN, backend, "plain")
        problems = []
        mapped = {_to_plain(rel, pairs): rel for rel in odd_files}
        if sorted(mapped) != sorted(plain_files):
            problems.append(f"file sets differ: {sorted(mapped)} vs {sorted(plain_files)}")
        for rel_plain, rel_odd in sorted(mapped.items()):
            if rel_plain not in plain_files:
                continue
            seen_odd = read_file(rel_odd, odd_files[rel_odd], odd_tree)
            seen_plain = read_file(rel_plain, plain_files[rel_plain], plain_tree)
            as_plain = [_to_plain(e, pairs) for e in seen_odd]
            if as_plain != seen_plain:
                diff = [f"{a} != {b}" for a, b in zip(as_plain, seen_plain) if a != b]
                problems.append(f"{rel_odd}: the reader sees other objects: "
                                f"{(diff or [str(len(as_plain)) + ' vs ' + str(len(seen_plain))])[:3]}")
            bad = [e for e in seen_odd if e[0] in ("garbage", "nft failed", "ifquery failed",
                                                    "netplan generate failed")
                   or (e[0] == "dnsmasq --test" and e[1] != 0)]
            if bad:
                problems.append(f"{rel_odd}: {bad[:2]}")
            if os.path.islink(odd_files[rel_odd]) or rel_odd.endswith(".service"):
                problems += _check_unit_names(rel_odd, odd_files[rel_odd], odd)
        return problems

    return check


def _check_unit_names(rel, full, odd):
    """The companion unit binds to the bridge's device unit by the name
    `systemd-escape --path` gives it."""
    unit = _escape_unit(odd["bridge"]) + ".device"
    if os.path.islink(full):
        return [] if f"/{unit}.wants/" in "/" + rel else [f"{rel}: not under {unit}.wants"]
    entries = read_systemd_ini(full)
    problems = []
    for key in ("BindsTo", "After", "WantedBy"):
        values = [e[2] for e in entries if len(e) == 3 and e[1] == key]
        if values != [unit]:
            problems.append(f"{rel}: {key}={values}, want {unit}")
    return problems


# --- dnsmasq serving the odd values ----------------------------------------------------


def dnsmasq_serves_odd_values(ctx):
    """The odd rendering's dnsmasq, on its bridge in this private host: the TXT
    record is one string equal to the document's value, the host names and
    SRV target are the document's, the TFTP root is the document's path."""
    if not ctx.live:
        return None
    odd = dict(ODD)
    tree, files = _render(ctx, odd, "networkd", "serve")
    conf_rel = [r for r in files if r.endswith(".conf")][0]
    # The files go where the configuration names them: /etc/vnetctl (a fresh
    # directory of this private host), /run (its tmpfs), /var/lib (overlay).
    for rel, full in files.items():
        if rel.startswith("etc/vnetctl/"):
            os.makedirs(os.path.dirname("/" + rel), exist_ok=True)
            shutil.copy(full, "/" + rel)
    for d in ("/run/vnetctl/dnsmasq", "/var/lib/vnetctl/dnsmasq", odd["tftp"]):
        os.makedirs(d, exist_ok=True)
    br = odd["bridge"]
    log = os.path.join(ctx.work, "dnsmasq-serve.log")
    problems = []
    subprocess.run(["ip", "link", "add", br, "type", "bridge"], check=True)
    proc = None
    try:
        subprocess.run(["ip", "addr", "add", "192.168.150.1/24", "dev", br], check=True)
        subprocess.run(["ip", "link", "set", br, "up"], check=True)
        proc = subprocess.Popen(["dnsmasq", "-k", "--conf-file=/" + conf_rel,
                                 "--log-facility=" + log])
        answers = {}
        for _ in range(50):
            try:
                answers["txt"] = dns_query("192.168.150.1", 53, "info", "TXT", timeout=0.3)
                break
            except OSError:
                time.sleep(0.1)
        if "txt" not in answers:
            return [f"dnsmasq does not answer: {open(log).read()[-500:] if os.path.exists(log) else ''}"]
        answers["host"] = dns_query("192.168.150.1", 53, odd["host"], "A")
        answers["srv"] = dns_query("192.168.150.1", 53, "_ldap._tcp." + odd["domain"], "SRV")
        if answers["txt"]["answers"] != [[odd["txt"]]]:
            problems.append(f"TXT info is {answers['txt']['answers']}, want {[[odd['txt']]]}")
        if answers["host"]["answers"] != ["192.168.150.2"]:
            problems.append(f"A {odd['host']} is {answers['host']['answers']}")
        srv = answers["srv"]["answers"]
        if [s.get("target") for s in srv] != [odd["host"]]:
            problems.append(f"SRV is {srv}")
        with open(log) as f:
            text = f.read()
        if f"TFTP root is {odd['tftp']} " not in text and not re.search(
                "TFTP root is " + re.escape(odd["tftp"]) + r"\s*$", text, re.M):
            problems.append(f"dnsmasq's TFTP root is not {odd['tftp']!r}: "
                            f"{[l for l in text.splitlines() if 'TFTP' in l]}")
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=10)
        subprocess.run(["ip", "link", "del", br])
    return problems


CASES = [
    ("native/ifupdown-colon-refused", ifupdown_colon_refused),
    ("native/dnsmasq-serves-odd-values", dnsmasq_serves_odd_values),
] + [(f"native/{b}", native_backend(b)) for b in ("networkd", "networkmanager", "netplan",
                                                    "ifupdown")]
