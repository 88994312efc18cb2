# shellcheck shell=bash
# The end-to-end topology: a "host" namespace running a real network manager
# and vnetctl, "guest" namespaces plugged into the networks' bridges taking
# DHCP leases with busybox udhcpc, and an "upstream" namespace behind the
# host with a TCP listener that tells each peer which address it sees.
# Builds on tests/native/lib.sh (holder process, daemons by PID, counting).
# Source it; it defines functions and E2E_* variables, and runs nothing.
#
#   upstream ns  vx 203.0.113.2/24 ── vu<ID> 203.0.113.1/24  host ns (default via .2)
#                                                    │
#                    guest ns  eth0 ── vp<NAME> (port of the network's bridge)
#
# Everything the host namespace writes under /etc, /var/lib and /run stays in
# the test's temporary directory (overlayfs + private tmpfs), so vnetctl's
# store starts fresh (only the built-in `default` network) and nothing
# survives the test.

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/native/lib.sh
source "$E2E_DIR/../native/lib.sh"

NETWORKD=/lib/systemd/systemd-networkd
E2E_UP_HOST=203.0.113.1   # the host's upstream address: NAT's source
E2E_UP_PEER=203.0.113.2   # the upstream namespace
E2E_UP_PORT=7000          # its tcpecho listener
E2E_GUEST_PORT=7001       # a guest's listener (routed network)
E2E_BACKEND=""
E2E_HOST_NS=""
E2E_UP_NS=""
E2E_MANAGER_PID=""
E2E_GUEST_NS=()           # every guest namespace, for cleanup
# shellcheck disable=SC2034 # read by the scripts that source this file
E2E_ROUTER=""             # the router the last e2e_dhcp lease named
# Directories vnetctl and the managers write in, masked by fresh empty
# directories (the host's own files there are never seen nor touched).
E2E_MASKED=(/etc/vnetctl /var/lib/vnetctl /etc/systemd/network /etc/netplan
  /etc/network/interfaces.d /etc/NetworkManager /var/lib/NetworkManager
  /lib/systemd/network /usr/lib/systemd/network /usr/local/lib/systemd/network
  /usr/share/dbus-1/system-services)
# What snapshot.py walks (after the masks and overlays: all private).
E2E_SNAPSHOT_ROOTS=(/run /etc/vnetctl /etc/systemd/network /etc/systemd/system /etc/netplan
  /etc/network /etc/NetworkManager /var/lib/vnetctl)

# Tools every backend needs; a missing one is a loud failure.
# shellcheck disable=SC2034 # used by the scripts that source this file
E2E_TOOLS=(ip nsenter unshare mount python3 busybox nft dnsmasq start-stop-daemon sysctl
  bridge timeout sha256sum iptables-nft iptables-legacy ufw ethtool firewalld firewall-cmd)

# e2e_tools_for BACKEND: the manager's own tools.
e2e_tools_for() {
  case $1 in
    networkd) echo "dbus-daemon networkctl $NETWORKD" ;;
    netplan) echo "dbus-daemon networkctl netplan $NETWORKD" ;;
    networkmanager) echo "dbus-daemon nmcli NetworkManager" ;;
    ifupdown) echo "ifup ifdown ifquery brctl" ;;
    *) die "unknown backend '$1'" ;;
  esac
}

# e2e_cleanup: the EXIT trap. Daemons by PID, then whatever is still running
# in this test's namespaces (a dnsmasq started by vnetctl), then namespaces
# and temporary directories (tests/native/lib.sh cleanup).
e2e_cleanup() {
  local i
  # timeout(1) signals the whole process group: a second TERM arriving
  # during cleanup must not cut it short.
  trap '' INT TERM
  for ((i = ${#VNT_PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${VNT_PIDS[i]}"; done
  stop_netns_processes "${VNT_NETNS[@]}"
  cleanup
}

e2e_install_trap() {
  trap e2e_cleanup EXIT
  trap 'exit 130' INT TERM
}

# e2e_nm_conf DIR: a private NetworkManager configuration: keyfiles only, no
# automatic connections, nothing touched outside the namespace, and the
# test's own veths (vp*, vu*) left alone: only vnetctl's bridges are NM's.
e2e_nm_conf() {
  mkdir -p "$1/system-connections" "$1/conf.d" "$1/dispatcher.d"
  cat >"$1/NetworkManager.conf" <<'EOF'
[main]
plugins=keyfile
no-auto-default=*
dns=none
rc-manager=unmanaged
hostname-mode=none
auth-polkit=root-only
firewall-backend=none

[keyfile]
unmanaged-devices=interface-name:vp*;interface-name:vu*;interface-name:lo

[logging]
level=INFO
EOF
}

# e2e_host_up BACKEND: the host namespace with BACKEND's manager running (or
# none for ifupdown), the upstream namespace and link, and the upstream
# listener. Sets E2E_HOST_NS, E2E_UP_NS, W (the work directory).
e2e_host_up() {
  E2E_BACKEND=$1
  make_tmpdir
  W=$REPLY
  make_ns vnh
  E2E_HOST_NS=$REPLY
  local setup
  setup="$(holder_private_etc_setup)
    $(holder_mask_dirs "${E2E_MASKED[@]}")
    mkdir -p /run/systemd/netif /run/systemd/network /run/network /run/NetworkManager
    chown systemd-network:systemd-network /run/systemd/netif 2>/dev/null || true"
  start_holder "$E2E_HOST_NS" "$W" "$setup"
  [[ $E2E_BACKEND == networkmanager ]] && e2e_nm_conf "$W/mask/etc/NetworkManager"
  [[ $(cat "$W/private-etc-mode") == overlay ]] ||
    echo "note: overlayfs unavailable, private copies of /etc/systemd/system and /etc/network instead"
  e2e_upstream_up
  e2e_manager_start
}

# e2e_upstream_up: the upstream namespace, its link to the host, the host's
# default route through it, and the listener.
e2e_upstream_up() {
  make_ns vnu
  E2E_UP_NS=$REPLY
  ip -n "$E2E_UP_NS" link add vx type veth peer name "vu$VNT_ID" netns "$E2E_HOST_NS" ||
    die "cannot create the upstream veth"
  ip -n "$E2E_UP_NS" link set lo up
  ip -n "$E2E_UP_NS" addr add "$E2E_UP_PEER/24" dev vx
  ip -n "$E2E_UP_NS" link set vx up
  in_ns ip addr add "$E2E_UP_HOST/24" dev "vu$VNT_ID"
  in_ns ip link set "vu$VNT_ID" up
  in_ns ip route add default via "$E2E_UP_PEER" || die "cannot add the host's default route"
  ip netns exec "$E2E_UP_NS" python3 "$E2E_DIR/tcpecho.py" serve 0.0.0.0 "$E2E_UP_PORT" \
    "$W/upstream-ready" >"$W/upstream.log" 2>&1 &
  VNT_PIDS+=($!)
  wait_for 5 test -e "$W/upstream-ready" || die "upstream listener did not start: $(cat "$W/upstream.log")"
}

# e2e_manager_start: starts BACKEND's manager in the host namespace (again,
# after e2e_manager_stop) and waits until it answers. ifupdown has none.
e2e_manager_start() {
  case $E2E_BACKEND in
    networkd | netplan)
      in_ns test -S /run/dbus/system_bus_socket || start_dbus
      start_daemon "$W/manager.log" env SYSTEMD_LOG_TARGET=console SYSTEMD_LOG_LEVEL=info "$NETWORKD"
      E2E_MANAGER_PID=$VNT_LAST_PID
      wait_for 10 in_ns networkctl list || die "networkd does not answer: $(tail -5 "$W/manager.log")"
      ;;
    networkmanager)
      in_ns test -S /run/dbus/system_bus_socket || start_dbus
      start_daemon "$W/manager.log" NetworkManager --no-daemon
      E2E_MANAGER_PID=$VNT_LAST_PID
      wait_for 15 bash -c "nsenter -t $VNT_HOLDER -m -n -- nmcli -t -f RUNNING general | grep -qx running" ||
        die "NetworkManager does not answer: $(tail -5 "$W/manager.log")"
      ;;
    ifupdown) E2E_MANAGER_PID="" ;;
  esac
}

# e2e_manager_stop: stops the manager by PID (the bridges it made stay, as
# when a daemon is restarted).
e2e_manager_stop() {
  [[ -n $E2E_MANAGER_PID ]] && forget_pid "$E2E_MANAGER_PID"
  E2E_MANAGER_PID=""
}

# e2e_manager_boot: what a reboot would run to bring autostarted networks up:
# netplan's generator before networkd; `ifup -a` (networking.service) for
# ifupdown, after clearing its runtime state as a reboot does.
e2e_manager_boot() {
  case $E2E_BACKEND in
    netplan)
      in_ns netplan generate || fail "netplan generate failed"
      e2e_manager_start
      ;;
    ifupdown)
      in_ns bash -c 'rm -f /run/network/ifstate /run/network/ifstate.*'
      in_ns ifup -a >"$W/ifup-a.log" 2>&1 || fail "ifup -a failed: $(tail -5 "$W/ifup-a.log")"
      ;;
    *) e2e_manager_start ;;
  esac
}

# e2e_reboot: what a reboot does to the host namespace, then what the boot
# runs: the manager and every dnsmasq stop, the bridges and the firewall
# vanish, /run starts empty (only the system bus survives here), then
# e2e_manager_boot, and systemd's part: each vnetctl-*.service wanted by a
# bridge's device unit starts once that bridge exists (e2e_run_unit). The
# test's own links (uplink, guests' ports) stay.
e2e_reboot() {
  local pid unit br
  e2e_manager_stop
  for pid in $(netns_pids "$(netns_inode "$E2E_HOST_NS")"); do
    [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == */dnsmasq ]] && stop_pid "$pid"
  done
  # shellcheck disable=SC2016 # expands in the namespace
  in_ns bash -c '
    for br in /sys/class/net/*/bridge; do
      [ -e "$br" ] || continue
      br=${br%/bridge}; ip link del "${br##*/}"
    done
    nft flush ruleset
    find /run -mindepth 1 -maxdepth 1 ! -name dbus -exec rm -rf {} +
    mkdir -p /run/systemd/netif /run/systemd/network /run/network /run/NetworkManager
    chown systemd-network:systemd-network /run/systemd/netif 2>/dev/null || true' \
    >"$W/reboot.log" 2>&1 || fail "reboot: $(tail -3 "$W/reboot.log")"
  e2e_manager_boot
  for unit in $(in_ns find /etc/systemd/system -path '*.device.wants/vnetctl-*.service' 2>/dev/null); do
    br=$(systemd-escape --unescape "$(basename "$(dirname "$unit")" .device.wants)")
    br=${br#sys/subsystem/net/devices/}
    if wait_for 30 link_up "$br"; then
      e2e_run_unit "$(in_ns readlink -f "$unit")"
    else
      fail "reboot: $br never came up, so $(basename "$unit") would not start"
    fi
  done
  # E2E_BOOT_LATE="CMD;CMD": what a service started late in the boot does
  # (docker.service after network-online.target), split on ';' and blanks.
  local cmd
  local -a late
  IFS=';' read -ra late <<<"${E2E_BOOT_LATE:-}"
  for cmd in "${late[@]}"; do
    # shellcheck disable=SC2086 # word list
    in_ns $cmd || fail "reboot: '$cmd' failed"
  done
}

link_up() { grep -q . <<<"$(in_ns ip link show dev "$1" up 2>/dev/null)"; }

# e2e_run_unit UNIT-FILE: starts a Type=forking or oneshot unit as systemd
# would: every ExecStartPre=, then ExecStart= (a leading '-' ignores a
# failure); on a failure, ExecStopPost=. No shell: systemd splits on blanks
# and vnetctl's values have none.
e2e_run_unit() {
  local line key cmd ok=1 log=$W/unit-$(basename "$1").log
  : >"$log"
  while IFS= read -r line; do
    key=${line%%=*} cmd=${line#*=}
    [[ $key == ExecStartPre || $key == ExecStart ]] || continue
    ((ok)) || break
    # shellcheck disable=SC2086 # systemd's word splitting
    in_ns ${cmd#-} >>"$log" 2>&1 || [[ $cmd == -* ]] || ok=0
  done < <(in_ns cat "$1")
  if ((ok)); then
    pass "boot: $(basename "$1") started"
  else
    fail "boot: $(basename "$1") failed: $(tail -3 "$log")"
    while IFS= read -r line; do
      [[ ${line%%=*} == ExecStopPost ]] || continue
      cmd=${line#*=}
      # shellcheck disable=SC2086
      in_ns ${cmd#-} >>"$log" 2>&1
    done < <(in_ns cat "$1")
  fi
}

# e2e_libvirtd_up: the real libvirtd in the host namespace (beside its manager, if any),
# with the private files it needs: user libvirt-qemu and group kvm in the
# private /etc (its QEMU driver refuses to start without them, and resolves
# the user before reading qemu.conf), empty private /etc/libvirt/qemu,
# /var/cache/libvirt and /var/log/libvirt, and a resolv.conf naming only the
# upstream namespace (so no dnsmasq ever forwards a query off the test's
# namespaces). Sets LIBVIRTD_PID and stops it by that PID in the cleanup.
# Used by the import test and the benchmarks.
e2e_libvirtd_up() {
  [[ $(cat "$W/private-etc-mode") == overlay ]] ||
    die "libvirtd needs overlayfs for a private /etc (to add user libvirt-qemu)"
  # shellcheck disable=SC2016 # expands in the namespace
  W=$W in_ns bash -c '
    set -e
    grep -q "^libvirt-qemu:" /etc/passwd ||
      echo "libvirt-qemu:x:64055:64055::/var/lib/libvirt:/usr/sbin/nologin" >>/etc/passwd
    grep -q "^libvirt-qemu:" /etc/group || echo "libvirt-qemu:x:64055:" >>/etc/group
    grep -q "^kvm:" /etc/group || echo "kvm:x:64056:" >>/etc/group
    rm -f /etc/resolv.conf
    echo "nameserver '"$E2E_UP_PEER"'" >/etc/resolv.conf
    # libvirt-daemon alone (without libvirt-daemon-system) makes none of
    # these: create them, only in this host'"'"'s private mounts (/etc is an
    # overlay, /var/lib private; /var/cache and /var/log get a private tmpfs
    # when they lack libvirt'"'"'s).
    mkdir -p /etc/libvirt/qemu /var/lib/libvirt
    # Its QEMU driver runs domains here without virtlogd or AppArmor
    # (../shared/docs/testing-on-real-hosts.md).
    grep -q "^security_driver" /etc/libvirt/qemu.conf 2>/dev/null ||
      printf "stdio_handler = \"file\"\nsecurity_driver = \"none\"\n" >>/etc/libvirt/qemu.conf
    for d in /var/cache /var/log; do
      [ -d $d/libvirt ] || { mount -t tmpfs vnt-libvirt $d && mkdir $d/libvirt; } || exit 1
    done
    for d in /etc/libvirt/qemu /var/cache/libvirt /var/log/libvirt; do
      mkdir -p "$W/mask$d"
      mount --bind "$W/mask$d" "$d"
    done
    mkdir -p /run/libvirt' >"$W/libvirt-setup.log" 2>&1 ||
    die "private files for libvirtd: $(cat "$W/libvirt-setup.log")"
  in_ns env LIBVIRT_LOG_OUTPUTS="3:file:$W/libvirtd.log" libvirtd -d -p /run/libvirt/libvirtd.pid \
    >"$W/libvirtd.out" 2>&1 || die "libvirtd did not start: $(tail -5 "$W/libvirtd.out")"
  wait_for 10 in_ns test -s /run/libvirt/libvirtd.pid || die "libvirtd wrote no pid file"
  LIBVIRTD_PID=$(in_ns cat /run/libvirt/libvirtd.pid)
  VNT_PIDS+=("$LIBVIRTD_PID")
  wait_for 20 in_ns virsh -c qemu:///system net-list ||
    die "libvirtd does not answer: $(tail -5 "$W/libvirtd.log")"
}

# e2e_guest NAME BRIDGE [MAC]: a guest namespace whose eth0 is plugged into
# BRIDGE through port vpNAME (NAME: a few characters). Sets REPLY to the
# guest namespace.
e2e_guest() {
  local name=$1 br=$2 mac=${3:-} gns
  make_ns "vng$name"
  gns=$REPLY
  E2E_GUEST_NS+=("$gns")
  ip -n "$gns" link add eth0 type veth peer name "vp$name" netns "$E2E_HOST_NS" ||
    { fail "guest $name: cannot create its veth"; return 1; }
  ip -n "$gns" link set lo up
  [[ -n $mac ]] && ip -n "$gns" link set eth0 address "$mac"
  ip -n "$gns" link set eth0 up
  in_ns ip link set "vp$name" master "$br" up || { fail "guest $name: cannot plug into $br"; return 1; }
  REPLY=$gns
}

# e2e_port_forwarding NAME: the guest's bridge port forwards (STP done).
e2e_port_forwarding() {
  grep -q '"state":"forwarding"' <<<"$(in_ns bridge -j link show dev "vp$1")"
}

# e2e_dhcp NAME GUESTNS: runs udhcpc in the guest (short timeouts: up to ~12
# s, enough for STP's listening/learning with a 2 s delay). Sets REPLY to the
# leased address ("" on failure) and E2E_ROUTER to the router it got ("-"
# for none).
e2e_dhcp() {
  local name=$1 gns=$2 lease=$W/lease-$1
  rm -f "$lease"
  wait_for 10 e2e_port_forwarding "$name"
  E2E_LEASE_FILE=$lease timeout 30 ip netns exec "$gns" busybox udhcpc -i eth0 -n -q \
    -t 8 -T 1 -A 1 -x "hostname:guest-$name" -s "$E2E_DIR/udhcpc.script" >"$W/udhcpc-$name.log" 2>&1
  REPLY="" E2E_ROUTER=""
  # shellcheck disable=SC2034 # E2E_ROUTER is read by callers
  if [[ -s $lease ]]; then read -r REPLY E2E_ROUTER <"$lease"; fi
  [[ -n $REPLY ]]
}

# e2e_guest_mac NAME: eth0's MAC in guest namespace of NAME.
e2e_guest_mac() { ip -n "vng$1-$VNT_ID" -j link show dev eth0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])'; }

# e2e_guest_nat NAME BRIDGE WHERE: a guest on BRIDGE (e2e_guest) takes a
# lease and reaches the upstream namespace through NAT ("NAT WHERE"); its
# namespace in REPLY.
e2e_guest_nat() {
  local gns
  e2e_guest "$1" "$2" || return 1
  gns=$REPLY
  if e2e_dhcp "$1" "$gns"; then
    check_eq "NAT $3" "$E2E_UP_HOST" "$(e2e_connect "$gns" "$E2E_UP_PEER" "$E2E_UP_PORT" 2>&1)"
  else
    fail "no lease $3: $(tail -3 "$W/udhcpc-$1.log")"
  fi
  REPLY=$gns
}

# e2e_connect NS ADDR PORT: connects from namespace NS (a plain one: guest or
# upstream) to ADDR:PORT; prints the address the listener saw us as.
e2e_connect() { timeout 10 ip netns exec "$1" python3 "$E2E_DIR/tcpecho.py" connect "$2" "$3" 3; }

# e2e_guest_listen GUESTNS NAME: a tcpecho listener in the guest.
e2e_guest_listen() {
  ip netns exec "$1" python3 "$E2E_DIR/tcpecho.py" serve 0.0.0.0 "$E2E_GUEST_PORT" \
    "$W/guest-$2-ready" >"$W/guest-$2.log" 2>&1 &
  VNT_PIDS+=($!)
  wait_for 5 test -e "$W/guest-$2-ready"
}

# e2e_in_range IP FIRST LAST: IP lies within [FIRST, LAST] (IPv4).
e2e_in_range() {
  python3 -c 'import ipaddress as i, sys; a, f, l = map(i.ip_address, sys.argv[1:]); sys.exit(0 if f <= a <= l else 1)' "$@" 2>/dev/null
}

# e2e_snapshot FILE: snapshot of the host namespace (snapshot.py).
e2e_snapshot() {
  in_ns python3 "$E2E_DIR/snapshot.py" take "${E2E_SNAPSHOT_ROOTS[@]}" >"$1" 2>"$W/snap.err" ||
    fail "snapshot failed: $(tail -3 "$W/snap.err")"
}

# e2e_snapshot_same WHAT BEFORE: takes snapshots for up to 10 s until one
# equals BEFORE (daemons settle asynchronously); passes or fails with the diff.
e2e_snapshot_same() {
  local what=$1 before=$2 after=$W/snap-after i same=1
  for ((i = 0; i < 10; i++)); do
    e2e_snapshot "$after"
    python3 "$E2E_DIR/snapshot.py" compare "$before" "$after" >"$W/snap-diff" && { same=0; break; }
    sleep 1
  done
  if ((same == 0)); then
    pass "$what: host snapshot unchanged"
  else
    fail "$what: host snapshot changed:"
    sed 's/^/    /' "$W/snap-diff" | head -60 >&2
  fi
}

# e2e_dnsmasq_for NET BRIDGE: PIDs of dnsmasq processes in the host
# namespace serving NET (its configuration file or its bridge named on the
# command line).
e2e_dnsmasq_for() {
  local ino pid c
  ino=$(netns_inode "$E2E_HOST_NS")
  for pid in $(netns_pids "$ino"); do
    [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == */dnsmasq ]] || continue
    c=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)
    [[ $c == *"/$1.conf"* || $c == *"$2"* ]] && echo "$pid"
  done
}

# e2e_has_addr DEV ADDR/PREFIX: the host's DEV has that address.
# Never `ip ... | grep -q` under pipefail: ip writes each address on its own,
# grep -q leaves at the first match, and ip's next write then dies of SIGPIPE
# -- the check fails while the address is there (seen under CI's load).
e2e_has_addr() { grep -q " ${2} " <<<"$(in_ns ip -o addr show dev "$1" 2>/dev/null)"; }
