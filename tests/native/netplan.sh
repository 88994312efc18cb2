#!/usr/bin/env bash
# netplan.sh ROOTDIR: proves the real netplan accepts the YAML vnetctl
# rendered under ROOTDIR/{etc,run}/netplan/90-vnetctl-*.yaml:
#   1. `netplan generate --root-dir` reads it without an error or warning and
#      writes 10-netplan-BRIDGE.netdev/.network saying what the YAML says;
#   2. the real systemd-networkd, in a private namespace, brings those files
#      up as checked by networkd.sh (bridge, MAC, MTU, STP, delay, addresses,
#      link-local, routes, configured without and with a port).
# Prints "N passed, N failed".

set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/native/lib.sh
source "$here/lib.sh"
# shellcheck source=tests/native/networkd.sh
source "$here/networkd.sh"

# np_expectations YAML GENDIR: one "WHAT<TAB>EXPECTED<TAB>ACTUAL" line per
# fact, comparing each bridge in YAML with netplan's generated files.
np_expectations() {
  python3 - "$1" "$2" <<'PY'
import os, sys, yaml

def ini(path):
    sections = []
    if os.path.exists(path):
        for line in open(path):
            line = line.rstrip("\n")
            if line.startswith("["):
                sections.append((line[1:-1], []))
            elif "=" in line and sections:
                sections[-1][1].append(tuple(line.split("=", 1)))
    return sections

def values(sections, name, key):
    return [v for s, kv in sections if s == name for k, v in kv if k == key]

def last(sections, name, key):
    v = values(sections, name, key)
    return v[-1] if v else ""

def out(what, expected, actual):
    print(f"{what}\t{expected}\t{actual}")

doc = yaml.safe_load(open(sys.argv[1]))
for br, conf in (doc["network"].get("bridges") or {}).items():
    base = os.path.join(sys.argv[2], f"10-netplan-{br}")
    out(f"{br}: netplan wrote a .netdev", "yes", "yes" if os.path.exists(base + ".netdev") else "no")
    out(f"{br}: netplan wrote a .network", "yes", "yes" if os.path.exists(base + ".network") else "no")
    nd, nw = ini(base + ".netdev"), ini(base + ".network")
    out(f"{br}: [NetDev] Name", br, last(nd, "NetDev", "Name"))
    out(f"{br}: [NetDev] Kind", "bridge", last(nd, "NetDev", "Kind"))
    out(f"{br}: [NetDev] MACAddress", conf.get("macaddress", ""), last(nd, "NetDev", "MACAddress"))
    out(f"{br}: [NetDev] MTUBytes", str(conf.get("mtu", "")), last(nd, "NetDev", "MTUBytes"))
    params = conf.get("parameters", {})
    out(f"{br}: [Bridge] STP", str(params.get("stp", "")).lower(), last(nd, "Bridge", "STP"))
    out(f"{br}: [Bridge] ForwardDelaySec", str(params.get("forward-delay", "")),
        last(nd, "Bridge", "ForwardDelaySec"))
    out(f"{br}: [Match] Name", br, last(nw, "Match", "Name"))
    out(f"{br}: [Link] RequiredForOnline", "no" if conf.get("optional") else "",
        last(nw, "Link", "RequiredForOnline"))
    out(f"{br}: addresses", " ".join(conf.get("addresses", [])),
        " ".join(values(nw, "Network", "Address") + values(nw, "Address", "Address")))
    ll = conf.get("link-local", ["ipv6"])
    out(f"{br}: [Network] LinkLocalAddressing", "ipv6" if ll == ["ipv6"] else "no" if ll == [] else "?",
        last(nw, "Network", "LinkLocalAddressing"))
    out(f"{br}: [Network] IPv6AcceptRA", "no" if conf.get("accept-ra") is False else "",
        last(nw, "Network", "IPv6AcceptRA"))
    out(f"{br}: [Network] ConfigureWithoutCarrier", "yes",
        last(nw, "Network", "ConfigureWithoutCarrier"))
    want = [f"{r['to']} {r['via']} {r.get('metric', '')}" for r in conf.get("routes", [])]
    got = [" ".join(dict(kv).get(k, "") for k in ("Destination", "Gateway", "Metric"))
           for s, kv in nw if s == "Route"]
    out(f"{br}: routes", "; ".join(want), "; ".join(got))
PY
}

netplan_main() {
  local root=${1:?usage: netplan.sh ROOTDIR}
  require_root
  require_tools netplan ip nsenter unshare dbus-daemon networkctl python3 "$NETWORKD"
  python3 -c 'import yaml' 2>/dev/null || die "python3 cannot import yaml (python3-yaml)"
  install_cleanup_trap
  make_tmpdir
  W=$REPLY
  local gen=$W/root/run/systemd/network f n=0 what want got
  mkdir -p "$W/root/etc/netplan" "$W/root/run/netplan" "$W/etc-empty"
  for f in "$root"/etc/netplan/90-vnetctl-*.yaml "$root"/run/netplan/90-vnetctl-*.yaml; do
    [[ -f $f ]] || continue
    n=$((n + 1))
    check_eq "$(basename "$f") mode" 600 "$(stat -c %a "$f")"
    cp -p "$f" "$W/root${f#"$root"}"
  done
  ((n > 0)) || die "no 90-vnetctl-*.yaml under $root/etc/netplan or $root/run/netplan"

  if netplan generate --root-dir "$W/root" >"$W/generate.out" 2>"$W/generate.err"; then
    pass "netplan generate --root-dir accepted the YAML"
  else
    fail "netplan generate failed: $(cat "$W/generate.err")"
  fi
  check_eq "netplan generate printed no warning" "" "$(cat "$W/generate.err")"
  for f in "$W"/root/{etc,run}/netplan/90-vnetctl-*.yaml; do
    [[ -f $f ]] || continue
    while IFS=$'\t' read -r what want got; do
      check_eq "$what" "$want" "$got"
    done < <(np_expectations "$f" "$gen")
  done

  [[ -d $gen ]] || die "netplan generated nothing under $gen"
  nd_start "$W/etc-empty" "$gen"
  nd_check_dir "$gen"
  nd_check_reload
  summary
}

netplan_main "$@"
