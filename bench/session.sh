#!/usr/bin/env bash
# session.sh BACKEND|libvirt: one live benchmark "host" for bench/run.py,
# built with the end-to-end harness (tests/e2e/lib.sh): a host namespace
# holder with private /etc, /var/lib and /run, the real manager of BACKEND
# running in it (none for ifupdown), or, for `libvirt`, the real libvirtd
# (its network driver) and no manager.
#
# Prints one line "ready HOLDER HOSTNS WORKDIR" when the host is up, then
# reads commands on stdin, one per line, answering each with one line:
#   guest NAME MAC   a guest namespace whose eth0 (MAC) is linked to port
#                    vpNAME in the host namespace, not yet on any bridge
#                    -> "ok GUESTNS"
#   quit (or EOF)    everything is torn down (the EXIT trap: daemons by PID,
#                    what still runs in our namespaces, namespaces, files)
# Needs root. Progress and errors go to stderr.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/e2e/lib.sh
source "$here/../tests/e2e/lib.sh"
unset VNETCTL_FAULT VNETCTL_ROOT VNETCTL_BACKEND

mode=${1:?usage: session.sh BACKEND|libvirt}

# guest NAME MAC: like e2e_guest, but the port stays off any bridge (the
# bridge does not exist before start; the runner plugs it in).
guest() {
  local name=$1 mac=$2 gns
  make_ns "vng$name"
  gns=$REPLY
  E2E_GUEST_NS+=("$gns")
  ip -n "$gns" link add eth0 type veth peer name "vp$name" netns "$E2E_HOST_NS" || return 1
  ip -n "$gns" link set lo up
  ip -n "$gns" link set eth0 address "$mac"
  ip -n "$gns" link set eth0 up
  in_ns ip link set "vp$name" up
  REPLY=$gns
}

require_root
if [[ $mode == libvirt ]]; then
  require_tools "${E2E_TOOLS[@]}" libvirtd virsh iptables
else
  # shellcheck disable=SC2046 # word list
  require_tools "${E2E_TOOLS[@]}" $(e2e_tools_for "$mode")
fi
e2e_install_trap
{
  if [[ $mode == libvirt ]]; then
    e2e_host_up ifupdown # no manager: libvirt brings its own bridge, dnsmasq, firewall
    e2e_libvirtd_up
  else
    e2e_host_up "$mode"
  fi
} >&2
echo "ready $VNT_HOLDER $E2E_HOST_NS $W"
while read -r cmd a b; do
  case $cmd in
    guest)
      if guest "$a" "$b" >&2; then echo "ok $REPLY"; else echo "error guest $a"; fi
      ;;
    quit) break ;;
    *) echo "error unknown command '$cmd'" ;;
  esac
done
