# shellcheck shell=bash
# A fleet of real hosts on one machine, for the Ansible collection's tests.
# Each host is a network namespace with a holder (tests/native/lib.sh) whose
# /etc and /var/lib are overlays and /run a tmpfs (tests/e2e/lib.sh), its own
# manager (e2e_manager_start) and its own sshd, listening on an address of a
# link to the controller namespace, where ansible-playbook runs:
#
#   controller ns  br0 198.51.100.1/24 ── vc<I> ═ vuc<I> 198.51.100.1<I>/24  host ns I (sshd, manager)
#
# Source it after tests/e2e/lib.sh; it defines functions and FLEET_* arrays.

FLEET_NET=198.51.100
FLEET_CTL_NS=""
FLEET_HOLDER=()   # per host index: the holder PID (its mount + network namespace)
FLEET_W=()        # per host index: its work directory
FLEET_NS=()       # per host index: its network namespace
FLEET_BACKEND=()  # per host index: its manager / vnetctl backend
FLEET_T=""        # the controller's directory: key, inventory, ansible.cfg, collections

# fleet_use I: makes host I the one e2e_* and in_ns functions act on.
fleet_use() {
  VNT_HOLDER=${FLEET_HOLDER[$1]}
  W=${FLEET_W[$1]}
  E2E_HOST_NS=${FLEET_NS[$1]}
  E2E_BACKEND=${FLEET_BACKEND[$1]}
}

# fleet_controller_up: the controller namespace with its bridge, a key pair
# and the directory ansible runs in.
fleet_controller_up() {
  make_tmpdir
  FLEET_T=$REPLY
  make_ns vnc
  FLEET_CTL_NS=$REPLY
  ip -n "$FLEET_CTL_NS" link set lo up
  ip -n "$FLEET_CTL_NS" link add br0 type bridge
  ip -n "$FLEET_CTL_NS" addr add "$FLEET_NET.1/24" dev br0
  ip -n "$FLEET_CTL_NS" link set br0 up
  ssh-keygen -q -t ed25519 -N '' -C fleet -f "$FLEET_T/id" || die "ssh-keygen failed"
  cp "$FLEET_T/id.pub" "$FLEET_T/authorized_keys"
  mkdir -p "$FLEET_T/home" "$FLEET_T/cp" "$FLEET_T/local-tmp"
}

# fleet_host_up I BACKEND: host I with BACKEND's manager and sshd on
# $FLEET_NET.1I.
fleet_host_up() {
  local i=$1 b=$2 setup
  make_tmpdir
  FLEET_W[i]=$REPLY W=$REPLY
  make_ns "vnh$i"
  FLEET_NS[i]=$REPLY E2E_HOST_NS=$REPLY
  FLEET_BACKEND[i]=$b
  # shellcheck disable=SC2034 # read by e2e_manager_start
  E2E_BACKEND=$b
  setup="$(holder_private_etc_setup)
    $(holder_mask_dirs "${E2E_MASKED[@]}")
    mkdir -p /run/systemd/netif /run/systemd/network /run/network /run/NetworkManager /run/sshd
    chmod 0755 /run/sshd
    chown systemd-network:systemd-network /run/systemd/netif 2>/dev/null || true"
  start_holder "$E2E_HOST_NS" "$W" "$setup"
  FLEET_HOLDER[i]=$VNT_HOLDER
  [[ $(cat "$W/private-etc-mode") == overlay ]] || die "host $i: the fleet needs overlayfs for a private /etc"
  [[ $b == networkmanager ]] && e2e_nm_conf "$W/mask/etc/NetworkManager"
  e2e_manager_start
  fleet_link "$i"
  fleet_sshd "$i"
}

# fleet_link I: the veth from the controller's bridge to host I (vuc*: a name
# NetworkManager's configuration leaves alone).
fleet_link() {
  local i=$1
  ip -n "$FLEET_CTL_NS" link add "vc$i" type veth peer name "vuc$i" netns "${FLEET_NS[i]}" ||
    die "host $i: cannot create its link to the controller"
  ip -n "$FLEET_CTL_NS" link set "vc$i" master br0 up
  in_ns ip addr add "$FLEET_NET.1$i/24" dev "vuc$i"
  in_ns ip link set "vuc$i" up
}

# fleet_sshd I: host I's own sshd (own host key, root by key only, the
# controller's key), started by PID inside the host's namespaces.
fleet_sshd() {
  local i=$1
  ssh-keygen -q -t ed25519 -N '' -f "$W/ssh_host_ed25519_key" || die "host $i: ssh-keygen failed"
  cat >"$W/sshd_config" <<EOF
ListenAddress $FLEET_NET.1$i
HostKey $W/ssh_host_ed25519_key
PidFile none
AuthorizedKeysFile $FLEET_T/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
Subsystem sftp internal-sftp
EOF
  start_daemon "$W/sshd.log" /usr/sbin/sshd -D -e -f "$W/sshd_config"
  wait_for 10 ip netns exec "$FLEET_CTL_NS" bash -c "echo >/dev/tcp/$FLEET_NET.1$i/22" ||
    die "host $i: sshd does not answer: $(tail -5 "$W/sshd.log")"
}

# fleet_ansible_cfg COLLECTIONS: ansible.cfg and the inventory in $FLEET_T.
# Remote temporary files go to each host's private /run.
fleet_ansible_cfg() {
  cat >"$FLEET_T/ansible.cfg" <<EOF
[defaults]
inventory = $FLEET_T/inventory
collections_path = $1
host_key_checking = False
remote_tmp = /run/ansible-tmp
local_tmp = $FLEET_T/local-tmp
forks = 5
gathering = explicit
retry_files_enabled = False
interpreter_python = /usr/bin/python3
[ssh_connection]
pipelining = True
control_path_dir = $FLEET_T/cp
ssh_args = -o ControlMaster=auto -o ControlPersist=120s -o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no
EOF
}

# fleet_inventory VNETCTL: one line per host (name hI, its address, backend).
fleet_inventory() {
  local i
  {
    echo "[fleet]"
    for i in "${!FLEET_NS[@]}"; do
      echo "h$i ansible_host=$FLEET_NET.1$i backend=${FLEET_BACKEND[i]}"
    done
    echo "[fleet:vars]"
    echo "ansible_user=root"
    echo "ansible_ssh_private_key_file=$FLEET_T/id"
    echo "vnetctl_bin=$1"
  } >"$FLEET_T/inventory"
}

# fleet_playbook LOG ARGS...: ansible-playbook in the controller namespace;
# returns its exit status, its output in LOG.
fleet_playbook() {
  local log=$1
  shift
  (cd "$FLEET_T" && ip netns exec "$FLEET_CTL_NS" env HOME="$FLEET_T/home" \
    ANSIBLE_CONFIG="$FLEET_T/ansible.cfg" ANSIBLE_FORCE_COLOR=0 ANSIBLE_NOCOLOR=1 \
    timeout 240 ansible-playbook "$@") >"$log" 2>&1
}

# fleet_recap LOG HOST FIELD: FIELD (ok, changed, failed, ...) of HOST's PLAY RECAP line.
fleet_recap() {
  sed -n "/^PLAY RECAP/,\$p" "$1" | grep -E "^$2 " | grep -oE "$3=[0-9]+" | cut -d= -f2
}

# fleet_netns_pids NS...: PIDs of every process in those network namespaces,
# in one walk of /proc (stop_netns_processes walks it once per namespace,
# forking per process: minutes on a busy machine with a dozen namespaces).
fleet_netns_pids() {
  local inos=() ns
  for ns in "$@"; do inos+=("$(netns_inode "$ns")"); done
  python3 - "${inos[@]}" <<'PY'
import os, sys
want = {'net:[%s]' % i for i in sys.argv[1:] if i}
for p in os.listdir('/proc'):
    if p.isdigit():
        try:
            if os.readlink('/proc/%s/ns/net' % p) in want:
                print(p)
        except OSError:
            pass
PY
}

# fleet_cleanup: the EXIT trap (e2e_cleanup's steps): daemons by PID, then
# whatever still runs in the test's namespaces (TERM to all at once, KILL
# after 5 s), then namespaces and directories. Prints how long it took.
fleet_cleanup() {
  local t=$SECONDS i pids
  trap '' INT TERM
  for ((i = ${#VNT_PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${VNT_PIDS[i]}"; done
  mapfile -t pids < <(fleet_netns_pids "${VNT_NETNS[@]}")
  if ((${#pids[@]} > 0)); then
    kill -TERM "${pids[@]}" 2>/dev/null
    for ((i = 0; i < 50; i++)); do kill -0 "${pids[@]}" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "${pids[@]}" 2>/dev/null
  fi
  cleanup
  echo "note: cleanup $((SECONDS - t)) s"
}
