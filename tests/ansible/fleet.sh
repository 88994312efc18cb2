#!/usr/bin/env bash
# fleet.sh VNETCTL: the collection vnetctl.network against a fleet of five real
# hosts on this machine (tests/ansible/lib.sh): networkd on h1 and h2,
# NetworkManager on h3, ifupdown on h4, netplan on h5, each with its own sshd,
# private /etc, /var/lib and /run. One playbook (fleet/converge.yml) converges
# three networks on all of them through ssh:
#   1. the first run changes every host; 2. the second changes nothing;
#   3. check mode with an XML change reports it (diff: XML and plan) and
#      changes nothing; 4. the change for real redefines and applies live
#      (dnsmasq and bridge kept) while a broken definition on h2 fails that
#      host with vnetctl's own message and the others converge; a guest on
#      each host leases the new static address; 5. absent leaves nothing.
# Needs root. Prints PASS/FAIL lines and a summary; a missing tool fails.
set -uo pipefail
vnetctl=$(realpath "${1:?usage: fleet.sh PATH-TO-vnetctl}")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/e2e/lib.sh
source "$repo/tests/e2e/lib.sh"
# shellcheck source=tests/ansible/lib.sh
source "$here/lib.sh"
unset VNETCTL_FAULT VNETCTL_ROOT VNETCTL_BACKEND
require_root
require_tools "${E2E_TOOLS[@]}" ansible-playbook ansible-galaxy ssh ssh-keygen /usr/sbin/sshd \
  dbus-daemon networkctl "$NETWORKD" NetworkManager nmcli ifup netplan brctl
[[ -x $vnetctl ]] || die "no vnetctl at $vnetctl"
trap fleet_cleanup EXIT
trap 'exit 130' INT TERM
start=$SECONDS
NETS=(fleet-nat fleet-iso fleet-route)
BRIDGES=(vfnat0 vfiso0 vfrt0)
HOSTS=(1 2 3 4 5)
BACKENDS=([1]=networkd [2]=networkd [3]=networkmanager [4]=ifupdown [5]=netplan)

# The collection, built and installed as a user would.
fleet_controller_up
ansible-galaxy collection build "$repo/ansible" --output-path "$FLEET_T" >"$FLEET_T/build.log" 2>&1 ||
  die "ansible-galaxy collection build: $(tail -3 "$FLEET_T/build.log")"
ansible-galaxy collection install -p "$FLEET_T/collections" "$FLEET_T"/vnetctl-network-*.tar.gz \
  >>"$FLEET_T/build.log" 2>&1 || die "ansible-galaxy collection install: $(tail -3 "$FLEET_T/build.log")"
pass "collection built and installed with ansible-galaxy"
cp -r "$here/fleet/." "$FLEET_T/"

for i in "${HOSTS[@]}"; do fleet_host_up "$i" "${BACKENDS[i]}"; done
fleet_ansible_cfg "$FLEET_T/collections"
fleet_inventory "$vnetctl"
pass "five hosts up ($((SECONDS - start)) s): ${BACKENDS[*]}"

# on_host I CMD...: CMD on host I (its namespaces, as its sshd sees them).
on_host() {
  local i=$1
  shift
  nsenter -t "${FLEET_HOLDER[i]}" -m -n -- "$@"
}
vn() { local i=$1; shift; on_host "$i" "$vnetctl" --backend "${BACKENDS[i]}" "$@"; }

# state_of I: what must not change in check mode: definitions, list, live
# links and addresses, dnsmasq pids.
state_of() {
  local n
  vn "$1" list --all --json
  for n in "${NETS[@]}"; do vn "$1" dumpxml "$n" 2>&1; vn "$1" dumpxml "$n" --inactive 2>&1; done
  on_host "$1" ip -o addr show
  on_host "$1" bash -c 'cat /run/vnetctl/dnsmasq/*.pid 2>/dev/null'
}

# each_host_recap LOG WHAT FIELD OP N: every host's FIELD OP N (test(1)'s -eq, -ge).
each_host_recap() {
  local log=$1 what=$2 field=$3 op=$4 n=$5 i v
  for i in "${HOSTS[@]}"; do
    v=$(fleet_recap "$log" "h$i" "$field")
    if [[ -n $v ]] && test "$v" "$op" "$n"; then pass "$what: h$i ($field=$v)"; else
      fail "$what: h$i $field='$v', expected $op $n"
      tail -40 "$log" | sed 's/^/    /' >&2
    fi
  done
}

t=$SECONDS
fleet_playbook "$FLEET_T/run1.log" converge.yml
check_eq "first run: ansible-playbook exit" 0 $?
each_host_recap "$FLEET_T/run1.log" "first run reports changed" changed -ge 1
each_host_recap "$FLEET_T/run1.log" "first run: no failure" failed -eq 0
for i in "${HOSTS[@]}"; do
  for b in "${BRIDGES[@]}"; do on_host "$i" ip link show "$b" >/dev/null 2>&1 || fail "h$i: no bridge $b"; done
done
pass "first run: all bridges up on every host ($((SECONDS - t)) s)"

t=$SECONDS
fleet_playbook "$FLEET_T/run2.log" converge.yml
check_eq "second run: ansible-playbook exit" 0 $?
each_host_recap "$FLEET_T/run2.log" "second run changes nothing" changed -eq 0
echo "note: second run $((SECONDS - t)) s"

# Check mode on a changed playbook: reported, with the XML and the plan, and nothing changed.
for i in "${HOSTS[@]}"; do state_of "$i" >"$FLEET_T/before-$i"; done
fleet_playbook "$FLEET_T/check.log" converge.yml --check --diff -e extra_host=true
check_eq "check mode: ansible-playbook exit" 0 $?
each_host_recap "$FLEET_T/check.log" "check mode reports the change" changed -ge 1
n=$(grep -c "^+ *<host mac='52:54:00:fe:00:99' name='guest99' ip='192.168.150.99'/>" "$FLEET_T/check.log")
check_eq "check mode: the diff shows the new <host> on every host" 5 "$n"
check "check mode: the diff shows vnetctl's plan" grep -q '^fleet-nat: ' "$FLEET_T/check.log"
for i in "${HOSTS[@]}"; do
  state_of "$i" >"$FLEET_T/after-$i"
  if cmp -s "$FLEET_T/before-$i" "$FLEET_T/after-$i"; then pass "check mode: h$i unchanged"; else
    fail "check mode changed h$i:"
    diff "$FLEET_T/before-$i" "$FLEET_T/after-$i" | head -20 | sed 's/^/    /' >&2
  fi
done

# The XML change for real, with fleet-route's definition broken on h2: every
# host redefines fleet-nat and applies it live (same dnsmasq, same bridge);
# h2 then fails with vnetctl's own message while the others converge.
declare -A dpid ifidx
for i in "${HOSTS[@]}"; do
  dpid[$i]=$(on_host "$i" cat /run/vnetctl/dnsmasq/fleet-nat.pid 2>/dev/null)
  ifidx[$i]=$(on_host "$i" cat /sys/class/net/vfnat0/ifindex 2>/dev/null)
done
t=$SECONDS
fleet_playbook "$FLEET_T/change.log" converge.yml --diff -e extra_host=true -e broken_host=h2
check_eq "XML change + broken h2: ansible-playbook exit (a host failed)" 2 $?
echo "note: change run $((SECONDS - t)) s"
check_eq "broken host: h2 failed" 1 "$(fleet_recap "$FLEET_T/change.log" h2 failed)"
for i in 1 3 4 5; do
  check_eq "h$i did not fail" 0 "$(fleet_recap "$FLEET_T/change.log" "h$i" failed)"
  check_eq "h$i converged: changed" 1 "$(fleet_recap "$FLEET_T/change.log" "h$i" changed)"
done
for i in "${HOSTS[@]}"; do
  check "h$i: fleet-nat redefined" grep -q "52:54:00:fe:00:99" <(vn "$i" dumpxml fleet-nat --inactive)
  check_eq "h$i: dnsmasq kept (live update)" "${dpid[$i]}" "$(on_host "$i" cat /run/vnetctl/dnsmasq/fleet-nat.pid 2>/dev/null)"
  check_eq "h$i: bridge kept (live update)" "${ifidx[$i]}" "$(on_host "$i" cat /sys/class/net/vfnat0/ifindex 2>/dev/null)"
done
# The task's msg and rc are what vnetctl itself says for the XML the task sent.
if python3 "$here/fleet/same_error.py" "$FLEET_T/change.log" h2 fleet-route "$vnetctl" \
  "$here/fleet/templates/fleet-route.xml.j2" inventory_hostname=h2 broken_host=h2; then
  pass "broken host: msg is vnetctl's error verbatim, with its rc"
else fail "broken host: msg/rc not vnetctl's"; fi
check "broken host: h2 keeps its good definition" grep -q "192.168.152.2" <(vn 2 dumpxml fleet-route --inactive)

# A guest on each host leases the new static address from the converged network.
for i in "${HOSTS[@]}"; do
  fleet_use "$i"
  e2e_guest "h$i" vfnat0 52:54:00:fe:00:99 || continue
  if e2e_dhcp "h$i" "$REPLY"; then check_eq "h$i (${BACKENDS[i]}): guest lease" "192.168.150.99 192.168.150.1" "$REPLY $E2E_ROUTER"
  else fail "h$i (${BACKENDS[i]}): guest got no lease: $(tail -3 "$W/udhcpc-h$i.log")"; fi
done

# absent: nothing left on any host.
fleet_playbook "$FLEET_T/absent.log" converge.yml -e net_state=absent
check_eq "absent: ansible-playbook exit" 0 $?
each_host_recap "$FLEET_T/absent.log" "absent reports changed" changed -ge 1
for i in "${HOSTS[@]}"; do
  left=$(
    vn "$i" list --all --name | grep fleet
    for b in "${BRIDGES[@]}"; do on_host "$i" ip -o link show "$b" 2>/dev/null; done
    on_host "$i" nft list tables | grep fleet
    # vnetctl keeps a network's lease file after undefine (libvirt deletes it): noted below.
    on_host "$i" find /etc/vnetctl /run/vnetctl /var/lib/vnetctl /etc/systemd /run/systemd/network \
      /etc/NetworkManager /run/NetworkManager /etc/netplan /run/netplan /etc/network -name '*fleet*' \
      ! -path '/var/lib/vnetctl/dnsmasq/fleet-*.leases' 2>/dev/null
    fleet_use "$i"
    e2e_dnsmasq_for fleet- vf
  )
  check_eq "absent: nothing left on h$i (${BACKENDS[i]})" "" "$left"
done

n=$(on_host 1 find /var/lib/vnetctl/dnsmasq -name 'fleet-*.leases' | wc -l)
((n == 0)) || echo "note: vnetctl left $n lease files (/var/lib/vnetctl/dnsmasq/fleet-*.leases) after undefine; libvirt removes them"
echo "fleet: $((SECONDS - start)) s before cleanup"
summary
