#!/usr/bin/env bash
# networkd.sh ROOTDIR: proves the real systemd-networkd accepts the files
# vnetctl rendered under ROOTDIR/{etc,run}/systemd/network/50-vnetctl-*, and
# that the kernel ends up with what they say: bridge, MAC, MTU, STP state,
# forward delay, VLAN filtering, addresses, IPv6 link-local mode, accept_ra,
# static routes, "configured" without any port, and then with a port.
#
# Everything happens in a private network namespace and a private mount
# namespace (tests/native/lib.sh); networkd and its private D-Bus are
# started and stopped by PID. Prints "N passed, N failed".
#
# Sourced by netplan.sh for nd_start / nd_check_dir (main only runs when
# executed).

NETWORKD=/lib/systemd/systemd-networkd

# nd_ini_values FILE SECTION KEY: every value of KEY in every [SECTION].
nd_ini_values() {
  awk -v sect="[$2]" -v key="$3" '
    /^\[/ { in_sect = ($0 == sect); next }
    in_sect && index($0, key "=") == 1 { print substr($0, length(key) + 2) }' "$1"
}

# nd_ini_value FILE SECTION KEY: the last value (systemd's rule for scalars).
nd_ini_value() { nd_ini_values "$@" | tail -n 1; }

# nd_routes FILE: "DESTINATION GATEWAY METRIC" per [Route] section.
nd_routes() {
  awk '
    function flush() { if (in_route) print dest, gw, (metric == "" ? "-" : metric) }
    /^\[/ { flush(); in_route = ($0 == "[Route]"); dest = gw = metric = ""; next }
    in_route && /^Destination=/ { dest = substr($0, 13) }
    in_route && /^Gateway=/ { gw = substr($0, 9) }
    in_route && /^Metric=/ { metric = substr($0, 8) }
    END { flush() }' "$1"
}

# nd_addresses FILE: "ADDRESS NODAD" for [Network] Address= (NODAD=0) and
# each [Address] section (NODAD=1 with DuplicateAddressDetection=none).
nd_addresses() {
  nd_ini_values "$1" Network Address | sed 's/$/ 0/'
  awk '
    function flush() { if (in_addr && addr != "") print addr, nodad }
    /^\[/ { flush(); in_addr = ($0 == "[Address]"); addr = ""; nodad = 0; next }
    in_addr && /^Address=/ { addr = substr($0, 9) }
    in_addr && $0 == "DuplicateAddressDetection=none" { nodad = 1 }
    END { flush() }' "$1"
}

is_true() { [[ $1 =~ ^(yes|true|on|1)$ ]]; }

# nd_start ETC_DIR RUN_DIR: namespace, private /etc/systemd/network and
# /run/systemd/network (nothing else: the distribution's .network files are
# masked), private D-Bus, then systemd-networkd. Needs $W (a private tmpdir).
nd_start() {
  local etc=$1 run=$2
  mkdir -p "$W/empty"
  [[ -d /etc/systemd/network ]] || die "/etc/systemd/network is missing (systemd-networkd not installed?)"
  make_ns vnt-nd
  start_holder "$REPLY" "$W" "
    mkdir -p /run/systemd/netif /run/systemd/network
    chown systemd-network:systemd-network /run/systemd/netif
    mount --bind '$etc' /etc/systemd/network
    mount --bind '$run' /run/systemd/network
    for d in /lib/systemd/network /usr/lib/systemd/network /usr/local/lib/systemd/network; do
      if [ -d \$d ]; then mount --bind '$W/empty' \$d; fi
    done"
  start_dbus
  start_daemon "$W/networkd.log" env SYSTEMD_LOG_TARGET=console SYSTEMD_LOG_LEVEL=debug "$NETWORKD"
  ND_PID=$VNT_LAST_PID
  wait_for 10 in_ns networkctl list || die "networkctl cannot reach networkd: $(tail -5 "$W/networkd.log")"
  check_eq "networkd runs as PID $ND_PID" systemd-network "$(cat "/proc/$ND_PID/comm" 2>/dev/null)"
}

nd_link_json() { in_ns ip -d -j link show dev "$1" 2>/dev/null; }
nd_addr_json() { in_ns ip -j addr show dev "$1" 2>/dev/null; }
nd_setup_state() {
  json_get "$(in_ns networkctl --json=short list 2>/dev/null)" \
    "[i['AdministrativeState'] for i in j['Interfaces'] if i['Name'] == '$1'][0]"
}
nd_is_configured() { [[ $(nd_setup_state "$1") == configured ]]; }
nd_has_address() {
  [[ $(json_get "$(nd_addr_json "$1")" \
    "int(any(a['local'] + '/' + str(a['prefixlen']) == '$2' for a in j[0]['addr_info']))") == 1 ]]
}
nd_tentative() {
  json_get "$(nd_addr_json "$1")" \
    "int(any(a.get('tentative', False) for a in j[0]['addr_info'] if a['local'] + '/' + str(a['prefixlen']) == '$2'))"
}
nd_link_local_count() {
  json_get "$(nd_addr_json "$1")" \
    "sum(1 for a in j[0]['addr_info'] if a['family'] == 'inet6' and a['local'].startswith('fe80:'))"
}

# nd_kernel_has_vlan_filtering: can a bridge in the namespace filter VLANs?
nd_kernel_has_vlan_filtering() {
  local probe="vf$RANDOM" ok=1
  in_ns ip link add "$probe" type bridge vlan_filtering 1 2>/dev/null && ok=0
  in_ns ip link del "$probe" 2>/dev/null
  return $ok
}

# nd_check_link NAME NETDEV NETWORK: the bridge as the kernel shows it.
nd_check_link() {
  local br=$1 netdev=$2 network=$3 j mtu stp delay want_delay vf
  j=$(nd_link_json "$br")
  check_eq "$br kind" bridge "$(json_get "$j" "j[0]['linkinfo']['info_kind']")"
  check_eq "$br is administratively up" 1 "$(json_get "$j" "int('UP' in j[0]['flags'])")"
  local mac; mac=$(nd_ini_value "$netdev" NetDev MACAddress)
  [[ -n $mac ]] && check_eq "$br MAC" "${mac,,}" "$(json_get "$j" "j[0]['address']")"
  mtu=$(nd_ini_value "$netdev" NetDev MTUBytes)
  [[ -z $mtu ]] && mtu=$(nd_ini_value "$network" Link MTUBytes)
  check_eq "$br MTU" "${mtu:-1500}" "$(json_get "$j" "j[0]['mtu']")"
  stp=$(nd_ini_value "$netdev" Bridge STP)
  if is_true "$stp"; then stp=1; else stp=0; fi
  check_eq "$br stp_state" "$stp" "$(json_get "$j" "j[0]['linkinfo']['info_data']['stp_state']")"
  delay=$(nd_ini_value "$netdev" Bridge ForwardDelaySec)
  if [[ -n $delay ]]; then
    want_delay=$((delay * 100))
    # br_stp_start() raises a delay below 2 s to 2 s while STP is on.
    ((stp == 1 && want_delay < 200)) && want_delay=200
    check_eq "$br forward_delay (cs)" "$want_delay" \
      "$(json_get "$j" "j[0]['linkinfo']['info_data']['forward_delay']")"
  fi
  vf=$(nd_ini_value "$netdev" Bridge VLANFiltering)
  if [[ -n $vf ]] && ! nd_kernel_has_vlan_filtering; then
    fail "$br: VLANFiltering= cannot be verified: this kernel has no bridge VLAN filtering" \
      "(CONFIG_BRIDGE_VLAN_FILTERING); networkd 252 ignores the setting without an error"
  elif [[ -n $vf ]]; then
    if is_true "$vf"; then vf=1; else vf=0; fi
    check_eq "$br vlan_filtering" "$vf" "$(json_get "$j" "j[0]['linkinfo']['info_data']['vlan_filtering']")"
  fi
  local ll gen; ll=$(nd_ini_value "$network" Network LinkLocalAddressing)
  gen=$(json_get "$j" "j[0].get('inet6_addr_gen_mode')")
  case $ll in
    no | false | ipv4) check_eq "$br IPv6 link-local generation" none "$gen" ;;
    ipv6 | yes | true) check "$br IPv6 link-local generation is on ($gen)" test "$gen" != none ;;
  esac
  local ra; ra=$(nd_ini_value "$network" Network IPv6AcceptRA)
  if [[ -n $ra ]] && ! is_true "$ra"; then
    check_eq "$br accept_ra sysctl" 0 "$(in_ns cat "/proc/sys/net/ipv6/conf/$br/accept_ra")"
  fi
}

# nd_check_l3 NAME NETWORK: addresses and routes.
nd_check_l3() {
  local br=$1 network=$2 addr nodad dest gw metric j
  while read -r addr nodad; do
    [[ -z $addr ]] && continue
    check "$br has address $addr" wait_for 10 nd_has_address "$br" "$addr"
    ((nodad)) && check_eq "$br $addr usable without carrier (not tentative)" 0 "$(nd_tentative "$br" "$addr")"
  done < <(nd_addresses "$network")
  while read -r dest gw metric; do
    local fam=-4
    [[ $dest == *:* ]] && fam=-6
    check "$br route $dest appears" wait_for 10 bash -c \
      "[[ -n \$(nsenter -t $VNT_HOLDER -m -n -- ip $fam -j route show $dest dev $br | tr -d '[]') ]]"
    j=$(in_ns ip "$fam" -j route show "$dest" dev "$br")
    check_eq "$br route $dest gateway" "$gw" "$(json_get "$j" "j[0].get('gateway')")"
    [[ $metric != - ]] && check_eq "$br route $dest metric" "$metric" "$(json_get "$j" "j[0].get('metric', 0)")"
  done < <(nd_routes "$network")
}

# nd_needs_carrier NETWORK: true if an IPv6 address still runs DAD, which
# cannot finish before the bridge has a port with carrier.
nd_needs_carrier() { grep -q ':.* 0$' <<<"$(nd_addresses "$1")"; }

# nd_check_with_port NAME NETWORK: a veth port gives the bridge carrier.
nd_check_with_port() {
  local br=$1 network=$2 port="vp$RANDOM" peer="vq$RANDOM" addr nodad
  in_ns ip link add "$port" type veth peer name "$peer" || { fail "$br: cannot add a veth port"; return; }
  in_ns ip link set "$port" master "$br" up
  in_ns ip link set "$peer" up
  check "$br gains carrier with a port" wait_for 20 bash -c \
    "nsenter -t $VNT_HOLDER -m -n -- ip -j link show dev $br | grep -q LOWER_UP"
  check "$br is configured with a port" wait_for 20 nd_is_configured "$br"
  while read -r addr nodad; do
    [[ $addr == *:* ]] && check "$br $addr finished DAD" wait_for 10 test "$(nd_tentative "$br" "$addr")" = 0
  done < <(nd_addresses "$network")
  case $(nd_ini_value "$network" Network LinkLocalAddressing) in
    no | false | ipv4) sleep 1; check_eq "$br has no IPv6 link-local address" 0 "$(nd_link_local_count "$br")" ;;
    ipv6 | yes | true) check "$br has an IPv6 link-local address" wait_for 10 test "$(nd_link_local_count "$br")" -ge 1 ;;
  esac
  in_ns ip link del "$port"
}

# nd_check_log FILE...: networkd complained about none of these files.
nd_check_log() {
  local f complaints
  for f in "$@"; do
    complaints=$(grep -F "$(basename "$f")" "$W/networkd.log" | grep -iE 'unknown|invalid|failed|ignoring|deprecated')
    check_eq "networkd accepted $(basename "$f") without complaint" "" "$complaints"
  done
}

# nd_check_dir DIR...: checks every bridge .netdev (and its .network) in DIRs.
nd_check_dir() {
  local netdev network br found=0
  for netdev in $(find "$@" -maxdepth 1 -name '*.netdev' | sort); do
    [[ $(nd_ini_value "$netdev" NetDev Kind) == bridge ]] || continue
    found=1
    network=${netdev%.netdev}.network
    br=$(nd_ini_value "$netdev" NetDev Name)
    [[ -f $network ]] || { fail "$netdev has no matching $(basename "$network")"; continue; }
    check_eq "$(basename "$network") matches" "$br" "$(nd_ini_value "$network" Match Name)"
    nd_check_log "$netdev" "$network"
    if ! wait_for 15 nd_link_json "$br"; then
      fail "networkd did not create bridge $br from $(basename "$netdev")"
      continue
    fi
    pass "networkd created bridge $br"
    nd_check_link "$br" "$netdev" "$network"
    nd_check_l3 "$br" "$network"
    if nd_needs_carrier "$network"; then
      echo "note: $br has IPv6 addresses with DAD; 'configured' is only checked with a port"
    else
      check "$br is configured without any port" wait_for 15 nd_is_configured "$br"
    fi
    nd_check_with_port "$br" "$network"
  done
  ((found)) || fail "no bridge .netdev files found in $*"
}

# nd_check_reload: `networkctl reload` over the private bus succeeds and
# networkd keeps running.
nd_check_reload() {
  check "networkctl reload" in_ns networkctl reload
  check "networkd still runs after reload" kill -0 "$ND_PID"
}

networkd_main() {
  local root=${1:?usage: networkd.sh ROOTDIR}
  require_root
  require_tools ip nsenter unshare dbus-daemon networkctl python3 "$NETWORKD"
  install_cleanup_trap
  make_tmpdir
  W=$REPLY
  mkdir -p "$W/etc" "$W/run"
  local f n=0
  for f in "$root"/etc/systemd/network/50-vnetctl-* "$root"/run/systemd/network/50-vnetctl-*; do
    [[ -f $f ]] || continue
    n=$((n + 1))
    check_eq "$(basename "$f") mode" 644 "$(stat -c %a "$f")"
    if [[ $f == "$root"/etc/* ]]; then cp "$f" "$W/etc/"; else cp "$f" "$W/run/"; fi
  done
  ((n > 0)) || die "no 50-vnetctl-* files under $root/etc/systemd/network or $root/run/systemd/network"
  nd_start "$W/etc" "$W/run"
  nd_check_dir "$W/etc" "$W/run"
  nd_check_reload
  summary
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -uo pipefail
  # shellcheck source=tests/native/lib.sh
  source "$(dirname "$0")/lib.sh"
  networkd_main "$@"
  exit
fi
