# shellcheck shell=bash
# Shared helpers for tests/native/*.sh: private network + mount namespaces,
# daemons started by PID and stopped by PID, polling, and pass/fail counting.
# Source it; it defines functions and a few VNT_* variables, and runs nothing.
#
# The recipe follows shared/docs/testing-with-real-daemons.md:
#   - every namespace and temporary directory carries a random suffix;
#   - everything runs inside a "holder" process: `ip netns exec NS unshare -m`
#     with /sys remounted read-only (so daemons do not wait for udev) and a
#     private tmpfs on /run (so no daemon touches the host's /run);
#   - daemons are remembered by PID and stopped by PID in the EXIT trap;
#     nothing is ever killed by name.

VNT_PASSED=0
VNT_FAILED=0
VNT_ID=$(od -An -N4 -tx4 /dev/urandom | tr -d ' \n')
VNT_PIDS=()       # daemons, stopped in reverse order
VNT_NETNS=()      # namespaces, deleted after the daemons
VNT_TMPDIRS=()    # removed last
VNT_HOLDER=""     # PID of the process holding the current mount namespace

pass() { VNT_PASSED=$((VNT_PASSED + 1)); echo "PASS: $*"; }
fail() { VNT_FAILED=$((VNT_FAILED + 1)); echo "FAIL: $*" >&2; }

# check_eq WHAT EXPECTED ACTUAL
check_eq() {
  if [[ "$2" == "$3" ]]; then pass "$1 = $3"; else fail "$1: expected '$2', got '$3'"; fi
}

# check WHAT CMD...: passes if CMD exits 0.
check() {
  local what=$1; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

# Prints "N passed, N failed"; returns non-zero if anything failed or nothing ran.
summary() {
  echo "$VNT_PASSED passed, $VNT_FAILED failed"
  [[ $VNT_FAILED -eq 0 && $VNT_PASSED -gt 0 ]]
}

# die MESSAGE: a setup problem; counted as a failure, the script stops.
die() {
  fail "$*"
  summary
  exit 1
}

require_root() { [[ $(id -u) -eq 0 ]] || die "must run as root (network namespaces)"; }

# require_tools TOOL...: a missing tool is a loud failure, never a skip.
require_tools() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || [[ -x $t ]] || die "required tool '$t' is not installed"
  done
}

# make_tmpdir: sets REPLY to a new private directory, removed by cleanup.
# (Not "$(make_tmpdir)": a subshell could not register it for cleanup.)
make_tmpdir() {
  REPLY=$(mktemp -d "/tmp/vnetctl-native-$VNT_ID.XXXXXX") || die "mktemp failed"
  VNT_TMPDIRS+=("$REPLY")
}

# stop_pid PID: SIGTERM, up to 5 s, then SIGKILL. Only PIDs this script started.
stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null
}

cleanup() {
  local i
  for ((i = ${#VNT_PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${VNT_PIDS[i]}"; done
  for i in "${VNT_NETNS[@]}"; do ip netns del "$i" 2>/dev/null; done
  for i in "${VNT_TMPDIRS[@]}"; do rm -rf -- "$i"; done
}

# install_cleanup_trap: call once, before creating anything.
install_cleanup_trap() {
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}

# make_ns PREFIX: creates network namespace PREFIX-$VNT_ID; sets REPLY to it.
make_ns() {
  REPLY="$1-$VNT_ID"
  ip netns add "$REPLY" || die "ip netns add $REPLY failed"
  VNT_NETNS+=("$REPLY")
}

# wait_for SECONDS CMD...: polls CMD every 0.1 s until it succeeds.
wait_for() {
  local secs=$1 i; shift
  for ((i = 0; i < secs * 10; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

# start_holder NS WORKDIR [SETUP]: starts the process whose mount namespace
# every later in_ns command shares. SETUP is bash run inside it (as root,
# after /sys is read-only and /run is a private tmpfs) to bind-mount private
# configuration; WORKDIR is exported to it as $W. Sets VNT_HOLDER.
start_holder() {
  local ns=$1 w=$2 setup=${3:-:}
  # shellcheck disable=SC2016 # $W and $d expand in the inner shell
  W=$w ip netns exec "$ns" unshare -m --propagation private bash -c '
    set -e
    mount -o remount,ro,bind /sys
    mount -t tmpfs -o mode=0755 vnetctl-run /run
    mkdir -p /run/dbus /run/systemd
    ip link set lo up
    '"$setup"'
    touch "$W/holder-ready"
    exec sleep infinity' >"$w/holder.log" 2>&1 &
  VNT_HOLDER=$!
  VNT_PIDS+=("$VNT_HOLDER")
  wait_for 10 test -e "$w/holder-ready" || die "namespace setup failed: $(cat "$w/holder.log")"
}

# in_ns CMD...: runs CMD in the holder's network and mount namespaces.
in_ns() { nsenter -t "$VNT_HOLDER" -m -n -- "$@"; }

# start_dbus: a private system bus inside the holder (for networkctl, nmcli).
start_dbus() {
  local pid
  pid=$(in_ns dbus-daemon --system --fork --print-pid) || die "dbus-daemon failed to start"
  VNT_PIDS+=("$pid")
  wait_for 5 in_ns test -S /run/dbus/system_bus_socket || die "private system bus did not appear"
}

# start_daemon LOG CMD...: starts CMD in the holder, in the background, with
# stdout+stderr to LOG; registers its PID and sets VNT_LAST_PID. nsenter is
# exec'ed directly (not through a function, which would fork a subshell) and
# without -p execs CMD itself, so the PID is the daemon's own.
start_daemon() {
  local log=$1; shift
  nsenter -t "$VNT_HOLDER" -m -n -- "$@" >"$log" 2>&1 &
  VNT_LAST_PID=$!
  VNT_PIDS+=("$VNT_LAST_PID")
}

# json_get JSON PYEXPR: evaluates PYEXPR on the parsed JSON `j` with python3
# and prints the result ('' for None, 1/0 for booleans).
json_get() {
  python3 -c '
import json, sys
j = json.loads(sys.argv[1])
try:
    v = eval(sys.argv[2])
except (KeyError, IndexError, TypeError):
    v = None
print("" if v is None else (int(v) if isinstance(v, bool) else v))' "$1" "$2"
}

# --- Additions for tests/e2e (the functions above are unchanged) -------------

# holder_private_etc_setup: prints bash for start_holder's SETUP that makes
# /etc and /var/lib private to the test: an overlayfs on each, the upper
# (written) layer in $W/etc-upper and $W/varlib-upper, so every file a
# manager or vnetctl writes there lands in the test's temporary directory and
# vanishes with it, while the distribution's files stay readable. Where
# overlayfs is unavailable it falls back to bind-mounting private copies of
# /etc/systemd/system and /etc/network (the only pre-populated directories a
# manager or vnetctl writes in); callers mask the rest with holder_mask_dirs.
holder_private_etc_setup() {
  # shellcheck disable=SC2016 # expands in the holder
  echo '
    mkdir -p "$W/etc-upper" "$W/etc-work" "$W/varlib-upper" "$W/varlib-work"
    if mount -t overlay vnt-etc -o "lowerdir=/etc,upperdir=$W/etc-upper,workdir=$W/etc-work" /etc &&
       mount -t overlay vnt-varlib -o "lowerdir=/var/lib,upperdir=$W/varlib-upper,workdir=$W/varlib-work" /var/lib; then
      echo overlay >"$W/private-etc-mode"
    else
      for d in /etc/systemd/system /etc/network; do
        mkdir -p "$W/copy$d"; cp -a "$d/." "$W/copy$d/"; mount --bind "$W/copy$d" "$d"
      done
      echo bind-copies >"$W/private-etc-mode"
    fi'
}

# holder_mask_dirs DIR...: prints bash for SETUP (after
# holder_private_etc_setup) that bind-mounts a fresh empty directory
# ($W/mask/DIR) over each DIR, so the test sees none of the host's files there
# and everything written there stays private. A missing DIR is created only
# inside the /etc or /var/lib overlay; elsewhere it is left alone, and
# without the overlay a missing DIR under /etc or /var/lib stops the setup
# (creating it would write on the host).
holder_mask_dirs() {
  local d
  for d in "$@"; do
    # shellcheck disable=SC2016 # expands in the holder
    printf '
    d=%q; mkdir -p "$W/mask$d"
    if [ -d "$d" ]; then mount --bind "$W/mask$d" "$d"
    elif [ "$(cat "$W/private-etc-mode")" = overlay ] && case $d in /etc/* | /var/lib/*) true ;; *) false ;; esac; then
      mkdir -p "$d"; mount --bind "$W/mask$d" "$d"
    elif case $d in /etc/* | /var/lib/*) true ;; *) false ;; esac; then
      echo "cannot make $d private: it does not exist and /etc has no overlay" >&2; exit 1
    fi' "$d"
  done
  echo
}

# netns_inode NS: the inode identifying network namespace NS (as in
# /proc/PID/ns/net, "net:[INODE]").
netns_inode() { stat -L -c %i "/run/netns/$1" 2>/dev/null; }

# netns_pids INODE: PIDs of every process in the network namespace INODE.
netns_pids() {
  local p
  for p in /proc/[0-9]*; do
    [[ $(readlink "$p/ns/net" 2>/dev/null) == "net:[$1]" ]] && echo "${p#/proc/}"
  done
}

# stop_netns_processes NS...: stops, by PID, every process still running in
# the namespaces this script created (e.g. a dnsmasq a tested command
# daemonized): nothing outside them is ever signalled.
stop_netns_processes() {
  local ns ino pid
  for ns in "$@"; do
    ino=$(netns_inode "$ns") || continue
    [[ -n $ino ]] || continue
    for pid in $(netns_pids "$ino"); do stop_pid "$pid"; done
  done
}

# forget_pid PID: stops PID and drops it from the cleanup list (a daemon the
# test restarts), so cleanup never signals a reused PID.
forget_pid() {
  local pid=$1 i
  stop_pid "$pid"
  for i in "${!VNT_PIDS[@]}"; do [[ ${VNT_PIDS[i]} == "$pid" ]] && unset 'VNT_PIDS[i]'; done
  VNT_PIDS=("${VNT_PIDS[@]}")
}
