# Helpers for the test bed's driver (boot.sh), run inside the VM.
# shellcheck shell=bash

OUT=/vmbed/out
RESULTS=$OUT/results

# result PASS|FAIL CHECK DETAIL...: one line per check, read by tests/host/run.sh.
result() {
  local verdict=$1 check=$2; shift 2
  echo "$verdict $BOOT $check $*" >>"$RESULTS"
  echo "vmbed: $verdict boot$BOOT $check $*"
  echo "vmbed: $verdict boot$BOOT $check" >/dev/ttyS0 2>/dev/null || true
}

# check NAME CMD...: PASS when CMD exits 0; FAIL with its output otherwise.
check() {
  local name=$1; shift
  local out
  if out=$("$@" 2>&1); then
    result PASS "$name"
  else
    result FAIL "$name" "($*): $(echo "$out" | tail -n 5 | tr '\n' '|')"
  fi
}

vn() { vnetctl "$@"; }

# not CMD...: succeeds when CMD fails (a check that something is kept out).
not() { ! "$@"; }

# run_op NAME CMD...: a vnetctl operation that must succeed (item 4's list).
run_op() { check "op:$1" "${@:2}"; }

# wait_for SECONDS CMD...: polls CMD until it succeeds.
wait_for() {
  local t=$1; shift
  local end=$((SECONDS + t))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -ge $end ] && return 1
    sleep 0.5
  done
}

uplink_ready() {
  ip -4 addr show dev uplink0 | grep -q 'inet 192.0.2.2/24' &&
    ip -4 route show default | grep -q 'via 192.0.2.1 dev uplink0' &&
    ip link show uplink0 | grep -q 'state UP'
}

# The uplink as the manager left it: link flags, addresses, routes.
uplink_state() {
  ip -o link show uplink0 | sed 's/ qlen.*//; s/link\/ether.*//'
  ip -o addr show dev uplink0 | sed 's/valid_lft.*//'
  ip route show table all dev uplink0 | grep -v 'table local\|^multicast' || true
}

# Item 4: ip monitor for the whole window in which vnetctl works.
monitor_start() {
  uplink_state >"$OUT/uplink-before-$BOOT"
  ip -o -t monitor link address route >"$OUT/monitor-$BOOT" 2>&1 &
  MONITOR_PID=$!
  sleep 0.5
}
monitor_stop() {
  sleep 1
  kill "$MONITOR_PID" 2>/dev/null || true
  wait "$MONITOR_PID" 2>/dev/null || true
  uplink_state >"$OUT/uplink-after-$BOOT"
  local events
  # Routes in table local (local, broadcast, anycast) are the kernel's own
  # bookkeeping of addresses and forwarding, not the manager's configuration.
  events=$(grep -E 'uplink0|^[^ ]+ +(Deleted )?default' "$OUT/monitor-$BOOT" |
    grep -v 'table local' || true)
  if [ -z "$events" ] && cmp -s "$OUT/uplink-before-$BOOT" "$OUT/uplink-after-$BOOT"; then
    result PASS uplink-undisturbed "$(wc -l <"$OUT/monitor-$BOOT") events, none on uplink0"
  else
    result FAIL uplink-undisturbed "$(echo "$events" | head -n 12 | tr '\n' '|')" \
      "state diff: $(diff "$OUT/uplink-before-$BOOT" "$OUT/uplink-after-$BOOT" | tr '\n' '|')"
  fi
}

# --- guests: a namespace per network, its eth0 a port of the bridge --------
guest_add() {  # NETWORK BRIDGE [MAC]
  local ns=g-$1 port=vg-$1
  ip netns del "$ns" 2>/dev/null || true
  ip netns add "$ns"
  ip link add "$port" type veth peer name eth0 netns "$ns"
  [ -n "${3:-}" ] && ip -n "$ns" link set eth0 address "$3"
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  ip link set "$port" master "$2" up
}
guest_del() { ip link del "vg-$1" 2>/dev/null || true; ip netns del "g-$1" 2>/dev/null || true; }

# guest_lease NETWORK: udhcpc in the guest; prints "IP ROUTER" on success.
guest_lease() {
  local f=$OUT/lease-$BOOT-$1
  rm -f "$f"
  LEASE_FILE=$f ip netns exec "g-$1" busybox udhcpc -i eth0 -f -q -n -t 20 -T 2 \
    -s /vmbed/udhcpc.script >"$OUT/udhcpc-$BOOT-$1.log" 2>&1 || true
  [ -s "$f" ] && cat "$f"
}

in_range() {  # IP A.B.C.LO HI
  local last=${1##*.}
  [ "${1%.*}" = "${2%.*}" ] && [ "$last" -ge "${2##*.}" ] && [ "$last" -le "$3" ]
}

# leased NETWORK A.B.C.LO HI: the guest's lease (guest_lease's output in
# $OUT/lease-NETWORK) is in the range. When it is not, says why as far as the
# host can tell: what udhcpc saw, the port's bridge state, and what the
# network's dnsmasq logged about DHCP.
leased() {
  local ip
  ip=$(cut -d' ' -f1 "$OUT/lease-$1" 2>/dev/null)
  in_range "$ip" "$2" "$3" && return 0
  echo "lease '${ip}'; udhcpc: $(tail -n 4 "$OUT/udhcpc-$BOOT-$1.log" 2>/dev/null | tr '\n' ';')"
  echo "port: $(bridge link show dev "vg-$1" 2>&1 | sed 's/.*master/master/')"
  journalctl -b --no-pager -o cat -t dnsmasq-dhcp | grep -v '^read ' | tail -n 3
  return 1
}

# --- network state ----------------------------------------------------------
list_state() {  # NAME -> the State column of `vnetctl list --all`
  vn list --all | awk -v n="$1" '$1 == n { print $2 }'
}
is_active() { [ "$(list_state "$1")" = active ]; }
is_inactive() { [ "$(list_state "$1")" = inactive ]; }
bridge_up() {  # BRIDGE CIDR
  [ -d "/sys/class/net/$1/bridge" ] && ip link show "$1" | grep -q '<.*UP' &&
    ip addr show dev "$1" | grep -q "inet6\? $2 "
}
bridge_gone() { ! ip link show "$1" >/dev/null 2>&1; }
nft_table() { nft list tables | grep -q "vnetctl_$1\$"; }
no_nft_table() { ! nft list tables | grep -q "vnetctl_$1\$"; }
no_dnsmasq() { ! pgrep -af dnsmasq | grep -q "[/=]$1[.]"; }
diff_clean() { vn diff "$1"; }
# diff_after_boot NAME: diff once the boot's work is done. A bridge its
# manager brings up late (NetworkManager activates after the boot counts as
# finished) starts its vnetctl-NAME.service from udev's device event: only
# once udev has settled and systemd has no job left is the network complete.
diff_after_boot() {
  boot_settled || { echo "still pending: $(systemctl list-jobs --no-legend | head -n 3)"; return 1; }
  vn diff "$1"
}
boot_settled() { udevadm settle --timeout=120 && wait_for 120 no_pending_jobs; }
no_pending_jobs() { [ -z "$(systemctl list-jobs --no-legend)" ]; }
# Nothing of NETWORK left in any manager's configuration or vnetctl's runtime.
no_files_left() {
  local hits
  hits=$(grep -rls -e "vnetctl-$1\b" -e "vnetctl_$1\b" /etc/systemd/network /run/systemd/network \
    /etc/NetworkManager/system-connections /run/NetworkManager/system-connections \
    /etc/netplan /run/netplan /lib/netplan /etc/network/interfaces /etc/network/interfaces.d \
    /etc/systemd/system /run/systemd/system /run/vnetctl 2>/dev/null || true)
  [ -z "$hits" ] || { echo "$hits"; return 1; }
}
no_failed_units() {
  local failed
  failed=$(systemctl list-units --failed --plain --no-legend | awk '{print $1}')
  [ -z "$failed" ] || { echo "$failed"; return 1; }
}

# --- libvirt: its daemon, a network taken over, a domain on it (issue 17) ----
LV_DROPIN=/etc/systemd/system/libvirtd.service.d/50-vnetctl.conf
# The daemon as Debian's libvirt-daemon-system runs it (disabled in the
# image), with qemu.conf as the namespace tests have it: no security driver
# (no AppArmor in the image), the domain's output to a file (no virtlogd).
stage_libvirt() {
  # libvirt's own `default` (libvirt-daemon-config-network) would autostart
  # on virbr0, which vnetctl's `default` holds here: libvirt refuses it
  # ("already in use") and logs an error at every boot.
  rm -f /etc/libvirt/qemu/networks/autostart/default.xml
  printf 'stdio_handler = "file"\nsecurity_driver = "none"\n' >>/etc/libvirt/qemu.conf
  systemctl enable libvirtd.service && systemctl start libvirtd.service
}
domain_running() { [ "$(virsh -q domstate lvdom 2>&1)" = running ]; }
# the domain's tap (libvirt names it vnetN) is a port of BRIDGE
tap_on() { ip -o link show master "$1" | grep -q ': vnet[0-9]*[@:]'; }
stand_in_active() {
  virsh -q net-list --name | grep -qx lvnet &&
    virsh net-dumpxml lvnet | grep -q "<forward mode='bridge'/>" &&
    virsh net-dumpxml lvnet | grep -q "vnetctl:stand-in"
}
libvirt_own_active() {
  virsh -q net-list --name | grep -qx lvnet &&
    virsh net-dumpxml lvnet | grep -q "<forward mode='nat'"
}
# What libvirt's daemon logged at this boot about a domain or network it
# could not start (autostart runs in the daemon, so nothing else reports it).
libvirt_errors() { journalctl -b --no-pager -o cat -u libvirtd.service -p err; }
no_libvirt_errors() {
  local errors
  errors=$(libvirt_errors | grep -iE 'autostart|lvdom|lvnet|virbr50' || true)
  [ -z "$errors" ] || { echo "$errors"; return 1; }
}
# started_after_device UNIT BRIDGE: UNIT left "inactive" (its start began)
# only once the bridge's device unit was active, by systemd's own clock. On
# NetworkManager without the boot-order drop-in, libvirtd started 8 s before
# NetworkManager made the bridge (seen in this bed; only libvirt's slow start
# under TCG kept its domain autostart from failing).
started_after_device() {
  local dev=sys-subsystem-net-devices-$2.device d u
  d=$(systemctl show -p ActiveEnterTimestampMonotonic --value "$dev")
  u=$(systemctl show -p InactiveExitTimestampMonotonic --value "$1")
  [ "${d:-0}" -gt 0 ] && [ "${u:-0}" -ge "$d" ] ||
    { echo "$dev active at ${d:-?} us; $1 started at ${u:-?} us"; return 1; }
}
