#!/usr/bin/env bash
# virsh's -c qemu+ssh://[USER@]HOST[:PORT]/system against a real sshd: the
# command runs on the remote host's vnetctl, with its output and exit code.
# Two network namespaces joined by a veth: the client, and the "remote" whose
# sshd (started by PID, in a mount namespace of its own where
# /usr/local/bin/vnetctl is this build and /run is private) keeps its own
# store (VNETCTL_ROOT through sshd's SetEnv). Nothing of the machine's own
# network, /run or root's ~/.ssh is touched.
#   usage: remote_uri.sh PATH/TO/vnetctl   (as root)
set -uo pipefail
vnetctl=$(realpath "${1:?usage: remote_uri.sh PATH/TO/vnetctl}")
[[ $(id -u) == 0 ]] || { echo "FAIL: remote_uri.sh needs root (network namespaces, sshd)" >&2; exit 1; }
for t in ssh ssh-keygen /usr/sbin/sshd unshare ip; do
  command -v "$t" >/dev/null || { echo "FAIL: $t is missing (openssh-server, openssh-client)" >&2; exit 1; }
done

T=$(mktemp -d)
CLI=vnr-c-$$ SRV=vnr-s-$$ SSHD_PID=
cleanup() {
  [[ -n $SSHD_PID ]] && kill "$SSHD_PID" 2>/dev/null && wait "$SSHD_PID" 2>/dev/null
  ip netns del "$CLI" 2>/dev/null
  ip netns del "$SRV" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT

PASSED=0 FAILED=0
pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $1"; shift; printf '  %s\n' "$@"; }
# expect NAME RC PATTERN: the last run exited RC and its stdout+stderr match PATTERN.
expect() {
  if [[ $RC == "$2" ]] && grep -qE -- "$3" "$T/out"; then pass; else
    fail "$1" "exit $RC (want $2)" "output: $(head -c 600 "$T/out")"
  fi
}

ip netns add "$CLI" && ip netns add "$SRV" || { echo "FAIL: ip netns add" >&2; exit 1; }
ip -n "$CLI" link add vnr0 type veth peer name vnr1 netns "$SRV"
ip -n "$CLI" addr add 192.0.2.1/24 dev vnr0
ip -n "$SRV" addr add 192.0.2.2/24 dev vnr1
ip -n "$CLI" addr add 2001:db8:77::1/64 dev vnr0 nodad
ip -n "$SRV" addr add 2001:db8:77::2/64 dev vnr1 nodad
for ns in "$CLI" "$SRV"; do ip -n "$ns" link set lo up; done
ip -n "$CLI" link set vnr0 up
ip -n "$SRV" link set vnr1 up

ssh-keygen -q -t ed25519 -N '' -C vnr -f "$T/id"
ssh-keygen -q -t ed25519 -N '' -f "$T/host_key"
cp "$T/id.pub" "$T/authorized_keys"
mkdir -p "$T/remote-root" "$T/bin"
ln -s "$vnetctl" "$T/bin/vnetctl"
cat >"$T/sshd_config" <<EOF
ListenAddress 192.0.2.2:2222
ListenAddress [2001:db8:77::2]:2222
HostKey $T/host_key
PidFile none
AuthorizedKeysFile $T/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
SetEnv VNETCTL_ROOT=$T/remote-root
EOF
# The remote's vnetctl is found on sshd's default PATH (/usr/local/bin).
ip netns exec "$SRV" unshare -m --propagation private sh -c "
  mount -t tmpfs vnr /run && mkdir -p /run/sshd && chmod 0755 /run/sshd &&
  mount --bind '$T/bin' /usr/local/bin &&
  exec /usr/sbin/sshd -D -e -f '$T/sshd_config'" >"$T/sshd.log" 2>&1 &
SSHD_PID=$!
for _ in $(seq 50); do
  ip netns exec "$CLI" bash -c 'echo >/dev/tcp/192.0.2.2/2222' 2>/dev/null && break
  sleep 0.2
done

URI="qemu+ssh://root@192.0.2.2:2222/system?keyfile=$T/id&no_verify=1"
# run ARGS...: vnetctl in the client namespace, HOME private (known_hosts).
run() {
  ip netns exec "$CLI" env HOME="$T" VNETCTL_ROOT="$T/local-root" "$vnetctl" "$@" >"$T/out" 2>&1
  RC=$?
}

# The remote's store: a network only it has.
VNETCTL_ROOT="$T/remote-root" "$vnetctl" define /dev/stdin >/dev/null <<'EOF'
<network><name>onlyremote</name><bridge name='virbr77'/></network>
EOF
run -c "$URI" net-list --all --name
expect "net-list --name runs on the remote" 0 '^onlyremote$'
run --connect="$URI" list --all
expect "--connect=URI, the remote's table" 0 'onlyremote +inactive'
run -c "$URI" -q net-info onlyremote
expect "net-info on the remote" 0 '^Name: +onlyremote'
run -c "qemu+ssh://root@[2001:db8:77::2]:2222/system?keyfile=$T/id&no_verify=1" net-list --all --name
expect "an IPv6 host in brackets, with its port" 0 '^onlyremote$'
run -c "$URI" net-info nosuch
expect "the remote's exit code and error" 1 "network 'nosuch' not found|no network with matching name"
run -c "$URI" net-undefine
expect "a usage error on the remote is 64" 64 'network is required'
run -c "$URI" -r net-undefine onlyremote
expect "-r travels with the command" 1 'read only access prevents virNetworkUndefine'
run -c "$URI" net-undefine --network onlyremote
expect "net-undefine --network on the remote" 0 'Network onlyremote has been undefined'
check_gone=$(VNETCTL_ROOT="$T/remote-root" "$vnetctl" list --all --name)
[[ $check_gone != *onlyremote* ]] && pass || fail "the remote's store lost onlyremote" "$check_gone"
[[ ! -e $T/local-root/etc/vnetctl/networks/onlyremote.xml ]] && pass ||
  fail "nothing happened in the local store"
run -c "qemu+ssh://root@192.0.2.2:2299/system?keyfile=$T/id&no_verify=1" net-list
expect "an unreachable remote is exit 1" 1 'failed to connect to the hypervisor: ssh to 192.0.2.2 failed'

echo "$PASSED passed, $FAILED failed"
[[ $FAILED == 0 && $PASSED -gt 0 ]]
