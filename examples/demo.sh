#!/usr/bin/env bash
# vnetctl's main job on libvirt's built-in `default` network, for real but
# in a throwaway network namespace: a real network manager (systemd-networkd
# if installed, else NetworkManager, else ifupdown) runs there with private
# /etc, /var/lib and /run, so the machine's own network is never touched.
#
#   sudo examples/demo.sh [PATH-TO-vnetctl]    (DEMO_BACKEND=networkmanager|ifupdown|netplan to choose)
#
# Shows: the plan (`diff`, exit 2), `start` echoing each command it runs, a
# guest taking a DHCP lease, `dhcp-leases`, the live bridge and firewall,
# `diff` of every active network clean (exit 0), `doctor` finding no problems, `destroy`. Everything is removed on exit. Without a
# vnetctl path it installs the dependencies and builds one first.
# The namespaces come from the end-to-end test library (tests/e2e/lib.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [[ $# -ge 1 ]]; then
  v=$(realpath "$1")
else
  cd "$here"
  tests/install-deps.sh
  cmake -S . -B build/plain -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build/plain -j"$(nproc)" >/dev/null
  v=$here/build/plain/vnetctl
fi
set +e -u -o pipefail  # the library counts failures itself
# shellcheck source=tests/e2e/lib.sh
source "$here/tests/e2e/lib.sh"
unset VNETCTL_ROOT VNETCTL_BACKEND VNETCTL_FAULT
require_root

backend=${DEMO_BACKEND:-}  # e.g. DEMO_BACKEND=networkmanager to pick another manager
if [[ -n $backend ]]; then
  :
elif [[ -x $NETWORKD ]] && command -v dbus-daemon networkctl >/dev/null; then
  backend=networkd
elif command -v NetworkManager nmcli dbus-daemon >/dev/null; then
  backend=networkmanager
elif command -v ifup >/dev/null; then
  backend=ifupdown
fi
[[ -n $backend ]] || die "no network manager installed (systemd-networkd, NetworkManager or ifupdown)"
# shellcheck disable=SC2046 # word list
require_tools "${E2E_TOOLS[@]}" $(e2e_tools_for "$backend")
e2e_install_trap

bold='' plain=''
[[ -t 1 ]] && bold=$'\033[1m' plain=$'\033[0m'
say() { printf '\n%s# %s%s\n' "$bold" "$*" "$plain"; }
# show CMD...: prints and runs CMD in the host namespace, with its exit status.
show() {
  local rc
  printf '%s[host]$ %s%s\n' "$bold" "$*" "$plain"
  in_ns "$@"
  rc=$?
  printf '(exit %s)\n' "$rc"
  return "$rc"
}
# vnetctl ARGS...: the same, shown as "vnetctl ARGS" (the backend is chosen
# explicitly: in the namespace no manager runs as a system service).
vnetctl() {
  local rc
  printf '%s[host]$ vnetctl %s%s\n' "$bold" "$*" "$plain"
  in_ns "$v" --backend "$backend" "$@"
  rc=$?
  printf '(exit %s)\n' "$rc"
  return "$rc"
}

say "A throwaway host: namespace with $backend running, an upstream link, a fresh vnetctl store"
e2e_host_up "$backend"
echo "host namespace $E2E_HOST_NS: $backend (PID ${E2E_MANAGER_PID:-none}), upstream $E2E_UP_HOST -> $E2E_UP_PEER"
echo "vnetctl is $v; every command below runs with --backend $backend"
vnetctl list --all

say "What starting 'default' would change (the plan; exit 2 = differences)"
vnetctl diff default

say "Start it through $backend; -v echoes each external command"
vnetctl -v start default || die "start failed"

say "A guest plugs into virbr0 and asks for a lease"
e2e_guest demo virbr0 52:54:00:de:30:01 || die "cannot create the guest"
gns=$REPLY
if e2e_dhcp demo "$gns"; then
  echo "guest $gns got $REPLY (router $E2E_ROUTER)"
  echo "upstream sees the guest as: $(e2e_connect "$gns" "$E2E_UP_PEER" "$E2E_UP_PORT") (NAT)"
else
  echo "the guest got no lease:"; tail -3 "$W/udhcpc-demo.log"
fi
vnetctl dhcp-leases default

say "The live state"
show ip addr show virbr0
show nft list table inet vnetctl_default

say "The host now matches every active network (diff with no name; exit 0)"
vnetctl diff

say "Anything on this host that breaks VM networks? (doctor; exit 0: no problems, notes do not count)"
vnetctl doctor

say "Take it down"
vnetctl destroy default
show ip link show virbr0

say "Done; the namespaces and every file are removed on exit"
