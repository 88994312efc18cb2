#!/usr/bin/env bash
# Proves that the real NetworkManager accepts the keyfiles vnetctl rendered and
# brings up exactly the bridge they describe.
#
#   tests/native/networkmanager.sh ROOTDIR
#
# ROOTDIR holds rendered files at their real paths (`vnetctl render --backend
# networkmanager --output ROOTDIR`, or tests/native/networkmanager_fixture.sh).
# Every vnetctl-*.nmconnection under ROOTDIR/{etc,run}/NetworkManager/
# system-connections is checked offline (`nmcli --offline`), then loaded by a
# NetworkManager started here inside a private network namespace, with a
# private system D-Bus and private mounts for every directory NetworkManager
# writes (shared/docs/testing-with-real-daemons.md). The expected bridge,
# addresses, routes, MTU and STP values are read from the keyfile itself.
# Nothing outside the namespace is touched; daemons are stopped by PID.
# Prints one PASS/FAIL line per check, then "N passed, N failed"; exits
# non-zero on any failure. KEEP_WORK=1 keeps the work directory (NM's debug
# log is in it) for inspection.
set -uo pipefail
export PATH=$PATH:/usr/sbin:/sbin

passed=0
failed=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
summary() { echo "$passed passed, $failed failed"; }
die() {
  fail "$*"
  summary
  exit 1
}

[ $# -eq 1 ] || { echo "usage: $0 ROOTDIR" >&2; exit 64; }
root=$(cd "$1" 2>/dev/null && pwd) || die "no such directory: $1"
[ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, mounts)"
for tool in NetworkManager nmcli dbus-daemon ip nsenter unshare mount jq od stat; do
  command -v "$tool" >/dev/null || die "required tool '$tool' is not installed"
done
[ -d /var/lib/NetworkManager ] || die "/var/lib/NetworkManager missing (network-manager package?)"

mapfile -t keyfiles < <(find "$root/etc/NetworkManager/system-connections" \
  "$root/run/NetworkManager/system-connections" -maxdepth 1 \
  -name 'vnetctl-*.nmconnection' -type f 2>/dev/null | sort)
[ ${#keyfiles[@]} -gt 0 ] || die "no vnetctl-*.nmconnection under $root/{etc,run}/NetworkManager/system-connections"

# --- keyfile reading --------------------------------------------------------

# kf_get FILE SECTION KEY: the value, or nothing.
kf_get() {
  awk -v sec="[$2]" -v key="$3" '
    /^\[/ { cur = $0; next }
    cur == sec && index($0, key "=") == 1 { print substr($0, length(key) + 2); exit }
  ' "$1"
}

# kf_numbered FILE SECTION PREFIX: values of PREFIX1, PREFIX2, ... in order.
kf_numbered() {
  awk -v sec="[$2]" -v pfx="$3" '
    /^\[/ { cur = $0; next }
    cur == sec && match($0, "^" pfx "[0-9]+=") {
      n = substr($0, length(pfx) + 1, RLENGTH - length(pfx) - 1)
      v[n + 0] = substr($0, RLENGTH + 1); if (n + 0 > max) max = n + 0
    }
    END { for (i = 1; i <= max; i++) if (i in v) print v[i] }
  ' "$1"
}

# --- offline checks ---------------------------------------------------------

for kf in "${keyfiles[@]}"; do
  name=${kf#"$root"}
  mode=$(stat -c %a "$kf")
  [ "$mode" = 600 ] && pass "$name: mode 0600" || fail "$name: mode is $mode, want 600"
  if out=$(nmcli --offline connection modify <"$kf" 2>&1); then
    pass "$name: nmcli --offline accepts it"
    # nmcli drops unknown keys and out-of-range values with only a warning:
    # the file must be exactly what libnm writes back.
    if [ "$out" = "$(cat "$kf")" ]; then
      pass "$name: nmcli --offline round trip is byte-identical"
    else
      fail "$name: nmcli --offline normalizes it differently:"
      diff <(cat "$kf") <(echo "$out") | sed 's/^/    /'
    fi
  else
    fail "$name: nmcli --offline rejects it: $out"
  fi
done

# --- NetworkManager in a namespace ------------------------------------------

id=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
ns=vnm-$id
work=$(mktemp -d "/tmp/vnetctl-nm-$id.XXXXXX")
holder=

stop_pid() {  # stop_pid PID COMM: SIGTERM, wait up to 10 s, then SIGKILL
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  # Only the process started here: a reused PID has another name.
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] || return 0
  kill -TERM "$pid" 2>/dev/null
  for i in $(seq 100); do
    # A process whose parent does not reap it stays a zombie ("Z"): that is gone.
    [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] && return 0
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null
}

cleanup() {
  stop_pid "$(cat "$work/nm.pid" 2>/dev/null)" NetworkManager
  stop_pid "$(cat "$work/dbus.pid" 2>/dev/null)" dbus-daemon
  stop_pid "$holder" sleep
  ip netns delete "$ns" 2>/dev/null
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$work"/{etc-nm/system-connections,etc-nm/conf.d,var-nm,run-nm/system-connections,empty}
cat >"$work/etc-nm/NetworkManager.conf" <<'EOF'
# Private test configuration: touch no resolv.conf, hostname, firewall or polkit.
[main]
plugins=keyfile
no-auto-default=*
dns=none
rc-manager=unmanaged
hostname-mode=none
auth-polkit=root-only
firewall-backend=none

[logging]
level=DEBUG
domains=PLATFORM,DEVICE,BRIDGE,IP4,IP6,SETTINGS,CORE
EOF
for kf in "${keyfiles[@]}"; do
  case $kf in
    "$root"/run/*) cp -p "$kf" "$work/run-nm/system-connections/" ;;
    *) cp -p "$kf" "$work/etc-nm/system-connections/" ;;
  esac
done

# Runs inside the namespace with its own mount namespace. /run becomes a fresh
# tmpfs (private bus socket, NM's runtime dir); D-Bus service activation is
# emptied so the private bus starts nothing (no dispatcher scripts run).
inner='
  set -e
  w=$1
  mount -o remount,ro,bind /sys
  mount -t tmpfs -o mode=0755 tmpfs /run
  mkdir -p /run/dbus /run/NetworkManager
  mount --bind "$w/run-nm" /run/NetworkManager
  mount --bind "$w/etc-nm" /etc/NetworkManager
  mount --bind "$w/var-nm" /var/lib/NetworkManager
  mount --bind "$w/empty" /usr/share/dbus-1/system-services
  ip link set lo up
  dbus-daemon --system --fork --print-pid >"$w/dbus.pid"
  NetworkManager --no-daemon --debug >"$w/nm.log" 2>&1 &
  echo $! >"$w/nm.pid"
  exec sleep infinity
'
ip netns add "$ns" || die "cannot create network namespace $ns"
ip netns exec "$ns" unshare -m --propagation private bash -c "$inner" inner "$work" \
  >"$work/inner.log" 2>&1 &
holder=$!

in_ns() { nsenter -t "$holder" -m -n -- "$@"; }

started=no
for _ in $(seq 150); do
  if [ -s "$work/nm.pid" ] && grep -qx running <<<"$(in_ns nmcli -t -f RUNNING general 2>/dev/null)"; then
    started=yes
    break
  fi
  kill -0 "$holder" 2>/dev/null || break
  sleep 0.2
done
if [ $started = yes ]; then
  pass "NetworkManager $(in_ns nmcli -t -f VERSION general) runs in namespace $ns"
else
  cat "$work/inner.log" "$work/nm.log" 2>/dev/null | tail -30
  die "NetworkManager did not start in namespace $ns"
fi

in_ns nmcli connection reload && pass "nmcli connection reload" || fail "nmcli connection reload"

# --- checks against the live bridge -----------------------------------------

expect_eq() {  # expect_eq WHAT GOT WANT
  [ "$2" = "$3" ] && pass "$1 = $3" || fail "$1: got '$2', want '$3'"
}

check_addresses() {  # check_addresses KEYFILE BRIDGE FAMILY(4|6)
  local a got
  got=$(in_ns ip -"$3" -j addr show dev "$2" scope global |
    jq -r '.[]?.addr_info[]? | "\(.local)/\(.prefixlen)"')
  while read -r a; do
    [ -n "$a" ] || continue
    grep -qxF "$a" <<<"$got" && pass "$2 has address $a" || fail "$2 lacks address $a (has: $got)"
  done < <(kf_numbered "$1" "ipv$3" address)
}

check_routes() {  # check_routes KEYFILE BRIDGE FAMILY(4|6)
  local r dest gw metric got
  while IFS=, read -r dest gw metric; do
    [ -n "$dest" ] || continue
    got=$(in_ns ip -"$3" -j route show dev "$2" |
      jq -r --arg d "$dest" '.[] | select(.dst == $d or (.dst + "/32") == $d or
        (.dst == "default" and ($d == "0.0.0.0/0" or $d == "::/0"))) | "\(.gateway),\(.metric // 0)"')
    r="$dest via $gw metric ${metric:-?}"
    grep -qxF "$gw,${metric}" <<<"$got" && pass "$2 has route $r" || fail "$2 lacks route $r (found: $got)"
  done < <(kf_numbered "$1" "ipv$3" route)
}

check_ipv6_sysctls() {  # check_ipv6_sysctls KEYFILE BRIDGE
  local method disabled accept_ra
  method=$(kf_get "$1" ipv6 method)
  disabled=$(in_ns cat "/proc/sys/net/ipv6/conf/$2/disable_ipv6" 2>/dev/null)
  if [ "$method" = disabled ]; then
    expect_eq "$2 disable_ipv6 (ipv6.method=disabled)" "$disabled" 1
  else
    expect_eq "$2 disable_ipv6" "$disabled" 0
    accept_ra=$(in_ns cat "/proc/sys/net/ipv6/conf/$2/accept_ra")
    expect_eq "$2 accept_ra (kernel RA handling off, as libvirt)" "$accept_ra" 0
  fi
}

check_bridge() {  # check_bridge KEYFILE
  local kf=$1 br link mac mtu stp fd vf
  br=$(kf_get "$kf" connection interface-name)
  link=$(in_ns ip -d -j link show dev "$br" 2>/dev/null)
  [ -n "$link" ] || { fail "bridge $br does not exist"; return; }
  expect_eq "$br kind" "$(jq -r '.[0].linkinfo.info_kind' <<<"$link")" bridge
  jq -e '.[0].flags | index("UP")' <<<"$link" >/dev/null && pass "$br is up" || fail "$br is not up"
  mac=$(kf_get "$kf" bridge mac-address)
  [ -z "$mac" ] || expect_eq "$br MAC" "$(jq -r '.[0].address' <<<"$link")" "${mac,,}"
  mtu=$(kf_get "$kf" ethernet mtu)
  [ -z "$mtu" ] || expect_eq "$br MTU" "$(jq -r '.[0].mtu' <<<"$link")" "$mtu"
  stp=$(kf_get "$kf" bridge stp)
  [ "${stp:-true}" = true ] && stp=1 || stp=0
  expect_eq "$br stp_state" "$(jq -r '.[0].linkinfo.info_data.stp_state' <<<"$link")" "$stp"
  fd=$(kf_get "$kf" bridge forward-delay)
  expect_eq "$br forward_delay (centiseconds)" \
    "$(jq -r '.[0].linkinfo.info_data.forward_delay' <<<"$link")" "$((${fd:-15} * 100))"
  vf=$(kf_get "$kf" bridge vlan-filtering)
  [ "${vf:-false}" = true ] && vf=1 || vf=0
  expect_eq "$br vlan_filtering" "$(jq -r '.[0].linkinfo.info_data.vlan_filtering' <<<"$link")" "$vf"
  check_addresses "$kf" "$br" 4
  check_addresses "$kf" "$br" 6
  check_routes "$kf" "$br" 4
  check_routes "$kf" "$br" 6
  check_ipv6_sysctls "$kf" "$br"
}

kernel_has_vlan_filtering() {
  local probe=vnmprobe$id ok=1
  in_ns ip link add "$probe" type bridge vlan_filtering 1 2>/dev/null && ok=0
  in_ns ip link delete "$probe" 2>/dev/null
  return $ok
}

# The state NetworkManager reaches without any bridge port. Without carrier the
# kernel keeps IPv6 addresses tentative (DAD waits for carrier, on a libvirt
# bridge too), and NetworkManager 1.42 keeps a profile whose only family is
# IPv6 "activating" until a port joins; its addresses and routes are set.
wanted_states() {  # wanted_states KEYFILE
  if [ "$(kf_get "$1" ipv4 method)" = disabled ] && [ "$(kf_get "$1" ipv6 method)" = manual ]; then
    echo "activated|activating"
  else
    echo activated
  fi
}

for kf in "${keyfiles[@]}"; do
  con=$(kf_get "$kf" connection id)
  if [ "$(kf_get "$kf" bridge vlan-filtering)" = true ] && ! kernel_has_vlan_filtering; then
    fail "$con: this kernel has no bridge VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING), cannot test it"
    continue
  fi
  if out=$(in_ns nmcli -w 30 connection up id "$con" 2>&1); then
    pass "nmcli connection up $con"
  else
    fail "nmcli connection up $con: $out"
    continue
  fi
  # nmcli returns before a bridge profile is done ("master waiting for slaves").
  want=$(wanted_states "$kf")
  for _ in $(seq 50); do
    state=$(in_ns nmcli -g GENERAL.STATE connection show id "$con")
    [ "$state" = activated ] && break
    sleep 0.2
  done
  if [[ "$state" =~ ^($want)$ ]]; then
    pass "$con state $state"
  else
    fail "$con state: got '$state', want $want"
  fi
  check_bridge "$kf"
done

if [ "$failed" -gt 0 ]; then
  echo "--- last lines of the NetworkManager log ($work/nm.log)"
  tail -40 "$work/nm.log"
fi
summary
[ "$failed" -eq 0 ]
