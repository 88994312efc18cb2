#!/usr/bin/env bash
# scenarios.sh VNETCTL BACKEND: every end-to-end scenario against one backend,
# in one topology (tests/e2e/lib.sh), in order (later scenarios build on the
# state earlier ones leave, and each cleans what it started). Prints PASS/FAIL
# lines, one "E2E-RESULT BACKEND SCENARIO ok|FAILED PASSED FAILED" line per
# scenario (run.sh makes the summary table of them), and "N passed, N failed".
# The live commands run as `vnetctl --backend BACKEND ...` inside the host
# namespace; their transcript is in the work directory (KEEP_WORK=1 keeps it,
# E2E_LOG=FILE copies it out).
set -uo pipefail
VNETCTL=$(realpath "${1:?usage: scenarios.sh VNETCTL BACKEND}")
BACKEND=${2:?usage: scenarios.sh VNETCTL BACKEND}
here=$(cd "$(dirname "$0")" && pwd)
examples=$(cd "$here/../../examples" && pwd)
# shellcheck source=tests/e2e/lib.sh
source "$here/lib.sh"

# Guests' MACs: two static hosts of the default network, and one any.
MAC_STATIC=52:54:00:e2:e0:42 IP_STATIC=192.168.122.42
MAC_LIVE=52:54:00:e2:e0:43 IP_LIVE=192.168.122.43
MAC_ANY=52:54:00:e2:e0:99

# --- running vnetctl ---------------------------------------------------------

# vn ARGS...: vnetctl in the host namespace; stdout in VN_OUT, stderr in
# VN_ERR, exit status in VN_RC; everything appended to the transcript.
vn() {
  {
    echo "\$ ${VNETCTL_FAULT:+VNETCTL_FAULT=$VNETCTL_FAULT }vnetctl --backend $BACKEND $*"
  } >>"$W/transcript"
  local t0=$SECONDS
  timeout 60 nsenter -t "$VNT_HOLDER" -m -n -- "$VNETCTL" --backend "$BACKEND" "$@" \
    >"$W/vn.out" 2>"$W/vn.err"
  VN_RC=$?
  VN_OUT=$(cat "$W/vn.out") VN_ERR=$(cat "$W/vn.err")
  { cat "$W/vn.out" "$W/vn.err"; echo "[exit $VN_RC, $((SECONDS - t0)) s]"; } >>"$W/transcript"
  ((VN_RC != 124)) || echo "note: vnetctl $* timed out after 60 s" >&2
}

# vn_shows: the last command's output, indented, for a failure message.
vn_shows() { printf '%s\n%s\n' "$VN_OUT" "$VN_ERR" | grep -v '^$' | head -25 | sed 's/^/    | /' >&2; }

# vn_expect RC ARGS...: runs vnetctl and checks its exit status.
vn_expect() {
  local want=$1; shift
  vn "$@"
  if [[ $VN_RC == "$want" ]]; then
    pass "vnetctl $* exits $want"
  else
    fail "vnetctl $* exits $VN_RC, want $want:"
    vn_shows
  fi
}

# vn_json PYEXPR: evaluates PYEXPR on the last command's stdout as JSON.
vn_json() { json_get "${VN_OUT:-null}" "$1" 2>/dev/null; }

# --- host facts ----------------------------------------------------------------

link_exists() { in_ns ip link show dev "$1" >/dev/null 2>&1; }
link_gone() { ! link_exists "$1"; }
ifindex() { in_ns cat "/sys/class/net/$1/ifindex" 2>/dev/null; }
nft_table_exists() { in_ns nft list table inet "vnetctl_$1" >/dev/null 2>&1; }
status_file() { in_ns test -e "/run/vnetctl/networks/$1.json"; }

# owned_files NET: files vnetctl owns for NET's live state, anywhere in the
# namespace's /run and /etc (the definition in the store is not one).
owned_files() {
  in_ns find /run /etc/systemd /etc/NetworkManager /etc/netplan /etc/network /etc/vnetctl \
    \( -path /run/dbus -o -path /etc/vnetctl/networks \) -prune -o \
    \( -name "vnetctl-$1" -o -name "vnetctl-$1.*" -o -name "vnetctl-$1-*" \
    -o -name "[0-9][0-9]-vnetctl-$1.*" -o -name "[0-9][0-9]-vnetctl-$1" \
    -o -path "*/vnetctl/*" -name "$1.*" \) -print 2>/dev/null
}

# native_files NET BR PLACEMENT(run|etc): the manager's own files for NET.
native_files() {
  local p=/$3
  case $BACKEND in
    networkd) echo "$p/systemd/network/50-vnetctl-$1.netdev $p/systemd/network/50-vnetctl-$1.network" ;;
    netplan) echo "$p/netplan/90-vnetctl-$1.yaml" ;;
    networkmanager) echo "$p/NetworkManager/system-connections/vnetctl-$1.nmconnection" ;;
    ifupdown)
      if [[ $3 == run ]]; then echo "/run/vnetctl/ifupdown/$1.interfaces"; else echo "/etc/network/interfaces.d/vnetctl-$1"; fi ;;
  esac
}

# manager_knows NET BR: the manager still lists the network (NM profile).
manager_knows() {
  case $BACKEND in
    networkmanager) grep -qx "vnetctl-$1" <<<"$(in_ns nmcli -t -f NAME connection show)" ;;
    *) return 1 ;;
  esac
}

# list_field NET KEY: KEY of NET in `vnetctl list --all --json` ('' if absent).
list_field() {
  vn list --all --json
  vn_json "[n['$2'] for n in j if n['name'] == '$1'][0]"
}

# check_gone NET BR SUBNET ADDR: destroy left nothing of NET behind.
check_gone() {
  local net=$1 br=$2 subnet=$3 addr=$4 left
  check "$net: no link $br" wait_for 10 link_gone "$br"
  check_eq "$net: addresses $addr on any link" "" "$(in_ns ip -o addr show | grep -F " $addr/")"
  check_eq "$net: routes to $subnet" "" "$(in_ns ip route show "$subnet")"
  check "$net: no nft table inet vnetctl_$net" bash -c "! nsenter -t $VNT_HOLDER -m -n -- nft list table inet vnetctl_$net >/dev/null 2>&1"
  check_eq "$net: dnsmasq processes" "" "$(e2e_dnsmasq_for "$net" "$br" | tr '\n' ' ')"
  check "$net: no status file" bash -c "! nsenter -t $VNT_HOLDER -m -n -- test -e /run/vnetctl/networks/$net.json"
  left=$(owned_files "$net" | tr '\n' ' ')
  check_eq "$net: vnetctl files left under /run and /etc" "" "$left"
  if manager_knows "$net"; then fail "$net: the manager still has its profile"; else pass "$net: the manager has no profile left"; fi
}

# --- scenarios -----------------------------------------------------------------

sc_start_default() {
  vn_expect 0 update default add ip-dhcp-host "<host mac='$MAC_STATIC' name='g1' ip='$IP_STATIC'/>" --config
  vn_expect 0 -v start default
  check "-v echoes external commands as '[#] ...' on stderr" grep -q '^\[#\] ' <<<"$VN_ERR"
  check "virbr0 has 192.168.122.1/24" wait_for 20 e2e_has_addr virbr0 192.168.122.1/24
  check "status file /run/vnetctl/networks/default.json" status_file default
  check "nft table inet vnetctl_default" nft_table_exists default
  check_eq "dnsmasq processes for default" 1 "$(e2e_dnsmasq_for default virbr0 | wc -l)"
  check_eq "list: default active" 1 "$(list_field default active)"
  check_eq "runtime placement: $(native_files default virbr0 run)" "" \
    "$(for f in $(native_files default virbr0 run); do in_ns test -e "$f" || echo "missing $f"; done)"
}

sc_lease_range() {
  e2e_guest g2 virbr0 "$MAC_ANY" || return
  G2_NS=$REPLY
  if e2e_dhcp g2 "$G2_NS"; then
    G2_IP=$REPLY
    check "lease $G2_IP inside 192.168.122.2-254" e2e_in_range "$G2_IP" 192.168.122.2 192.168.122.254
    check_eq "router offered" 192.168.122.1 "$E2E_ROUTER"
  else
    G2_IP=""
    fail "no lease on default: $(tail -3 "$W/udhcpc-g2.log")"
  fi
}

sc_static_host() {
  e2e_guest g1 virbr0 "$MAC_STATIC" || return
  e2e_dhcp g1 "$REPLY"
  check_eq "static host $MAC_STATIC gets its address" "$IP_STATIC" "$REPLY"
}

sc_nat_upstream() {
  local seen
  seen=$(e2e_connect "$G2_NS" "$E2E_UP_PEER" "$E2E_UP_PORT" 2>&1)
  check_eq "upstream sees the guest as the host's upstream address (NAT)" "$E2E_UP_HOST" "$seen"
}

sc_diff_clean() {
  vn_expect 0 diff default
  vn_expect 0 diff default --json
  check_eq "diff --json: default has no steps" 0 "$(vn_json "len([n for n in j['networks'] if n['name'] == 'default'][0]['steps'])")"
}

sc_dhcp_leases() {
  vn_expect 0 dhcp-leases default
  check "dhcp-leases table lists $MAC_ANY with ${G2_IP:-?}" grep -q "$MAC_ANY.*${G2_IP:-?}/24" <<<"$VN_OUT"
  vn_expect 0 dhcp-leases default --json
  check_eq "dhcp-leases --json: ipaddr of $MAC_ANY" "${G2_IP:-?}" "$(vn_json "[l['ipaddr'] for l in j if l['mac'] == '$MAC_ANY'][0]")"
  check_eq "dhcp-leases --json: prefix" 24 "$(vn_json "[l['prefix'] for l in j if l['mac'] == '$MAC_ANY'][0]")"
  check_eq "dhcp-leases --json: hostname" guest-g2 "$(vn_json "[l['hostname'] for l in j if l['mac'] == '$MAC_ANY'][0]")"
  vn_expect 0 dhcp-leases default --mac "$MAC_STATIC" --json
  check_eq "dhcp-leases --mac: only that MAC" "$MAC_STATIC" "$(vn_json "' '.join(sorted(set(l['mac'] for l in j)))")"
}

sc_update_live() {
  local before
  before=$(ifindex virbr0)
  vn_expect 0 update default add ip-dhcp-host "<host mac='$MAC_LIVE' name='g3' ip='$IP_LIVE'/>" --live --config
  check_eq "virbr0 not recreated (ifindex)" "$before" "$(ifindex virbr0)"
  vn dumpxml default
  check "live XML has the new host" grep -q "$MAC_LIVE" <<<"$VN_OUT"
  e2e_guest g3 virbr0 "$MAC_LIVE" || return
  e2e_dhcp g3 "$REPLY"
  check_eq "host added --live: $MAC_LIVE gets its address" "$IP_LIVE" "$REPLY"
  vn_expect 0 diff default
}

sc_drift_address() {
  vn dumpxml --inactive default
  echo "$VN_OUT" >"$W/default.xml"
  in_ns ip addr del 192.168.122.1/24 dev virbr0
  e2e_has_addr virbr0 192.168.122.1/24 && echo "note: the manager restored the address by itself"
  vn_expect 2 diff default
  check "diff names the missing address 192.168.122.1" grep -q '192\.168\.122\.1\b' <<<"$VN_OUT"
  vn_expect 2 diff default --json
  check_eq "diff --json: an address step for 192.168.122.1" 1 \
    "$(vn_json "int(any(s['object'] == 'address' and '192.168.122.1' in s['name'] for n in j['networks'] for s in n['steps']))")"
  check_repair_kept_guests
  check "apply restored 192.168.122.1/24" wait_for 10 e2e_has_addr virbr0 192.168.122.1/24
  vn_expect 0 diff default
  check_eq "NAT works after the repair" "$E2E_UP_HOST" "$(e2e_connect "$G2_NS" "$E2E_UP_PEER" "$E2E_UP_PORT" 2>&1)"
}

# check_repair_kept_guests: after a `diff --json` of default (the plan in
# VN_OUT), applies default.xml and checks the guests' ports (vpg1-3) are still
# on virbr0 and forwarding, unless the plan said a step is disruptive; ports
# a disruptive repair detached are re-plugged (as a VM manager would), so
# later scenarios start from working guests.
check_repair_kept_guests() {
  local disruptive p lost=""
  disruptive=$(vn_json "int(any(s['disruptive'] for n in j['networks'] for s in n['steps']))")
  vn_expect 0 apply "$W/default.xml"
  for p in vpg1 vpg2 vpg3; do
    link_exists "$p" || continue  # that guest's scenario did not run
    grep -q " master virbr0 " <<<"$(in_ns ip -o link show dev "$p")" || lost+=" $p"
  done
  if [[ -z $lost ]]; then
    pass "the repair kept the guests' ports on virbr0"
  elif [[ $disruptive == 1 ]]; then
    echo "note: the repair (announced disruptive) detached$lost; re-plugging them"
  else
    fail "the repair detached the guests' ports$lost from virbr0, but the plan said nothing disruptive"
  fi
  for p in $lost; do in_ns ip link set "$p" master virbr0; done
  # STP keeps a port that (re)joined blocked for twice the forward delay.
  check "guest ports forward again" wait_for 15 e2e_port_forwarding g2
}

masquerade_handles() {
  in_ns nft -a list chain inet vnetctl_default postrouting 2>/dev/null |
    awk '/masquerade/ { print $NF }'
}

sc_drift_nat() {
  local h n=0
  for h in $(masquerade_handles); do
    in_ns nft delete rule inet vnetctl_default postrouting handle "$h" && n=$((n + 1))
  done
  check "deleted $n masquerade rule(s) by hand" test "$n" -gt 0
  vn_expect 2 diff default
  check "diff names the nftables table" grep -q 'vnetctl_default\|nft' <<<"$VN_OUT"
  vn_expect 2 diff default --json
  check_eq "diff --json: an nft step" 1 \
    "$(vn_json "int(any(s['object'].startswith('nft') for n in j['networks'] for s in n['steps']))")"
  check_repair_kept_guests
  check "masquerade rules are back" test "$(masquerade_handles | wc -l)" -gt 0
  vn_expect 0 diff default
  check_eq "NAT works again" "$E2E_UP_HOST" "$(e2e_connect "$G2_NS" "$E2E_UP_PEER" "$E2E_UP_PORT" 2>&1)"
}

# Docker's and ufw's effect on the host's firewall: iptables-nft's FORWARD
# policy drop. vnetctl's own table accepts the guests' traffic, but a drop in
# another table on the same hook still drops it: NAT really stops, and diff
# must say so (exit 2, naming the chain) instead of "no differences".
# The host's own iptables drops what it does not accept (Docker's and ufw's
# FORWARD policy, a default-deny INPUT), in iptables-nft's tables as on Debian
# 12: NAT and DHCP really stop, diff says why and what it will do, apply lets
# the network through with vnetctl's passage chains while the host's policy,
# rules and a firewall restart's re-inserted jump stay theirs. The table stays
# (policy accept again) for destroy-clean, which must leave it as it was.
sc_host_firewall() {
  local seen rules
  in_ns iptables-nft -P FORWARD DROP && in_ns iptables-nft -P INPUT DROP &&
    in_ns iptables-nft -N DOCKER-USER && in_ns iptables-nft -I FORWARD -j DOCKER-USER ||
    { fail "could not set up the host's drop policy"; return; }
  seen=$(e2e_connect "$G2_NS" "$E2E_UP_PEER" "$E2E_UP_PORT" 2>&1)
  check "the host's FORWARD drop stops NAT (what diff reports is true)" test "$seen" != "$E2E_UP_HOST"
  check "the host's INPUT drop stops DHCP" bash -c "! timeout 8 ip netns exec $G2_NS busybox udhcpc -i eth0 -n -q -t 3 -T 1 -A 1 -s /bin/true >/dev/null 2>&1"
  vn_expect 2 diff default
  check "diff: a passage through ip filter FORWARD" \
    grep -q '+ create passage ip filter FORWARD: policy drop, and no rule of it accepts virbr0' <<<"$VN_OUT"
  check "diff: a passage through ip filter INPUT" grep -q '+ create passage ip filter INPUT' <<<"$VN_OUT"
  vn_expect 2 diff default --json
  check_eq "diff --json: passage steps" "ip filter FORWARD ip filter INPUT" \
    "$(vn_json "' '.join(s['name'] for s in j['networks'][0]['steps'] if s['object'] == 'passage')")"
  vn_expect 2 doctor default
  check "doctor: ip filter FORWARD drops the guests' traffic" \
    grep -q "^error: default: ip filter FORWARD drops its guests' traffic" <<<"$VN_OUT"
  check "doctor: ip filter INPUT drops DHCP and DNS" \
    grep -q "^error: default: ip filter INPUT drops its guests' DHCP and DNS to the host" <<<"$VN_OUT"
  check "doctor: the fix is apply's passage" grep -q 'fix:  vnetctl apply default: ' <<<"$VN_OUT"
  vn_expect 0 apply "$W/default.xml"
  vn_expect 0 doctor default
  check "doctor after apply: no problems" grep -q '^No problems found' <<<"$VN_OUT"
  in_ns sysctl -qw net.ipv4.ip_forward=0
  vn_expect 2 doctor default
  check "doctor: forwarding turned off under a NAT network" grep -q \
    '^error: default: IPv4 forwarding is off' <<<"$VN_OUT"
  in_ns sysctl -qw net.ipv4.ip_forward=1
  check_eq "NAT works through the passage" "$E2E_UP_HOST" \
    "$(e2e_connect "$G2_NS" "$E2E_UP_PEER" "$E2E_UP_PORT" 2>&1)"
  check "DHCP works through the passage" e2e_dhcp g2 "$G2_NS"
  rules=$(in_ns iptables-nft -S FORWARD)
  check "the host's FORWARD policy stays DROP" grep -qx -- '-P FORWARD DROP' <<<"$rules"
  check_eq "vnetctl's jump is FORWARD's first rule, once" "-A FORWARD -j VNETCTL_FWD_virbr0 1" \
    "$(sed -n 2p <<<"$rules") $(grep -c VNETCTL_FWD_virbr0 <<<"$rules")"
  check "the host's own rule stays" grep -qx -- '-A FORWARD -j DOCKER-USER' <<<"$rules"
  check "the status record keeps the passages" bash -c \
    "nsenter -t $VNT_HOLDER -m -n -- cat /run/vnetctl/networks/default.json | grep -q '\"ip filter INPUT\"'"
  vn_expect 0 diff default
  vn_expect 0 apply "$W/default.xml"
  check "apply again: nothing to do" grep -qi 'nothing to do' <<<"$VN_OUT$VN_ERR"
  # Docker restarting puts its own jump first again: the network stays open.
  in_ns iptables-nft -D FORWARD -j DOCKER-USER && in_ns iptables-nft -I FORWARD -j DOCKER-USER
  vn_expect 0 diff default
  check_eq "NAT works after the firewall's restart" "$E2E_UP_HOST" \
    "$(e2e_connect "$G2_NS" "$E2E_UP_PEER" "$E2E_UP_PORT" 2>&1)"
  in_ns iptables-nft -P FORWARD ACCEPT && in_ns iptables-nft -P INPUT ACCEPT ||
    fail "could not put the host's policy back"
  vn_expect 0 diff default
}

# ufw 0.36 enabled as Debian 12 ships it (incoming denied, routed disabled:
# INPUT and FORWARD policy DROP), in the host namespace's private /etc and
# /run: a NAT network started behind it plans and makes its passages, its
# guest leases and reaches upstream, `ufw reload` keeps it working, and
# destroy takes only vnetctl's chains away. (default, beside it, already has
# its passages from host-firewall.)
sc_ufw() {
  local gns
  [[ $(cat "$W/private-etc-mode") == overlay ]] ||
    { fail "ufw: needs the private /etc overlay (ufw enable writes /etc/ufw)"; return; }
  printf '%s\n' "<network><name>ufwnet</name><forward mode='nat'/><bridge name='virbr31'/>" \
    "<ip address='10.31.0.1' prefix='24'><dhcp><range start='10.31.0.10' end='10.31.0.20'/>" \
    "</dhcp></ip></network>" >"$W/ufwnet.xml"
  in_ns ufw --force enable >"$W/ufw.log" 2>&1 ||
    { fail "ufw enable failed: $(tail -3 "$W/ufw.log")"; return; }
  check "ufw's FORWARD policy is DROP" grep -qx -- '-P FORWARD DROP' <<<"$(in_ns iptables-nft -S FORWARD)"
  vn_expect 0 create "$W/ufwnet.xml" --dry-run
  check "the plan makes passages through ufw's FORWARD and INPUT" bash -c \
    "grep -q '+ create passage ip filter FORWARD: policy drop' <<<\"\$1\" && grep -q '+ create passage ip filter INPUT' <<<\"\$1\"" _ "$VN_OUT$VN_ERR"
  vn_expect 0 create "$W/ufwnet.xml"
  e2e_guest_nat gu virbr31 "behind ufw" || return
  gns=$REPLY
  in_ns ufw reload >>"$W/ufw.log" 2>&1 || fail "ufw reload failed: $(tail -3 "$W/ufw.log")"
  vn_expect 0 diff ufwnet
  check_eq "NAT after ufw reload" "$E2E_UP_HOST" "$(e2e_connect "$gns" "$E2E_UP_PEER" "$E2E_UP_PORT" 2>&1)"
  vn_expect 0 destroy ufwnet
  check_eq "ufwnet's passages are gone" "" "$(in_ns iptables-nft -S | grep 'VNETCTL_...._virbr31')"
  check "ufw is still active" grep -q 'Status: active' <<<"$(in_ns ufw status)"
  in_ns ufw --force disable >>"$W/ufw.log" 2>&1 || fail "ufw disable failed: $(tail -3 "$W/ufw.log")"
}

# vnetctl doctor on the traps it reads off the host, each set up for real in
# the host namespace and taken away again (default is inactive here): a
# system dnsmasq on every address, on which start really fails; a route of
# the host's into the subnet; another manager's connection file with an
# address in it; libvirt's own autostarted definition of the same bridge;
# NetworkManager's connection for the bridge; a guest port's offloaded
# checksums; firewalld's zone for the bridge. (host-firewall covers the
# firewall.) Clean before and after.
dns_on_every_address() { in_ns ss -lun | grep -q ' 0\.0\.0\.0:53 '; }
sc_doctor() {
  local pid lv=/etc/libvirt/qemu/networks nm=/etc/NetworkManager/system-connections
  vn_expect 0 doctor default
  check "doctor: no problems on this host" grep -q '^No problems found' <<<"$VN_OUT"
  # What libvirt accepts and is unwise: a cluster installer's '*.apps' DNS
  # host (accepted with a warning, reported by doctor), deleted again by its
  # hostname alone, as libvirt 9.0 does it.
  vn_expect 0 update default add dns-host "<host ip='192.168.122.5'><hostname>*.apps</hostname></host>" --config
  check "update: '*' in a DNS host name is a warning" grep -qF \
    "DNS host name '*.apps' in network 'default' contains '*': dnsmasq answers only for that literal name" <<<"$VN_ERR"
  vn_expect 2 doctor default
  check "doctor: the definition's '*.apps'" grep -qF \
    "warning: default: DNS host name '*.apps' in network 'default' contains '*'" <<<"$VN_OUT"
  vn_expect 0 update default delete dns-host "<host><hostname>*.apps</hostname></host>" --config
  vn_expect 0 dumpxml default
  check_eq "update: deleted by its hostname alone" "" "$(grep -F '*.apps' <<<"$VN_OUT")"
  vn_expect 0 doctor default
  in_ns dnsmasq --keep-in-foreground --conf-file=/dev/null --pid-file="$W/sysdns.pid" \
    --dhcp-range=10.99.0.10,10.99.0.20 >"$W/sysdns.log" 2>&1 &
  VNT_PIDS+=("$!")
  wait_for 5 dns_on_every_address ||
    { fail "the system dnsmasq did not start: $(cat "$W/sysdns.log")"; return; }
  pid=$(cat "$W/sysdns.pid")  # dnsmasq's own (nsenter may fork)
  VNT_PIDS+=("$pid")
  vn_expect 2 doctor default --json
  check_eq "doctor --json: the system dnsmasq on ports 53 and 67" "listener 53 $pid|listener 67 $pid" \
    "$(vn_json "'|'.join(f['check'] + ' ' + f['summary'].split('port ')[1].rstrip(')') + ' ' + f['summary'].split('pid ')[1].split(')')[0] for f in j['findings'] if f['severity'] == 'error')")"
  vn_expect 2 doctor default
  check "doctor: names it and its sockets" grep -q "^error: host: dnsmasq (pid $pid) serves DNS on every address (port 53)" <<<"$VN_OUT"
  vn start default
  check "start really fails beside it" test "$VN_RC" -ne 0
  check_gone default virbr0 192.168.122.0/24 192.168.122.1
  stop_pid "$pid"
  vn_expect 0 doctor default
  in_ns ip route add 192.168.122.0/25 dev "vu$VNT_ID" || fail "could not add the route"
  vn_expect 2 doctor default
  check "doctor: the host's route into the subnet" grep -q \
    "^error: default: the subnet 192.168.122.0/24 overlaps a route of the host's" <<<"$VN_OUT"
  check "doctor: which route" grep -q "seen: 192.168.122.0/25 dev vu$VNT_ID" <<<"$VN_OUT"
  in_ns ip route del 192.168.122.0/25 dev "vu$VNT_ID"
  # networkd's directory is the test's own (masked) on every backend
  in_ns bash -c "printf '[Match]\nName=eth9\n[Network]\nAddress=192.168.122.50/24\n' >/etc/systemd/network/20-lab.network"
  vn_expect 2 doctor default
  check "doctor: another manager's connection inside the subnet" grep -q \
    "^error: default: another manager's connection puts 192.168.122.50/24 on eth9 inside the subnet 192.168.122.0/24" <<<"$VN_OUT"
  check "doctor: which file" grep -q 'seen: /etc/systemd/network/20-lab.network' <<<"$VN_OUT"
  in_ns rm /etc/systemd/network/20-lab.network
  if [[ $(cat "$W/private-etc-mode") == overlay ]]; then
    in_ns mkdir -p "$lv/autostart"
    in_ns bash -c "cat >$lv/lvnet.xml" <<<"<network><name>lvnet</name><forward/><bridge name='virbr0'/><ip address='192.168.122.1' netmask='255.255.255.0'/></network>"
    in_ns ln -s ../lvnet.xml "$lv/autostart/lvnet.xml"
    # beside one vnetctl cannot read: a warning, and the others are checked
    in_ns bash -c "cat >$lv/broken.xml" <<<"<network><name>broken</name><bridge name='virbr0'>"
    vn_expect 2 doctor default
    check "doctor: libvirt's autostarted network on virbr0" grep -q \
      "^error: default: libvirt's network 'lvnet' uses the bridge virbr0 too" <<<"$VN_OUT"
    check "doctor: libvirt's network it cannot read" grep -q \
      "^warning: host: libvirt's network 'broken' cannot be read" <<<"$VN_OUT"
    check "doctor: where" grep -q "seen: $lv/broken.xml:" <<<"$VN_OUT"
    in_ns rm "$lv/broken.xml" "$lv/autostart/lvnet.xml"
    vn_expect 0 doctor default
    check "doctor: not autostarted, only a note" grep -q "^note: default: libvirt's network 'lvnet'" <<<"$VN_OUT"
    in_ns rm "$lv/lvnet.xml"
  else
    fail "doctor: libvirt's directory needs the private /etc overlay"
  fi
  # /etc/NetworkManager is the test's own (masked) on every backend
  in_ns mkdir -p "$nm"
  in_ns bash -c "printf '[connection]\nid=lab-bridge\ntype=bridge\ninterface-name=virbr0\n' >$nm/lab.nmconnection"
  vn_expect 2 doctor default
  check "doctor: NetworkManager's connection for the bridge" grep -q \
    "^error: default: NetworkManager's connection 'lab-bridge' is for the bridge virbr0" <<<"$VN_OUT"
  in_ns rm "$nm/lab.nmconnection"
  vn_expect 0 doctor default
  # A guest's port leaves the checksum of the DHCP replies it carries to
  # offload (a veth does, as a virtio guest's tap does) until ethtool turns it off.
  vn_expect 0 start default
  e2e_guest ck virbr0 >/dev/null || return
  vn_expect 0 doctor default
  check "doctor: offloaded DHCP checksums, a note" grep -q \
    "^note: default: DHCP replies reach the guests with their UDP checksum left to offload" <<<"$VN_OUT"
  check "doctor: on which port" grep -q "seen: tx-checksumming on: vpck$" <<<"$VN_OUT"
  in_ns ethtool -K vpck tx off >/dev/null || fail "ethtool -K vpck tx off failed"
  vn_expect 0 doctor default
  check_eq "doctor: no note once the port fills checksums itself" "" "$(grep '^note: default: DHCP' <<<"$VN_OUT")"
  vn_expect 0 destroy default
  in_ns ip link del vpck
  doctor_firewalld
  vn_expect 0 doctor default
}

# The real firewalld 1.3 (nftables backend) in the host namespace, its
# permanent configuration in the private /etc overlay with vnetctl's zone in
# it (as the package installs it; without any zone for the bridge, start
# would fail, and doctor says so): virbr0 falls to the default zone 'public'
# (a warning naming it), then is bound to 'trusted' permanently and survives
# firewall-cmd --reload (clean). Stopped by its PID, it takes its table away.
firewalld_up() { in_ns firewall-cmd --state; }
firewalld_gone() { ! in_ns nft list table inet firewalld; }
# firewalld_start WHO: the real firewalld in the host namespace on its private
# system bus, its permanent configuration in the private /etc overlay with
# vnetctl's zone in it (as the package installs it); its PID in FW_PID.
firewalld_start() {
  [[ $(cat "$W/private-etc-mode") == overlay ]] ||
    { fail "$1: firewalld's configuration needs the private /etc overlay"; return 1; }
  in_ns mkdir -p /etc/firewalld/zones
  in_ns cp "$E2E_DIR/../../firewalld/vnetctl.xml" /etc/firewalld/zones/vnetctl.xml
  in_ns test -S /run/dbus/system_bus_socket || start_dbus
  start_daemon "$W/firewalld.log" firewalld --nofork --nopid --log-target=console
  FW_PID=$VNT_LAST_PID
  wait_for 20 firewalld_up || { fail "firewalld did not start: $(tail -3 "$W/firewalld.log")"; return 1; }
}
# firewalld_stop: by its PID; it takes its table away; vnetctl's zone file goes too.
firewalld_stop() {
  stop_pid "$FW_PID"
  check "firewalld took its table away" wait_for 10 firewalld_gone
  in_ns rm -f /etc/firewalld/zones/vnetctl.xml
}
doctor_firewalld() {
  firewalld_start doctor || return
  # Without any zone for the bridge (neither libvirt's nor vnetctl's), start
  # would fail: an error, and the network's other checks still run.
  in_ns rm /etc/firewalld/zones/vnetctl.xml
  in_ns firewall-cmd --reload >/dev/null || fail "firewall-cmd --reload failed"
  vn_expect 2 doctor default
  check "doctor: start would fail without a zone" grep -q \
    "^error: default: start would fail, and what drops the network's traffic is not checked" <<<"$VN_OUT"
  check "doctor: the zone is checked all the same" grep -q \
    "^warning: default: firewalld has virbr0 in the zone 'public'" <<<"$VN_OUT"
  in_ns cp "$E2E_DIR/../../firewalld/vnetctl.xml" /etc/firewalld/zones/vnetctl.xml
  in_ns firewall-cmd --reload >/dev/null || fail "firewall-cmd --reload failed"
  vn_expect 2 doctor default
  check_eq "doctor: with vnetctl's zone, start would not fail" "" "$(grep '^error: default: start' <<<"$VN_OUT")"
  check "doctor: firewalld's default zone for virbr0" grep -q \
    "^warning: default: firewalld has virbr0 in the zone 'public' (its default zone)" <<<"$VN_OUT"
  check "doctor: firewalld's fix" grep -q \
    "fix:  firewall-cmd --permanent --zone=trusted --change-interface=virbr0 && firewall-cmd --reload" <<<"$VN_OUT"
  in_ns firewall-cmd --permanent --zone=trusted --add-interface=virbr0 >/dev/null &&
    in_ns firewall-cmd --reload >/dev/null || fail "firewall-cmd failed"
  vn_expect 0 doctor default
  check_eq "doctor: virbr0 in the zone 'trusted'" "" "$(grep firewalld <<<"$VN_OUT")"
  in_ns firewall-cmd --permanent --zone=trusted --remove-interface=virbr0 >/dev/null
  firewalld_stop
}

# vnetctl beside the real firewalld 1.3 (nftables backend; its default zone
# rejects the guests' DHCP, DNS and forwarded traffic), with vnetctl's zone in
# firewalld's private /etc: the plan binds the bridge, start puts it in the
# zone 'vnetctl' (permanently too; NetworkManager through its connection's
# zone=), a guest leases and reaches upstream, firewall-cmd --reload keeps it
# all and diff stays clean, destroy unbinds it, firewalld's table goes with it.
fw_zone_of() { in_ns firewall-cmd --get-zone-of-interface="$1" 2>&1; }
# nm_files_of ID: the keyfiles NetworkManager has the profile ID from.
nm_files_of() { in_ns nmcli -g NAME,FILENAME connection show | sed -n "s/^$1://p"; }
sc_firewalld() {
  local gns zones=/etc/firewalld/zones
  local nm_etc=/etc/NetworkManager/system-connections/vnetctl-fwnet.nmconnection
  local nm_run=/run/NetworkManager/system-connections/vnetctl-fwnet.nmconnection
  firewalld_start firewalld || return
  printf '%s\n' "<network><name>fwnet</name><forward mode='nat'/><bridge name='virbr32'/>" \
    "<ip address='10.32.0.1' prefix='24'><dhcp><range start='10.32.0.10' end='10.32.0.20'/>" \
    "</dhcp></ip></network>" >"$W/fwnet.xml"
  vn_expect 0 define "$W/fwnet.xml"
  vn_expect 0 start fwnet --dry-run
  check "the plan binds virbr32 to vnetctl's zone" grep -q \
    "+ create firewalld-zone virbr32 in vnetctl: firewalld has it in its default zone 'public'" <<<"$VN_OUT$VN_ERR"
  vn_expect 0 start fwnet
  check_eq "firewalld has virbr32 in the zone 'vnetctl'" vnetctl "$(fw_zone_of virbr32)"
  e2e_guest_nat fw virbr32 "beside firewalld" || return
  gns=$REPLY
  vn_expect 0 diff fwnet
  # A binding that firewall-cmd --reload would drop is a difference; apply
  # repairs it. (With NetworkManager, firewall-cmd hands the change to it:
  # the connection moves to the default zone, which diff sees too.)
  in_ns firewall-cmd --permanent --zone=vnetctl --remove-interface=virbr32 >/dev/null ||
    fail "firewall-cmd --permanent --remove-interface failed"
  vn_expect 2 diff fwnet
  if [[ $BACKEND == networkmanager ]]; then
    check "diff: NetworkManager put virbr32 in the zone 'public'" grep -q \
      "~ modify firewalld-zone virbr32 in vnetctl: firewalld has it in the zone 'public'" <<<"$VN_OUT"
    # and saved the started network's profile under /etc, where it outlasts it
    check "diff: the copy NetworkManager saved in /etc" grep -q \
      "^  - delete file $nm_etc: a copy of the network's configuration that the manager saved" <<<"$VN_OUT"
  else
    check "diff: not in firewalld's permanent configuration" grep -q \
      "~ modify firewalld-zone virbr32 in vnetctl: not in firewalld's permanent configuration" <<<"$VN_OUT"
  fi
  vn_expect 0 apply "$W/fwnet.xml"
  vn_expect 0 diff fwnet
  if [[ $BACKEND == networkmanager ]]; then
    check "apply deleted NetworkManager's copy" in_ns test ! -e "$nm_etc"
    check_eq "NetworkManager reads the profile from /run" "$nm_run" "$(nm_files_of vnetctl-fwnet)"
  fi
  in_ns firewall-cmd --reload >>"$W/firewalld.log" 2>&1 || fail "firewall-cmd --reload failed"
  check "firewalld keeps virbr32 in 'vnetctl' across its reload" wait_for 10 \
    bash -c '[[ $(nsenter -t "$1" -m -n -- firewall-cmd --get-zone-of-interface=virbr32 2>&1) == vnetctl ]]' _ "$VNT_HOLDER"
  vn_expect 0 diff fwnet
  check_eq "NAT after firewall-cmd --reload" "$E2E_UP_HOST" "$(e2e_connect "$gns" "$E2E_UP_PEER" "$E2E_UP_PORT" 2>&1)"
  check "a lease renews after the reload" e2e_dhcp fw "$gns"
  vn_expect 0 destroy fwnet
  check_eq "destroy unbinds virbr32" "no zone" "$(fw_zone_of virbr32)"
  [[ $BACKEND == networkmanager ]] &&
    check_eq "NetworkManager forgot the profile" "" "$(nm_files_of vnetctl-fwnet)"
  check_eq "nor in firewalld's permanent configuration" "" "$(in_ns grep -l virbr32 "$zones/vnetctl.xml")"
  vn_expect 0 undefine fwnet
  in_ns ip link del vpfw 2>/dev/null
  firewalld_stop
}

# Docker's drop on a host switched to iptables-legacy (x_tables: nft never
# lists it): NAT and DHCP really stop, diff and doctor name the legacy chain,
# apply makes the passage with iptables-legacy and the network works while
# the policy stays DROP. default already has its iptables-nft passages from
# host-firewall; destroy-clean checks that the legacy ones go too.
sc_legacy_firewall() {
  local seen rules
  in_ns iptables-legacy -w -P FORWARD DROP && in_ns iptables-legacy -w -P INPUT DROP &&
    in_ns iptables-legacy -w -N DOCKER-USER && in_ns iptables-legacy -w -I FORWARD -j DOCKER-USER ||
    { fail "could not set up iptables-legacy's drop policy"; return; }
  seen=$(e2e_connect "$G2_NS" "$E2E_UP_PEER" "$E2E_UP_PORT" 2>&1)
  check "iptables-legacy's FORWARD drop stops NAT" test "$seen" != "$E2E_UP_HOST"
  vn_expect 2 diff default
  check "diff: a passage through iptables-legacy's FORWARD" grep -q \
    '+ create passage ip filter FORWARD (iptables-legacy): policy drop, and no rule of it accepts virbr0' <<<"$VN_OUT"
  check "diff: a passage through iptables-legacy's INPUT" \
    grep -q '+ create passage ip filter INPUT (iptables-legacy)' <<<"$VN_OUT"
  vn_expect 2 doctor default
  check "doctor: the legacy chain" grep -q \
    "^error: default: ip filter FORWARD (iptables-legacy) drops its guests' traffic" <<<"$VN_OUT"
  vn_expect 0 apply "$W/default.xml"
  check_eq "NAT works through the legacy passage" "$E2E_UP_HOST" \
    "$(e2e_connect "$G2_NS" "$E2E_UP_PEER" "$E2E_UP_PORT" 2>&1)"
  check "DHCP works through the legacy passage" e2e_dhcp g2 "$G2_NS"
  rules=$(in_ns iptables-legacy -w -S FORWARD)
  check "iptables-legacy's FORWARD policy stays DROP" grep -qx -- '-P FORWARD DROP' <<<"$rules"
  check_eq "vnetctl's legacy jump is FORWARD's first rule" "-A FORWARD -j VNETCTL_FWD_virbr0" \
    "$(sed -n 2p <<<"$rules")"
  check "the status record keeps the legacy passages" bash -c \
    "nsenter -t $VNT_HOLDER -m -n -- cat /run/vnetctl/networks/default.json | grep -q 'ip filter INPUT (iptables-legacy)'"
  vn_expect 0 diff default
  in_ns iptables-legacy -w -P FORWARD ACCEPT && in_ns iptables-legacy -w -P INPUT ACCEPT ||
    fail "could not put iptables-legacy's policy back"
}

sc_apply_idempotent() {
  e2e_snapshot "$W/snap-idem"
  vn_expect 0 apply "$W/default.xml"
  check "second apply says 'nothing to do'" grep -qi 'nothing to do' <<<"$VN_OUT$VN_ERR"
  e2e_snapshot_same "identical apply" "$W/snap-idem"
}

# --dry-run prints the plan and changes nothing, for every host-changing command.
sc_dry_run() {
  sed 's/192\.168\.122\./192.168.124./g' "$W/default.xml" >"$W/changed.xml"
  e2e_snapshot "$W/snap-dry"
  vn_expect 0 destroy default --dry-run
  vn_expect 0 apply "$W/changed.xml" --dry-run
  check "apply --dry-run shows the new address" grep -q '192\.168\.124\.1' <<<"$VN_OUT$VN_ERR"
  vn_expect 0 create "$examples/isolated-lab.xml" --dry-run
  vn_expect 0 autostart default --dry-run
  e2e_snapshot_same "--dry-run" "$W/snap-dry"
}

# A backend asked for by name that cannot work on this host is refused
# (exit 69, with what is missing) before anything changes: ifupdown without
# bridge-utils, made missing by a tmpfs over its hook directory in the host
# namespace's own mounts. A network already active through a backend is still
# handled through it. (The first refusal may add ifupdown's version to the
# detection cache, /run/vnetctl/probes; the second must change nothing.)
sc_refuse_unusable() {
  in_ns mount -t tmpfs vnetctl-e2e-hidden /usr/lib/bridge-utils ||
    { fail "could not hide bridge-utils in the host namespace"; return; }
  BACKEND=ifupdown vn_expect 69 create "$examples/isolated-lab.xml"
  e2e_snapshot "$W/snap-unusable"
  BACKEND=ifupdown vn_expect 69 create "$examples/isolated-lab.xml"
  check "the refusal says what is missing" grep -q \
    "backend ifupdown cannot work on this host: ifupdown needs bridge-utils" <<<"$VN_ERR"
  e2e_snapshot_same "a refused backend" "$W/snap-unusable"
  [[ $BACKEND != ifupdown ]] || vn_expect 0 diff default
  in_ns umount /usr/lib/bridge-utils || fail "could not unhide bridge-utils"
}

sc_fault_injection() {
  local step
  sed 's/192\.168\.122\./192.168.124./g' "$W/default.xml" >"$W/changed.xml"
  e2e_snapshot "$W/snap-fault"
  for step in files-written activated verified; do
    VNETCTL_FAULT=$step vn_expect 1 apply "$W/changed.xml"
    e2e_snapshot_same "apply failing at '$step'" "$W/snap-fault"
  done
  vn_expect 0 diff default
  vn dumpxml --inactive default
  if [[ $VN_OUT != "$(cat "$W/default.xml")" ]]; then
    fail "the failed applies changed default's stored definition"
    vn define "$W/default.xml"  # so that later scenarios start from the real default
  fi
  # start of a stopped network, failing: nothing of it may stay.
  vn_expect 0 define "$examples/routed.xml"
  e2e_snapshot "$W/snap-fault-start"
  for step in files-written activated verified; do
    VNETCTL_FAULT=$step vn_expect 1 start routed
    e2e_snapshot_same "start failing at '$step'" "$W/snap-fault-start"
  done
}

# apply of a changed definition (another subnet) updates the live network,
# the guest renews into the new subnet, and applying the original back
# restores it.
sc_apply_update() {
  vn_expect 0 apply "$W/changed.xml"
  check "virbr0 has 192.168.124.1/24" wait_for 10 e2e_has_addr virbr0 192.168.124.1/24
  check "virbr0 no longer has 192.168.122.1/24" bash -c \
    "! nsenter -t $VNT_HOLDER -m -n -- ip -o addr show dev virbr0 | grep -q ' 192.168.122.1/'"
  vn_expect 0 diff default
  wait_for 15 e2e_port_forwarding g2
  e2e_dhcp g2 "$G2_NS"
  check "guest renews into 192.168.124.0/24 (got ${REPLY:-none})" e2e_in_range "${REPLY:-0.0.0.0}" 192.168.124.2 192.168.124.254
  vn_expect 0 apply "$W/default.xml"
  check "virbr0 has 192.168.122.1/24 again" wait_for 10 e2e_has_addr virbr0 192.168.122.1/24
  vn_expect 0 diff default
}

sc_destroy_clean() {
  vn_expect 0 destroy default
  check_gone default virbr0 192.168.122.0/24 192.168.122.1
  # host-firewall's table: vnetctl's passages go, the host's chain stays
  check_eq "no passage left after destroy" "" "$(in_ns iptables-nft -S | grep VNETCTL)"
  check "the host's own rule stays" grep -qx -- '-A FORWARD -j DOCKER-USER' <<<"$(in_ns iptables-nft -S FORWARD)"
  check_eq "no legacy passage left after destroy" "" "$(in_ns iptables-legacy -w -S | grep VNETCTL)"
  check "the host's own legacy rule stays" grep -qx -- '-A FORWARD -j DOCKER-USER' \
    <<<"$(in_ns iptables-legacy -w -S FORWARD)"
  in_ns iptables-legacy -w -F && in_ns iptables-legacy -w -X || fail "could not empty iptables-legacy's table"
  in_ns nft delete table ip filter || fail "could not remove the host's iptables table"
  in_ns nft delete table ip6 filter 2>/dev/null || true  # ufw's, when it ran
  check_eq "list: default inactive" 0 "$(list_field default active)"
}

sc_isolated() {
  local gns ip
  vn_expect 0 create "$examples/isolated-lab.xml"
  check_eq "list: lab is transient" 0 "$(list_field lab persistent)"
  check "virbr10 has 10.10.0.1/24" wait_for 20 e2e_has_addr virbr10 10.10.0.1/24
  e2e_guest gi virbr10 || return
  gns=$REPLY
  if e2e_dhcp gi "$gns"; then
    ip=$REPLY
    check "lease $ip inside 10.10.0.100-199" e2e_in_range "$ip" 10.10.0.100 10.10.0.199
    check_eq "no router offered (isolated)" - "$E2E_ROUTER"
    # Even on a forwarding host, with a route by hand, nothing leaves.
    in_ns sysctl -qw net.ipv4.ip_forward=1
    ip -n "$gns" route add "$E2E_UP_PEER/32" via 10.10.0.1
    check "guest cannot reach upstream" bash -c \
      "! timeout 10 ip netns exec $gns python3 $E2E_DIR/tcpecho.py connect $E2E_UP_PEER $E2E_UP_PORT 2 2>/dev/null"
    e2e_guest_listen "$gns" gi || fail "guest listener did not start"
    ip -n "$E2E_UP_NS" route add 10.10.0.0/24 via "$E2E_UP_HOST"
    check "upstream cannot reach the guest" bash -c \
      "! timeout 10 ip netns exec $E2E_UP_NS python3 $E2E_DIR/tcpecho.py connect $ip $E2E_GUEST_PORT 2 2>/dev/null"
    ip -n "$E2E_UP_NS" route del 10.10.0.0/24
  else
    fail "no lease on lab: $(tail -3 "$W/udhcpc-gi.log")"
  fi
  vn_expect 0 destroy lab
  check_eq "list: a destroyed transient network is gone" "" "$(list_field lab name)"
  check_gone lab virbr10 10.10.0.0/24 10.10.0.1
}

# vnetctl event (virsh net-event): lifecycle events seen while it runs, from
# vnetctl's own commands and from the live host (a bridge set down by hand
# is "Stopped"), in virsh's line format; SIGINT ends the loop.
sc_events() {
  local out=$W/events.out pid n=0
  timeout 120 nsenter -t "$VNT_HOLDER" -m -n -- "$VNETCTL" --backend "$BACKEND" \
    event --event lifecycle --loop --timestamp >"$out" 2>"$W/events.err" &
  pid=$!
  sleep 1  # its first look at the store is taken
  vn_expect 0 create "$examples/isolated-lab.xml"
  check "lab's bridge up" wait_for 20 e2e_has_addr virbr10 10.10.0.1/24
  sleep 1.5
  in_ns ip link set virbr10 down
  sleep 1.5
  vn_expect 0 destroy lab
  vn_expect 0 define "$examples/routed.xml"
  vn_expect 0 undefine routed
  sleep 1.5
  kill -INT "$pid"
  wait "$pid"
  check_eq "event: exits 0 once it saw events" 0 "$?"
  cat "$out" >>"$W/transcript"
  # what happened, in order, each line as virsh prints it
  check_eq "event: the lifecycle as it happened" \
    "lab: Started|lab: Stopped|routed: Defined|routed: Undefined|event loop interrupted|events received: 4||" \
    "$(sed -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}\+0000: //;
               s/^event .lifecycle. for network //' "$out" | tr '\n' '|')"
  check "event: every event line timestamped as virsh does" bash -c \
    "grep '^2' '$out' | grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\.[0-9]{3}\+0000: event .lifecycle. for network [a-z]+: [A-Z][a-z]+\$' | grep -qx 4"
}

sc_routed() {
  local gns ip
  vn list --all --name
  grep -qx routed <<<"$VN_OUT" || vn_expect 0 define "$examples/routed.xml"
  vn_expect 0 start routed
  check "virbr20 has 10.20.0.1/24" wait_for 20 e2e_has_addr virbr20 10.20.0.1/24
  e2e_guest gr virbr20 || return
  gns=$REPLY
  if e2e_dhcp gr "$gns"; then
    ip=$REPLY
    check "lease $ip inside 10.20.0.100-200" e2e_in_range "$ip" 10.20.0.100 10.20.0.200
    check_eq "router offered" 10.20.0.1 "$E2E_ROUTER"
    e2e_guest_listen "$gns" gr || fail "guest listener did not start"
    ip -n "$E2E_UP_NS" route add 10.20.0.0/24 via "$E2E_UP_HOST"
    check_eq "upstream reaches the guest's own address; the guest sees upstream's real address" \
      "$E2E_UP_PEER" "$(e2e_connect "$E2E_UP_NS" "$ip" "$E2E_GUEST_PORT" 2>&1)"
    check_eq "upstream sees the guest's own address (no NAT)" "$ip" \
      "$(e2e_connect "$gns" "$E2E_UP_PEER" "$E2E_UP_PORT" 2>&1)"
  else
    fail "no lease on routed: $(tail -3 "$W/udhcpc-gr.log")"
  fi
  check "static route 10.21.0.0/24 via 10.20.0.10" bash -c \
    "nsenter -t $VNT_HOLDER -m -n -- ip route show 10.21.0.0/24 | grep -q 'via 10.20.0.10'"
}

sc_undefine_active() {
  vn_expect 0 undefine routed
  check_eq "list: routed still active" 1 "$(list_field routed active)"
  check_eq "list: routed now transient" 0 "$(list_field routed persistent)"
  check "virbr20 still has 10.20.0.1/24" e2e_has_addr virbr20 10.20.0.1/24
  vn_expect 0 destroy routed
  check_eq "list: routed gone after destroy" "" "$(list_field routed name)"
  check_gone routed virbr20 10.20.0.0/24 10.20.0.1
}

sc_autostart() {
  local f missing=""
  vn_expect 0 start default
  check "virbr0 up again" wait_for 20 e2e_has_addr virbr0 192.168.122.1/24
  vn_expect 0 autostart default
  for f in $(native_files default virbr0 etc); do in_ns test -e "$f" || missing+=" $f"; done
  check_eq "autostart: files under /etc missing" "" "$missing"
  missing=""
  for f in $(native_files default virbr0 run); do in_ns test -e "$f" && missing+=" $f"; done
  check_eq "autostart: files left under /run" "" "$missing"
  check "autostart link /etc/vnetctl/networks/autostart/default.xml" \
    in_ns test -e /etc/vnetctl/networks/autostart/default.xml
  check_eq "list: default autostart" 1 "$(list_field default autostart)"
  e2e_manager_stop
  in_ns ip link del virbr0
  e2e_manager_boot
  check "after a manager restart virbr0 is back with 192.168.122.1/24" \
    wait_for 30 e2e_has_addr virbr0 192.168.122.1/24
}

# A reboot (e2e_reboot: empty /run, no bridges, no firewall, no dnsmasq, then
# the manager's boot and the companion unit as systemd would start it): the
# autostarted network comes back whole and is listed active; one that was
# only started is gone and inactive (as in libvirt).
sc_reboot() {
  local gns ip seen
  printf '%s\n' "<network><name>onlystarted</name><bridge name='virbr29'/>" \
    "<ip address='10.29.0.1' prefix='24'/></network>" >"$W/onlystarted.xml"
  in_ns test -e /etc/vnetctl/networks/autostart/default.xml ||
    fail "reboot: default is not autostarted (the autostart scenario sets it)"
  vn_expect 0 define "$W/onlystarted.xml"
  vn_expect 0 start onlystarted
  # A host whose firewall drops what it does not accept, as Docker's or ufw's:
  # apply makes the passages, and what boots default must make them again.
  in_ns iptables-nft -P FORWARD DROP && in_ns iptables-nft -P INPUT DROP ||
    fail "reboot: could not set the host's drop policy"
  vn_expect 0 apply "$W/default.xml"
  check "what boots default makes its passage again" bash -c \
    "nsenter -t $VNT_HOLDER -m -n -- grep -rqs 'VNETCTL_FWD_virbr0' /etc/systemd/system/vnetctl-default.service /etc/network/interfaces.d/vnetctl-default"
  # The reboot empties the ruleset; Docker sets its policy again late in the boot.
  E2E_BOOT_LATE="iptables-nft -P FORWARD DROP;iptables-nft -P INPUT DROP" e2e_reboot
  check "after the reboot virbr0 has 192.168.122.1/24" wait_for 30 e2e_has_addr virbr0 192.168.122.1/24
  check_eq "list: default active after the reboot" 1 "$(list_field default active)"
  check_eq "list: onlystarted inactive after the reboot" 0 "$(list_field onlystarted active)"
  check "virbr29 did not come back" link_gone virbr29
  check "nft table inet vnetctl_default after the reboot" nft_table_exists default
  check_eq "dnsmasq for default after the reboot" 1 "$(e2e_dnsmasq_for default virbr0 | wc -l)"
  vn_expect 0 diff default
  vn_expect 0 diff
  check "diff (every active network) names default" grep -q '^Network default ' <<<"$VN_OUT"
  e2e_guest gb virbr0 || return
  gns=$REPLY
  if e2e_dhcp gb "$gns"; then
    ip=$REPLY
    check "lease $ip after the reboot inside 192.168.122.2-254" \
      e2e_in_range "$ip" 192.168.122.2 192.168.122.254
    seen=$(e2e_connect "$gns" "$E2E_UP_PEER" "$E2E_UP_PORT" 2>&1)
    check_eq "NAT after the reboot: upstream sees the host's address" "$E2E_UP_HOST" "$seen"
  else
    fail "no lease on default after the reboot: $(tail -3 "$W/udhcpc-gb.log")"
  fi
  check "after the reboot the host's FORWARD policy is DROP again" grep -qx -- '-P FORWARD DROP' \
    <<<"$(in_ns iptables-nft -S FORWARD)"
  vn_expect 0 undefine onlystarted
  vn_expect 0 autostart default --disable
  vn_expect 0 destroy default
  check_gone default virbr0 192.168.122.0/24 192.168.122.1
  check_eq "no passage left after destroy" "" "$(in_ns iptables-nft -S | grep VNETCTL)"
  in_ns nft delete table ip filter || fail "could not remove the host's iptables table"
}

# uplink_manage: the host's own uplink (vu<ID>: 203.0.113.1/24, default via
# .2) configured through the manager itself, as on a real host: a netplan
# YAML file (netplan) or a .network file (networkd); waits until the manager
# has configured it. With the other two it stays the test's own.
uplink_manage() {
  local up=vu$VNT_ID
  case $BACKEND in
    netplan)
      printf '%s\n' "network:" "  version: 2" "  ethernets:" "    $up:" "      renderer: networkd" \
        "      addresses: [\"$E2E_UP_HOST/24\"]" "      routes:" "        - to: default" \
        "          via: \"$E2E_UP_PEER\"" | in_ns tee /etc/netplan/10-uplink.yaml >/dev/null
      in_ns chmod 600 /etc/netplan/10-uplink.yaml
      in_ns netplan generate || fail "netplan generate of the uplink failed"
      ;;
    networkd)
      printf '%s\n' "[Match]" "Name=$up" "[Network]" "Address=$E2E_UP_HOST/24" \
        "Gateway=$E2E_UP_PEER" | in_ns tee /etc/systemd/network/10-uplink.network >/dev/null
      ;;
    *)
      # NetworkManager leaves vu* alone by the test's configuration, and
      # ifupdown has no daemon: the uplink stays as the test configured it.
      return 0
      ;;
  esac
  in_ns networkctl reload && in_ns networkctl reconfigure "$up" ||
    fail "networkd did not take the uplink's configuration"
  check "the manager configured the uplink $up" wait_for 20 bash -c \
    "nsenter -t $VNT_HOLDER -m -n -- networkctl list $up --no-legend | grep -q configured"
}

# uplink_settled SECS LINK: within SECS, LINK's addresses and routes (both
# families) stay the same for 2 s.
uplink_settled() {
  local end=$((SECONDS + $1)) before after
  after=$(uplink_state "$2")
  while ((SECONDS < end)); do
    before=$after
    sleep 2
    after=$(uplink_state "$2")
    [[ $before == "$after" ]] && return 0
  done
  return 1
}
uplink_state() {
  in_ns ip -o addr show dev "$1"
  in_ns ip route show dev "$1"
  in_ns ip -6 route show dev "$1"
}

# The host's own links are never disturbed: with the uplink configured by
# the same manager, `ip monitor` records nothing about it across start,
# apply, update --live, autostart and destroy of vnetctl's networks (netplan
# used to rewrite every networkd file, and networkd then reconfigured every
# netplan link: the uplink's address and routes deleted and added again).
sc_uplink_quiet() {
  local up=vu$VNT_ID mon events
  uplink_manage
  # After the previous scenario's simulated reboot the test's own uplink can
  # take a moment to show its address again (seen with ifupdown).
  check "the uplink still has $E2E_UP_HOST/24" wait_for 10 e2e_has_addr "$up" "$E2E_UP_HOST/24"
  # What is watched is vnetctl, not the uplink's own settling after the
  # simulated reboot or networkd's reconfigure (link-local DAD, networkd's
  # follow-ups), which a loaded machine (CI: the VMs beside the sanitized
  # build) stretches past any fixed sleep: the uplink's addresses and routes
  # must first stay the same for 2 s.
  check "the uplink settled" uplink_settled 30 "$up"
  mon=$W/uplink-monitor.log
  in_ns ip monitor link address route >"$mon" 2>&1 &
  VNT_PIDS+=($!)
  sleep 0.5
  vn_expect 0 start default
  check "virbr0 up" wait_for 20 e2e_has_addr virbr0 192.168.122.1/24
  vn_expect 0 update default add ip-dhcp-host \
    "<host mac='52:54:00:e2:e0:44' ip='192.168.122.44'/>" --live --config
  vn_expect 0 autostart default
  vn_expect 0 apply "$W/changed.xml"
  vn_expect 0 apply "$W/default.xml"
  vn_expect 0 autostart default --disable
  vn_expect 0 destroy default
  check "virbr0 gone" wait_for 10 link_gone virbr0
  sleep 2  # what networkd would still do after the last command
  forget_pid "${VNT_PIDS[-1]}"
  events=$(grep -E "(^|[ :])$up(:| |@|$)" "$mon")
  check_eq "ip monitor: no change to the uplink $up" "" "$events"
  check "the uplink keeps $E2E_UP_HOST/24" e2e_has_addr "$up" "$E2E_UP_HOST/24"
  check "the default route via $E2E_UP_PEER stays" bash -c \
    "nsenter -t $VNT_HOLDER -m -n -- ip route show default | grep -q 'via $E2E_UP_PEER dev $up'"
}

SCENARIOS=(start-default lease-range static-host nat-upstream diff-clean dhcp-leases update-live
  drift-address drift-nat host-firewall ufw legacy-firewall apply-idempotent dry-run refuse-unusable fault-injection apply-update destroy-clean doctor firewalld isolated events routed
  undefine-active autostart reboot uplink-quiet)

main() {
  require_root
  # shellcheck disable=SC2046 # word list
  require_tools "${E2E_TOOLS[@]}" $(e2e_tools_for "$BACKEND")
  [[ -x $VNETCTL ]] || die "no vnetctl at $VNETCTL"
  e2e_install_trap
  trap on_exit EXIT
  e2e_host_up "$BACKEND"
  pass "$BACKEND: topology up"
  local sc p f
  for sc in "${SCENARIOS[@]}"; do
    # E2E_SCENARIOS="a b ...": only those (a debugging aid; order stays).
    [[ -z ${E2E_SCENARIOS:-} || " $E2E_SCENARIOS " == *" $sc "* ]] || continue
    p=$VNT_PASSED f=$VNT_FAILED
    echo "--- $BACKEND: $sc (at ${SECONDS} s)"
    "sc_${sc//-/_}"
    p=$((VNT_PASSED - p)) f=$((VNT_FAILED - f))
    if ((f == 0 && p > 0)); then
      echo "E2E-RESULT $BACKEND $sc ok $p $f"
    else
      echo "E2E-RESULT $BACKEND $sc FAILED $p $f"
    fi
  done
  summary
}

# The EXIT trap: copy the transcript out (E2E_LOG), then clean up.
on_exit() {
  trap '' INT TERM  # see e2e_cleanup
  [[ -n ${E2E_LOG:-} && -n ${W:-} && -f $W/transcript ]] && cp "$W/transcript" "$E2E_LOG"
  if [[ -n ${KEEP_WORK:-} ]]; then
    echo "work directory kept: ${W:-}"
    e2e_cleanup_keep
  else
    e2e_cleanup
  fi
}

# KEEP_WORK=1: everything is stopped and removed but the work directory.
e2e_cleanup_keep() {
  local i
  trap '' INT TERM
  for ((i = ${#VNT_PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${VNT_PIDS[i]}"; done
  stop_netns_processes "${VNT_NETNS[@]}"
  VNT_TMPDIRS=()
  cleanup
}

main
