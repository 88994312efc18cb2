#!/usr/bin/env bash
# selftest.sh VNETCTL [BACKEND...]: checks the e2e harness itself, with no
# live vnetctl command involved: per backend, the topology comes up (manager,
# private /etc, upstream), libvirt's default network is brought up by hand
# from `vnetctl render` (files copied in place, the manager told to load
# them, dnsmasq and nft started as the companions would be), and a guest
# takes a lease, a static host gets its address, the upstream sees NAT's
# source, a snapshot is stable, and tearing down by hand leaves no process.
# When run.sh fails and this passes, the failure is vnetctl's.
set -uo pipefail
vnetctl=$(realpath "${1:?usage: selftest.sh VNETCTL [BACKEND...]}")
shift
backends=("$@")
[[ ${#backends[@]} -gt 0 ]] || backends=(networkd netplan networkmanager ifupdown)
here=$(cd "$(dirname "$0")" && pwd)
examples=$(cd "$here/../../examples" && pwd)

selftest_backend() {
  local b=$1 r gns ip seen
  # shellcheck source=tests/e2e/lib.sh
  source "$here/lib.sh"
  require_root
  # shellcheck disable=SC2046 # word lists
  require_tools "${E2E_TOOLS[@]}" $(e2e_tools_for "$b")
  e2e_install_trap
  e2e_host_up "$b"
  pass "$b: topology up (private /etc: $(cat "$W/private-etc-mode"))"
  check "$b: fresh private store lists only 'default'" \
    test "$(in_ns "$vnetctl" list --all --name | grep -c .)" = 1
  in_ns "$vnetctl" update default add ip-dhcp-host \
    "<host mac='52:54:00:e2:e0:42' ip='192.168.122.42'/>" --config >/dev/null ||
    fail "$b: update --config"
  manual_up "$b" default virbr0
  check "$b: virbr0 has 192.168.122.1/24" wait_for 20 e2e_has_addr virbr0 192.168.122.1/24
  check "$b: one dnsmasq serves default" test "$(e2e_dnsmasq_for default virbr0 | wc -l)" = 1

  e2e_guest g1 virbr0 && gns=$REPLY
  if e2e_dhcp g1 "$gns"; then
    ip=$REPLY
    check "$b: lease $ip in 192.168.122.2-254" e2e_in_range "$ip" 192.168.122.2 192.168.122.254
    check_eq "$b: router" 192.168.122.1 "$E2E_ROUTER"
  else
    fail "$b: no lease: $(tail -3 "$W/udhcpc-g1.log")"
  fi
  seen=$(e2e_connect "$gns" "$E2E_UP_PEER" "$E2E_UP_PORT")
  check_eq "$b: upstream sees the guest as (NAT)" "$E2E_UP_HOST" "$seen"
  e2e_guest g2 virbr0 52:54:00:e2:e0:42 && gns=$REPLY
  e2e_dhcp g2 "$gns"
  check_eq "$b: static host's address" 192.168.122.42 "$REPLY"
  check "$b: the lease file names g2" in_ns grep -q 52:54:00:e2:e0:42 /var/lib/vnetctl/dnsmasq/default.leases

  e2e_snapshot "$W/snap1"
  e2e_snapshot_same "$b: nothing changed" "$W/snap1"
  in_ns ip addr del 192.168.122.1/24 dev virbr0
  e2e_snapshot "$W/snap2"
  python3 "$here/snapshot.py" compare "$W/snap1" "$W/snap2" >"$W/snap-diff"
  if grep -q '192\.168\.122\.1\\"' "$W/snap-diff"; then
    pass "$b: snapshot sees a removed address"
  else
    fail "$b: snapshot misses a removed address:"; cat "$W/snap-diff"
  fi
  sleep 2
  if e2e_has_addr virbr0 192.168.122.1/24; then
    echo "note: $b put the removed address back by itself"
  fi

  e2e_manager_stop
  in_ns ip link del virbr0
  e2e_manager_boot
  if wait_for 30 e2e_has_addr virbr0 192.168.122.1/24; then
    pass "$b: a manager restart (boot) brings virbr0 back with its address"
  else
    fail "$b: a manager restart (boot) does not bring virbr0 back"
    [[ -s $W/ifup-a.log ]] && sed 's/^/    ifup -a: /' "$W/ifup-a.log"
  fi
  manual_down "$b" default virbr0
  manual_down_checks "$b" default virbr0

  in_ns "$vnetctl" define "$examples/routed.xml" >/dev/null
  manual_up "$b" routed virbr20
  e2e_guest gr virbr20 && gns=$REPLY
  e2e_dhcp gr "$gns"
  ip=$REPLY
  check "$b: routed lease $ip" e2e_in_range "$ip" 10.20.0.100 10.20.0.200
  e2e_guest_listen "$gns" gr || fail "$b: guest listener"
  ip -n "$E2E_UP_NS" route add 10.20.0.0/24 via "$E2E_UP_HOST"
  check_eq "$b: routed: upstream reaches the guest, seen as itself" "$E2E_UP_PEER" \
    "$(e2e_connect "$E2E_UP_NS" "$ip" "$E2E_GUEST_PORT")"
  check_eq "$b: routed: upstream sees the guest's own address" "$ip" \
    "$(e2e_connect "$gns" "$E2E_UP_PEER" "$E2E_UP_PORT")"
  manual_down "$b" routed virbr20
  manual_down_checks "$b" routed virbr20

  in_ns "$vnetctl" define "$examples/isolated-lab.xml" >/dev/null
  manual_up "$b" lab virbr10
  e2e_guest gi virbr10 && gns=$REPLY
  e2e_dhcp gi "$gns"
  ip=$REPLY
  check "$b: isolated lease $ip" e2e_in_range "$ip" 10.10.0.100 10.10.0.199
  check_eq "$b: isolated: no router" - "$E2E_ROUTER"
  in_ns sysctl -qw net.ipv4.ip_forward=1
  ip -n "$gns" route add "$E2E_UP_PEER/32" via 10.10.0.1
  check "$b: isolated: guest cannot reach upstream" bash -c \
    "! ip netns exec $gns python3 $here/tcpecho.py connect $E2E_UP_PEER $E2E_UP_PORT 2 2>/dev/null"
  e2e_guest_listen "$gns" gi || fail "$b: guest listener"
  ip -n "$E2E_UP_NS" route add 10.10.0.0/24 via "$E2E_UP_HOST"
  check "$b: isolated: upstream cannot reach the guest" bash -c \
    "! ip netns exec $E2E_UP_NS python3 $here/tcpecho.py connect $ip $E2E_GUEST_PORT 2 2>/dev/null"
  manual_down "$b" lab virbr10
  manual_down_checks "$b" lab virbr10
  summary
}

# manual_up BACKEND NET BRIDGE: NET brought up by hand from `vnetctl render`
# (persistent placement: under /etc), as start would, without vnetctl.
manual_up() {
  local b=$1 net=$2 br=$3 r=$W/render-$2
  in_ns "$vnetctl" --backend "$b" render "$net" --output "$r" >/dev/null 2>"$W/render.err" ||
    die "$b: render $net: $(cat "$W/render.err")"
  in_ns cp -a "$r/etc/." /etc/
  case $b in
    networkd) in_ns networkctl reload ;;
    netplan) in_ns netplan generate && in_ns networkctl reload ;;
    networkmanager) in_ns nmcli connection reload && in_ns nmcli -w 20 connection up "vnetctl-$net" >/dev/null ;;
    ifupdown) in_ns ifup "$br" >"$W/ifup.log" 2>&1 ;;
  esac || fail "$b: the manager did not take the files of $net"
  if [[ $b != ifupdown ]]; then
    in_ns nft -f "/etc/vnetctl/nftables/$net.nft" || fail "$b: nft -f $net"
    in_ns sysctl -qw net.ipv4.ip_forward=1
    in_ns mkdir -p /run/vnetctl/dnsmasq /var/lib/vnetctl/dnsmasq
    in_ns start-stop-daemon --start --quiet --pidfile "/run/vnetctl/dnsmasq/$net.pid" \
      --exec /usr/sbin/dnsmasq -- "--conf-file=/etc/vnetctl/dnsmasq/$net.conf" || fail "$b: dnsmasq for $net"
  fi
  wait_for 20 bash -c "nsenter -t $VNT_HOLDER -m -n -- ip -o -4 addr show dev $br | grep -q inet" ||
    fail "$b: $br has no address"
}

# manual_down BACKEND NET BRIDGE: takes NET down by hand.
manual_down() {
  local b=$1 net=$2 br=$3
  case $b in
    ifupdown) in_ns ifdown "$br" >/dev/null 2>&1 ;;
    networkmanager) in_ns nmcli connection down "vnetctl-$net" >/dev/null ;;
    *) in_ns ip link del "$br" ;;
  esac
  if [[ $b != ifupdown ]]; then
    in_ns start-stop-daemon --stop --quiet --retry 5 --pidfile "/run/vnetctl/dnsmasq/$net.pid" \
      --exec /usr/sbin/dnsmasq
    in_ns nft delete table inet "vnetctl_$net"
  fi
  (cd "$W/render-$net" && find . ! -type d) | while read -r f; do in_ns rm -f "${f#.}"; done
  case $b in
    networkd) in_ns networkctl reload ;;
    netplan) in_ns netplan generate && in_ns networkctl reload ;;
    networkmanager) in_ns nmcli connection reload ;;
  esac
}

manual_down_checks() {
  local b=$1 net=$2 br=$3
  check "$b: no dnsmasq left for $net" test -z "$(e2e_dnsmasq_for "$net" "$br")"
  check "$b: no $br left" wait_for 10 bash -c "! nsenter -t $VNT_HOLDER -m -n -- ip link show $br >/dev/null 2>&1"
}

status=0
for b in "${backends[@]}"; do
  echo "=== selftest $b"
  (selftest_backend "$b") || status=1
done
exit $status
