#!/usr/bin/env bash
# activation.sh VNETCTL [ACTIVATION_COMMANDS]: proves each backend's
# activation commands (Backend::Up/Down/Forget and companion_runtime.h) on the
# real manager, as `vnetctl start` / `destroy` and a drift repair will run
# them. For each of networkd, netplan, NetworkManager and ifupdown, in its own
# private network namespace (tests/native/lib.sh):
#   1. render the `default` golden case with --placement runtime and copy the
#      files to their /run paths in the namespace;
#   2. start: [FirewallUp, ForwardingUp] → Up → bridge + address → [DnsmasqStart]
#      (brackets: unless the backend's own hooks run the companions);
#   3. check the bridge, its address, the nft table, ip_forward and dnsmasq;
#   4. remove the address by hand, repair ([Down if ReapplyNeedsDown] + Up),
#      check it is back (and, for NetworkManager, the same with
#      NetworkManagerReapply, which must also keep the bridge's ports);
#   5. destroy: [DnsmasqStop] → Down → remove the files → Forget →
#      [FirewallDown]; check no link, table, dnsmasq or profile remains.
# The commands come from ACTIVATION_COMMANDS (tests/native/activation_commands.cpp,
# default: next to VNETCTL under tests/), never from this script. Prints
# every command run and "N passed, N failed".
set -uo pipefail
export PATH=$PATH:/usr/sbin:/sbin
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/native/lib.sh
source "$here/lib.sh"
# shellcheck source=tests/native/networkd.sh
source "$here/networkd.sh"

VNETCTL=${1:?usage: activation.sh VNETCTL [ACTIVATION_COMMANDS]}
COMMANDS=${2:-$(dirname "$VNETCTL")/tests/vnet_activation_commands}
INPUT=$here/../golden/default/input.xml
BR=virbr0
ADDR=192.168.122.1/24
TABLE=vnetctl_default
PIDFILE=/run/vnetctl/dnsmasq/default.pid
NM_UUID=""  # read from the rendered keyfile

# ---- running the commands under test -------------------------------------

# run_step BACKEND STEP: runs every command of STEP inside the namespace; a
# failing "must" command is a failure, a failing "may_fail" one a note.
run_step() {
  local backend=$1 step=$2 line kind out rc l ok=0
  local -a argv
  while IFS= read -r line; do
    IFS=$'\t' read -r -a argv <<<"$line"
    kind=${argv[0]}
    argv=("${argv[@]:1}")
    if [[ $kind == must ]]; then echo "[#] ${argv[*]}"; else echo "[#] ${argv[*]}   (may fail)"; fi
    out=$(in_ns "${argv[@]}" 2>&1)
    rc=$?
    [[ -n $out ]] && while IFS= read -r l; do echo "    | $l"; done <<<"$out"
    if ((rc != 0)); then
      if [[ $kind == must ]]; then
        fail "$backend $step: '${argv[*]}' exited $rc"
        ok=1
      else
        echo "    (exited $rc; allowed)"
      fi
    fi
  done < <("$COMMANDS" "$backend" "$INPUT" runtime "$step")
  return $ok
}

# flag BACKEND runs-companions|reapply-needs-down: "yes" or "no".
flag() { "$COMMANDS" "$1" "$INPUT" runtime "$2"; }

# ---- what the host looks like ---------------------------------------------

has_link() { in_ns ip link show dev "$BR" >/dev/null 2>&1; }
has_addr() { grep -q " inet $ADDR " <<<"$(in_ns ip -o -4 addr show dev "$BR" 2>/dev/null)"; }
has_table() { in_ns nft list table inet "$TABLE" >/dev/null 2>&1; }
dnsmasq_pid() { in_ns cat "$PIDFILE" 2>/dev/null; }
is_dnsmasq() { [[ -n $1 && $(readlink "/proc/$1/exe" 2>/dev/null) == /usr/sbin/dnsmasq ]]; }
# No such process, or a zombie waiting for whatever reaps daemonized children.
is_gone() { [[ ! -e /proc/$1 || $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) == Z ]]; }
port_attached() { grep -q "$1" <<<"$(in_ns ip -o link show master "$BR" 2>/dev/null)"; }
link_gone() { ! has_link; }

# ---- per-backend namespaces -------------------------------------------------

DNSMASQ_PIDS=()  # every dnsmasq the commands under test started

# stop_dnsmasqs: a dnsmasq left behind by a failed destroy, by its PID, and
# only while that PID is still a dnsmasq.
stop_dnsmasqs() {
  local pid
  for pid in "${DNSMASQ_PIDS[@]}"; do
    is_dnsmasq "$pid" && ! is_gone "$pid" && kill "$pid"
  done
  DNSMASQ_PIDS=()
}

# teardown: stops this backend's daemons (by PID) and deletes its namespace,
# so the next backend starts from nothing.
teardown() {
  local i
  stop_dnsmasqs
  for ((i = ${#VNT_PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${VNT_PIDS[i]}"; done
  for i in "${VNT_NETNS[@]}"; do ip netns del "$i" 2>/dev/null; done
  VNT_PIDS=()
  VNT_NETNS=()
}

# A private /var/lib (dnsmasq's leases) and /etc/netplan in the holder.
private_state() {
  in_ns mount -t tmpfs vnetctl-varlib /var/lib || die "cannot mount a private /var/lib"
}

start_networkd() {
  mkdir -p "$W/etc" "$W/run" "$W/etc-netplan"
  nd_start "$W/etc" "$W/run"
  private_state
  in_ns mount --bind "$W/etc-netplan" /etc/netplan || die "cannot mount a private /etc/netplan"
}

start_networkmanager() {
  mkdir -p "$W"/{etc-nm/system-connections,var-nm,run-nm,empty}
  cat >"$W/etc-nm/NetworkManager.conf" <<'EOF'
[main]
plugins=keyfile
no-auto-default=*
dns=none
rc-manager=unmanaged
hostname-mode=none
auth-polkit=root-only
firewall-backend=none
EOF
  make_ns vnt-act-nm
  start_holder "$REPLY" "$W" "
    mount -t tmpfs vnetctl-varlib /var/lib
    mkdir -p /run/NetworkManager /var/lib/NetworkManager
    mount --bind '$W/run-nm' /run/NetworkManager
    mount --bind '$W/etc-nm' /etc/NetworkManager
    mount --bind '$W/var-nm' /var/lib/NetworkManager
    mount --bind '$W/empty' /usr/share/dbus-1/system-services"
  start_dbus
  start_daemon "$W/nm.log" /usr/sbin/NetworkManager --no-daemon
  wait_for 30 bash -c "nsenter -t $VNT_HOLDER -m -n -- nmcli -t -f RUNNING general | grep -qx running" ||
    die "NetworkManager did not start: $(tail -5 "$W/nm.log")"
}

start_ifupdown() {
  make_ns vnt-act-ifu
  start_holder "$REPLY" "$W" "mount -t tmpfs vnetctl-varlib /var/lib"
}

# install_files BACKEND: renders the golden case for a started network and
# copies every file to its path inside the namespace.
install_files() {
  local backend=$1 out=$W/render f rel
  rm -rf "$out"
  "$VNETCTL" render "$INPUT" --backend "$backend" --placement runtime --output "$out" \
    >/dev/null 2>"$W/render.err" || die "render for $backend: $(cat "$W/render.err")"
  FILES=()
  while IFS= read -r f; do
    rel=/${f#"$out"/}
    FILES+=("$rel")
    in_ns mkdir -p "$(dirname "$rel")"
    in_ns cp -P --preserve=mode "$f" "$rel" || die "cannot copy $rel into the namespace"
  done < <(find "$out" -type f -o -type l | sort)
  check_eq "$backend: every runtime file is under /run" "" \
    "$(printf '%s\n' "${FILES[@]}" | grep -v '^/run/')"
  echo "files: ${FILES[*]}"
  if [[ $backend == networkmanager ]]; then
    NM_UUID=$(sed -n 's/^uuid=//p' "$out"/run/NetworkManager/system-connections/*.nmconnection)
  fi
}

# ---- the scenario -------------------------------------------------------------

start_network() {
  local b=$1
  if [[ $(flag "$b" runs-companions) == no ]]; then
    run_step "$b" firewall-up
    run_step "$b" forwarding-up
  fi
  run_step "$b" up
  check "$b: bridge $BR with $ADDR after Up" wait_for 20 has_addr
  [[ $(flag "$b" runs-companions) == no ]] && run_step "$b" dnsmasq-start
  check "$b: nft table inet $TABLE" has_table
  check_eq "$b: net.ipv4.ip_forward" 1 "$(in_ns cat /proc/sys/net/ipv4/ip_forward)"
  check "$b: dnsmasq pid file" wait_for 10 in_ns test -s "$PIDFILE"
  DNSMASQ_PID=$(dnsmasq_pid)
  if is_dnsmasq "$DNSMASQ_PID"; then
    DNSMASQ_PIDS+=("$DNSMASQ_PID")
    pass "$b: dnsmasq runs (pid $DNSMASQ_PID)"
  else
    fail "$b: dnsmasq does not run (pid file: '${DNSMASQ_PID}')"
  fi
}

# repair BACKEND STEP...: removes the address by hand, runs STEPs, checks it
# is back. A veth port on the bridge shows whether the repair keeps ports.
repair() {
  local b=$1 port=vp$RANDOM peer=vq$RANDOM s
  shift
  if ! in_ns ip link add "$port" type veth peer name "$peer" ||
    ! in_ns ip link set "$port" master "$BR" up || ! in_ns ip link set "$peer" up; then
    fail "$b: cannot attach a veth port"
  fi
  in_ns ip addr del "$ADDR" dev "$BR"
  check "$b: address removed by hand" bash -c "! nsenter -t $VNT_HOLDER -m -n -- ip -o addr show dev $BR | grep -q ' inet '"
  for s in "$@"; do run_step "$b" "$s"; done
  check "$b: repair ($*) restores $ADDR" wait_for 20 has_addr
  if [[ $* == reapply ]]; then
    check "$b: reapply keeps the bridge's port" port_attached "$port"
  elif port_attached "$port"; then
    echo "note: $b: the repair ($*) kept the bridge's port"
  else
    echo "note: $b: the repair ($*) detached the bridge's port"
  fi
  in_ns ip link del "$port" 2>/dev/null
  local pid; pid=$(dnsmasq_pid)
  if is_dnsmasq "$pid"; then
    DNSMASQ_PIDS+=("$pid")
    pass "$b: dnsmasq runs after the repair (pid $pid)"
    [[ $pid != "$DNSMASQ_PID" ]] &&
      check "$b: the dnsmasq before the repair (pid $DNSMASQ_PID) stopped" is_gone "$DNSMASQ_PID"
    DNSMASQ_PID=$pid
  else
    fail "$b: dnsmasq does not run after the repair"
  fi
}

destroy_network() {
  local b=$1 f
  local companions; companions=$(flag "$b" runs-companions)
  [[ $companions == no ]] && run_step "$b" dnsmasq-stop
  run_step "$b" down
  for f in "${FILES[@]}"; do in_ns rm -f "$f"; done
  echo "[files removed]"
  run_step "$b" forget
  [[ $companions == no ]] && run_step "$b" firewall-down
  check "$b: no link $BR after destroy" wait_for 10 link_gone
  check "$b: no nft table after destroy" bash -c "! nsenter -t $VNT_HOLDER -m -n -- nft list table inet $TABLE >/dev/null 2>&1"
  check "$b: dnsmasq (pid $DNSMASQ_PID) stopped" wait_for 10 is_gone "$DNSMASQ_PID"
}

check_forgotten() {
  local b=$1
  case $b in
    networkd | netplan)
      check "$b: networkd lists no $BR" bash -c "! nsenter -t $VNT_HOLDER -m -n -- networkctl list --no-legend | grep -qw $BR"
      [[ $b == netplan ]] && check_eq "netplan: generated files removed" "" \
        "$(in_ns find /run/systemd/network -name "10-netplan-$BR.*")"
      ;;
    networkmanager)
      check "networkmanager: profile $NM_UUID forgotten" bash -c \
        "! nsenter -t $VNT_HOLDER -m -n -- nmcli -t -f UUID connection show | grep -qx '$NM_UUID'"
      ;;
    ifupdown)
      check "ifupdown: $BR not marked configured" bash -c \
        "! nsenter -t $VNT_HOLDER -m -n -- grep -qs '^$BR=' /run/network/ifstate"
      ;;
  esac
}

scenario() {
  local b=$1 t0=$SECONDS
  echo "=== $b"
  make_tmpdir
  W=$REPLY
  case $b in
    networkd | netplan) start_networkd ;;
    networkmanager) start_networkmanager ;;
    ifupdown) start_ifupdown ;;
  esac
  install_files "$b"
  echo "--- start"
  start_network "$b"
  echo "--- repair"
  if [[ $(flag "$b" reapply-needs-down) == yes ]]; then repair "$b" down up; else repair "$b" up; fi
  if [[ $b == networkmanager ]]; then
    echo "--- repair keeping ports (NetworkManagerReapply)"
    repair "$b" reapply
  fi
  echo "--- destroy"
  destroy_network "$b"
  check_forgotten "$b"
  teardown
  echo "($b: $((SECONDS - t0)) s)"
}

main() {
  require_root
  require_tools ip nsenter unshare dbus-daemon nft start-stop-daemon networkctl netplan nmcli \
    NetworkManager ifup ifdown "$NETWORKD" "$VNETCTL" "$COMMANDS"
  install_cleanup_trap
  trap 'stop_dnsmasqs; cleanup' EXIT
  local b
  for b in networkd netplan networkmanager ifupdown; do scenario "$b"; done
  summary
}

main "$@"
