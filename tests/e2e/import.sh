#!/usr/bin/env bash
# import.sh VNETCTL [BACKEND...]: the end-to-end test of `vnetctl import
# --takeover` against the real libvirtd (issue 5), per backend (default: all
# four), each in its own namespaces (import-backend.sh). Prints PASS/FAIL
# lines, then the comparison table: per network and backend, each property
# as libvirt served it against vnetctl after the takeover ("ok", "DIFF [k]"
# with the values below the table, "-" where it does not apply), and check
# counts; exits non-zero on any failure. Needs root. A missing tool is a
# failure, never a skip.
# E2E_LOGDIR=DIR keeps each backend's full output and vnetctl/virsh transcript.
# IMPORT_SELFTEST=1 proves the harness without vnetctl (libvirt restarts its
# own networks where vnetctl would take them over).
set -uo pipefail
vnetctl=${1:?usage: import.sh PATH-TO-vnetctl [BACKEND...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
backends=("$@")
[[ ${#backends[@]} -gt 0 ]] || backends=(networkd netplan networkmanager ifupdown)
# The test decides these, not the caller's environment.
unset VNETCTL_FAULT VNETCTL_ROOT VNETCTL_BACKEND
[[ $(id -u) -eq 0 ]] || { echo "FAIL: the import e2e test needs root (namespaces)"; exit 1; }
[[ -x $vnetctl ]] || { echo "FAIL: no vnetctl at $vnetctl"; exit 1; }
logs=${E2E_LOGDIR:-$(mktemp -d /tmp/vnetctl-import-e2e.XXXXXX)}
mkdir -p "$logs"
[[ -n ${E2E_LOGDIR:-} ]] || trap 'rm -rf "$logs"' EXIT

status=0
for b in "${backends[@]}"; do
  echo "=== import: $b"
  E2E_LOG=$logs/$b.transcript timeout "${IMPORT_BACKEND_TIMEOUT:-420}" bash "$here/import-backend.sh" "$vnetctl" "$b" 2>&1 |
    tee "$logs/$b.log" | grep -E '^(PASS|FAIL|note|---|    )' |
    sed "s/^\(PASS\|FAIL\): /\1: [$b] /"
  rc=${PIPESTATUS[0]}
  ((rc == 124)) && echo "FAIL: [$b] timed out after ${IMPORT_BACKEND_TIMEOUT:-420} s" | tee -a "$logs/$b.log"
  if ((rc != 0)); then
    status=1
    echo "--- [$b] last commands:"
    tail -25 "$logs/$b.transcript" 2>/dev/null | sed 's/^/    /'
  fi
done

echo
echo "import --takeover: libvirt vs vnetctl (vnetctl: $vnetctl)"
python3 - "$logs" "${backends[@]}" <<'EOF' || status=1
import sys

logs, backends = sys.argv[1], sys.argv[2:]
nets = ["default", "lviso", "lvroute", "lvhosts", "lvv6", "lvfail"]
# Columns: (header, the property import-backend.sh reports).
cols = [("import", "import"), ("handover", "handover"), ("bridge", "bridge"), ("mac", "mac"),
        ("addrs", "addresses"), ("ll", "link-local"), ("routes", "routes"), ("ports", "ports"),
        ("uuid", "uuid"), ("state", "state"), ("range", "dhcp-range"), ("static", "static-lease"),
        ("lease", "existing-lease"), ("held", "lease-held"), ("listed", "leases-listed"),
        ("fwd", "forward"), ("dns", "dns"), ("dnsdhcp", "dns-leases"), ("ipv6", "ipv6"),
        ("lines", "virsh-lines"), ("live", "virsh-live"), ("domain", "domain"), ("dports", "domain-ports"),
        ("reboot", "domain-reboot"), ("back", "handback"), ("destroy", "destroy")]
cells, counts = {}, {}
for b in backends:
    p = f = 0
    try:
        lines = open(f"{logs}/{b}.log").read().splitlines()
    except OSError:
        lines = []
    for line in lines:
        if line.startswith("PASS"):
            p += 1
        elif line.startswith("FAIL"):
            f += 1
        elif line.startswith("IMPORT-CELL "):
            _, be, net, prop, val = line.split(" ", 4)
            cells[(net, be, prop)] = val
    counts[b] = (p, f)
notes, bad = [], 0
rows = []
ran = {b for (_, b, _) in cells}
for net in nets:
    for b in backends:
        row = [f"{net}/{b}"]
        for _, c in cols:
            v = cells.get((net, b, c), "not-run")
            if v == "ok" or v.startswith("ok ") or v.startswith("-"):
                row.append("ok" if v.startswith("ok") else "-")
                continue
            bad += 1
            if b in ran:
                notes.append(f"[{len(notes) + 1}] {net}/{b} {c}: {v}")
                row.append(f"{v.split(' ')[0]}[{len(notes)}]")
            else:
                row.append("not-run")
        rows.append(row)
for b in backends:
    if b not in ran:
        notes.append(f"{b}: did not get as far as the comparison (see its FAIL lines)")
head = ["network/backend"] + [h for h, _ in cols]
width = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
for r in [head] + rows:
    print(" ".join(x.ljust(w) for x, w in zip(r, width)).rstrip())
print("columns: " + ", ".join(f"{h}={c}" for h, c in cols if h != c))
print()
for n in notes:
    print(n)
if notes:
    print()
print("checks: " + ", ".join(f"{b} {p} passed {f} failed" for b, (p, f) in counts.items()))
tp = sum(p for p, _ in counts.values())
tf = sum(f for _, f in counts.values())
print(f"{tp} passed, {tf} failed; {bad} table cells not ok")
sys.exit(1 if tf or bad or tp == 0 else 0)
EOF
exit $status
