#!/usr/bin/env bash
# Proves that real ifupdown 0.8 + bridge-utils realize vnetctl's rendered
# ifupdown files, companions included.
#
# usage: ifupdown.sh ROOTDIR
#   ROOTDIR holds rendered files at their real paths (`vnetctl render
#   --output ROOTDIR`, or tests/native/ifupdown_fixture.sh ROOTDIR):
#   etc/network/interfaces.d/vnetctl-* and/or run/vnetctl/ifupdown/*.interfaces,
#   with the companion files their hooks name under etc/vnetctl, run/vnetctl.
#
# For each file: `ifquery` parses it; then, in a private network namespace
# with a random suffix and a private mount namespace (ROOTDIR/etc overlaid on
# /etc read-only, fresh tmpfs on /run and /var/lib), the real `ifup -i FILE`
# must bring up the bridge with the stanza's MAC, address, MTU, STP and
# forward delay, start dnsmasq (pid file + live process) and load the nft
# table; the real `ifdown` must remove all three. Processes are stopped by
# PID only; the host's network is never touched.
# Prints "N passed, N failed"; exits 1 on any failure, 2 if it cannot run.
set -uo pipefail

die() { echo "ifupdown.sh: FATAL: $*" >&2; exit 2; }

root=${1:?usage: ifupdown.sh ROOTDIR}
[ -d "$root" ] || die "ROOTDIR '$root' is not a directory"
root=$(cd "$root" && pwd)
[ "$(id -u)" = 0 ] || die "must run as root (network and mount namespaces)"
for tool in ip ifup ifdown ifquery brctl nft dnsmasq start-stop-daemon unshare mount sysctl; do
  command -v "$tool" >/dev/null || die "required tool '$tool' is missing"
done
[ -x /lib/bridge-utils/ifupdown.sh ] || die "bridge-utils' ifupdown hook is missing"

files=()
for f in "$root"/etc/network/interfaces.d/vnetctl-* "$root"/run/vnetctl/ifupdown/*.interfaces; do
  [ -f "$f" ] && files+=("$f")
done
[ ${#files[@]} -gt 0 ] || die "no vnetctl ifupdown file under $root"

tmp=$(mktemp -d /tmp/vnetctl-ifupdown.XXXXXX)
ns=""
passed=0
failed=0

cleanup() {
  local pid
  if [ -f "$tmp/pids" ]; then
    while read -r pid; do
      # Only a dnsmasq this test started, never anything else by name.
      if [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = /usr/sbin/dnsmasq ]; then
        kill "$pid" 2>/dev/null
      fi
    done < "$tmp/pids"
  fi
  [ -n "$ns" ] && ip netns del "$ns" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

check() {  # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then
    passed=$((passed + 1)); echo "PASS: $what"
  else
    failed=$((failed + 1)); echo "FAIL: $what"
  fi
}

quiet() { "$@" > /dev/null; }

# No such process, or only a zombie waiting for its reaper: dnsmasq's
# daemonized child is reparented to whatever subreaper runs this test.
gone() { [ ! -e "/proc/$1" ] || [ "$(ps -o stat= -p "$1" | cut -c1)" = Z ]; }

# The first value of OPTION in the stanza file (empty if absent).
option() { sed -n "s/^[[:space:]]*$1[[:space:]]\+//p" "$2" | head -n1; }

# Runs inside `ip netns exec NS unshare -m`: private mounts, then ifup/ifdown
# and every check. Results go to stdout as PASS:/FAIL: lines.
inner() {  # inner FILE BRIDGE ROOT TMP
  local file=$1 br=$2 root=$3 tmp=$4
  set -u
  mount --make-rprivate / || { echo "FAIL: private mounts"; return; }
  if [ -d "$root/etc" ]; then
    mount -t overlay overlay -o "ro,lowerdir=$root/etc:/etc" /etc ||
      { echo "FAIL: overlay $root/etc on /etc"; return; }
  fi
  mount -t tmpfs tmpfs /run && mount -t tmpfs tmpfs /var/lib ||
    { echo "FAIL: tmpfs on /run and /var/lib"; return; }
  [ -d "$root/run" ] && cp -a "$root/run/." /run/
  ip link set lo up

  local addr mac mtu stp fd pidfile table want_stp dnsmasq_pid=""
  addr=$(option address "$file"); mac=$(option hwaddress "$file"); mac=${mac#ether }
  mtu=$(option mtu "$file"); stp=$(option bridge_stp "$file"); fd=$(option bridge_fd "$file")
  pidfile=$(sed -n 's/.*start-stop-daemon --start.*--pidfile \([^ ]*\) .*/\1/p' "$file" | head -n1)
  table=$(sed -n 's/.*nft delete table \([a-z0-9]*\) \([^ ]*\).*/table \1 \2/p' "$file" | head -n1)
  [ "$stp" = on ] && want_stp=1 || want_stp=0

  t() { if "${@:2}"; then echo "PASS: $br: $1"; else echo "FAIL: $br: $1"; fi; }
  mkdir -p "$tmp/state"
  ifup -v -i "$file" --state-dir="$tmp/state" "$br" > "$tmp/ifup.log" 2>&1
  t "ifup exits 0" test $? = 0
  # A failed hook leaves the interface unmarked, whatever ifup's exit status.
  t "ifup marked the interface configured" grep -qx "$br=$br" "$tmp/state/ifstate"
  t "bridge exists" test -d "/sys/class/net/$br/bridge"
  [ -n "$mac" ] && t "MAC is $mac" test "$(cat "/sys/class/net/$br/address" 2>/dev/null)" = "$mac"
  [ -n "$addr" ] && t "address $addr" bash -c "ip -o -4 addr show dev '$br' | grep -q ' inet $addr '"
  [ -n "$mtu" ] && t "MTU $mtu" test "$(cat "/sys/class/net/$br/mtu" 2>/dev/null)" = "$mtu"
  t "stp_state $want_stp" test "$(cat "/sys/class/net/$br/bridge/stp_state" 2>/dev/null)" = "$want_stp"
  t "forward_delay $((fd * 100))" \
    test "$(cat "/sys/class/net/$br/bridge/forward_delay" 2>/dev/null)" = "$((fd * 100))"
  if [ -n "$pidfile" ]; then
    t "dnsmasq pid file $pidfile" test -s "$pidfile"
    dnsmasq_pid=$(cat "$pidfile" 2>/dev/null)
    [ -n "$dnsmasq_pid" ] && echo "$dnsmasq_pid" >> "$tmp/pids"
    t "dnsmasq (pid ${dnsmasq_pid:-none}) runs" \
      test "$(readlink "/proc/${dnsmasq_pid:-0}/exe" 2>/dev/null)" = /usr/sbin/dnsmasq
  fi
  [ -n "$table" ] && t "nft $table loaded" bash -c "nft list tables | grep -qx '$table'"

  ifdown -v -i "$file" --state-dir="$tmp/state" "$br" > "$tmp/ifdown.log" 2>&1
  t "ifdown exits 0" test $? = 0
  t "bridge removed" test ! -e "/sys/class/net/$br"
  if [ -n "$dnsmasq_pid" ]; then
    t "dnsmasq (pid $dnsmasq_pid) stopped" gone "$dnsmasq_pid"
  fi
  [ -n "$table" ] && t "nft $table removed" bash -c "! nft list tables | grep -qx '$table'"
  [ -n "$dnsmasq_pid" ] && ! gone "$dnsmasq_pid" && kill "$dnsmasq_pid"
  return 0
}

for file in "${files[@]}"; do
  br=$(sed -n 's/^iface \([^ ]*\) inet.*/\1/p' "$file" | head -n1)
  if [ -z "$br" ]; then
    check "$file has an iface stanza" false
    continue
  fi
  check "ifquery parses $file" quiet ifquery -i "$file" "$br"
  case $file in
    "$root"/etc/*) check "ifquery --list names $br (auto)" bash -c "ifquery -i '$file' --list | grep -qx '$br'" ;;
  esac

  ns=vnifu-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
  ip netns add "$ns" || die "cannot create network namespace $ns"
  out=$(ip netns exec "$ns" unshare -m --propagation private \
          bash -c "$(declare -f option gone inner); inner \"\$@\"" inner "$file" "$br" "$root" "$tmp" 2>&1)
  echo "$out" | grep -v '^\(PASS\|FAIL\): ' | sed 's/^/  | /'
  while IFS= read -r line; do
    case $line in
      PASS:*) passed=$((passed + 1)); echo "$line" ;;
      FAIL:*) failed=$((failed + 1)); echo "$line" ;;
    esac
  done <<< "$out"
  if [ "$failed" -gt 0 ] && [ -f "$tmp/ifup.log" ]; then
    sed 's/^/  ifup | /' "$tmp/ifup.log"; sed 's/^/  ifdown | /' "$tmp/ifdown.log" 2>/dev/null
  fi
  ip netns del "$ns"; ns=""
  rm -rf "$tmp/state" "$tmp/ifup.log" "$tmp/ifdown.log"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
