#!/usr/bin/env bash
# sidebyside.sh VNETCTL: the same Ansible tasks (sidebyside/tasks.yml, written
# for community.libvirt.virt_net) run against the real libvirtd in one host
# namespace, and, with the module name changed to vnetctl.network.network,
# against vnetctl (systemd-networkd) in another. Every network must end in the
# same dumpxml (live and --inactive) and both must report the same status,
# list, info and facts. Then sidebyside/differences.yml, run the same way,
# shows what virt_net misses; its table is printed (and is in ansible/README.md).
# Needs root. Prints PASS/FAIL lines and a summary; a missing tool fails.
set -uo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin  # Debian's python3 (libvirt, lxml) and ansible, whatever the caller's PATH
vnetctl=$(realpath "${1:?usage: sidebyside.sh PATH-TO-vnetctl}")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/e2e/lib.sh
source "$repo/tests/e2e/lib.sh"
# shellcheck source=tests/ansible/lib.sh
source "$here/lib.sh"
unset VNETCTL_FAULT VNETCTL_ROOT VNETCTL_BACKEND
require_root
require_tools "${E2E_TOOLS[@]}" ansible-playbook ansible-galaxy libvirtd virsh dbus-daemon networkctl "$NETWORKD"
python3 -c 'import libvirt, lxml' 2>/dev/null || die "python3-libvirt and python3-lxml are needed by virt_net"
[[ -x $vnetctl ]] || die "no vnetctl at $vnetctl"
trap fleet_cleanup EXIT
trap 'exit 130' INT TERM
start=$SECONDS
NETS=(sbs-nat sbs-iso sbs-route)
base=$VNT_ID

make_tmpdir
T=$REPLY
if ! ansible-galaxy collection build "$repo/ansible" --output-path "$T" >"$T/build.log" 2>&1 ||
  ! ansible-galaxy collection install -p "$T/collections" "$T"/vnetctl-network-*.tar.gz >>"$T/build.log" 2>&1; then
  die "ansible-galaxy: $(tail -3 "$T/build.log")"
fi
mkdir -p "$T/libvirt" "$T/vnetctl" "$T/home"
cp "$here"/sidebyside/*.xml "$here"/sidebyside/*.yml "$T/libvirt/"
cp "$here"/sidebyside/*.xml "$T/vnetctl/"
for f in tasks differences; do
  sed 's/community\.libvirt\.virt_net:/vnetctl.network.network:/' "$here/sidebyside/$f.yml" >"$T/vnetctl/$f.yml"
done

# Host L: libvirtd (no manager). Host V: systemd-networkd and vnetctl.
VNT_ID=${base}l
e2e_host_up ifupdown
e2e_libvirtd_up
HL=$VNT_HOLDER
VNT_ID=${base}v
e2e_host_up networkd
HV=$VNT_HOLDER
pass "libvirtd and networkd hosts up ($((SECONDS - start)) s)"

# play HOLDER DIR PLAYBOOK OUT: ansible-playbook inside a host's namespaces, locally.
play() {
  (cd "$2" && nsenter -t "$1" -m -n -- env HOME="$T/home" ANSIBLE_NOCOLOR=1 \
    PATH="$(dirname "$vnetctl"):$PATH" VNETCTL_BACKEND=networkd ANSIBLE_COLLECTIONS_PATH="$T/collections" \
    ANSIBLE_LOCAL_TEMP="$T/home/tmp" ANSIBLE_REMOTE_TEMP="$T/home/tmp" \
    timeout 180 ansible-playbook -i localhost, -e ansible_python_interpreter=/usr/bin/python3 \
    -e out="$4" "$2/$3") >"$4.log" 2>&1
}

t=$SECONDS
play "$HL" "$T/libvirt" tasks.yml "$T/libvirt.json"
check_eq "virt_net playbook against libvirtd: exit" 0 $?
echo "note: virt_net playbook $((SECONDS - t)) s"
t=$SECONDS
play "$HV" "$T/vnetctl" tasks.yml "$T/vnetctl.json"
check_eq "the same playbook with vnetctl.network.network: exit" 0 $?
echo "note: vnetctl.network playbook $((SECONDS - t)) s"
for f in libvirt vnetctl; do [[ -s $T/$f.json ]] || sed 's/^/    /' "$T/$f.json.log" | tail -30 >&2; done

for n in "${NETS[@]}"; do
  for flag in "" --inactive; do
    a=$(nsenter -t "$HL" -m -n -- virsh -q -c qemu:///system net-dumpxml "$n" $flag 2>&1)
    b=$(nsenter -t "$HV" -m -n -- "$vnetctl" dumpxml "$n" $flag 2>&1)
    # Known vnetctl difference (reported): libvirt's live XML of an active NAT
    # network spells out the default source ports; vnetctl's does not.
    if [[ -z $flag && $a != "$b" && $b == *"<forward mode='nat'/>"* ]]; then
      a2=$(python3 "$here/sidebyside/nat_ports.py" <<<"$a")
      if [[ $a2 == "$b" ]]; then
        echo "note: $n: live dumpxml differs only in <nat><port start='1024' end='65535'/></nat>, which libvirt adds to an active NAT network and vnetctl does not"
        a=$a2
      fi
    fi
    if [[ -n $a && $a == "$b" ]]; then pass "$n: same dumpxml $flag"; else
      fail "$n: dumpxml $flag differs (libvirt < > vnetctl):"
      diff <(echo "$a") <(echo "$b") | sed 's/^/    /' >&2
    fi
  done
done
if cmp -s "$T/libvirt.json" "$T/vnetctl.json"; then pass "same status, list_nets, info and facts"; else
  fail "status/list_nets/info/facts differ (libvirt < > vnetctl):"
  diff "$T/libvirt.json" "$T/vnetctl.json" | sed 's/^/    /' >&2
fi

# What virt_net misses: each row false for virt_net, true for vnetctl.network.
play "$HL" "$T/libvirt" differences.yml "$T/libvirt-diff.json"
check_eq "differences with virt_net: exit" 0 $?
play "$HV" "$T/vnetctl" differences.yml "$T/vnetctl-diff.json"
check_eq "differences with vnetctl.network.network: exit" 0 $?
python3 - "$T/libvirt-diff.json" "$T/vnetctl-diff.json" <<'EOF' || VNT_FAILED=$((VNT_FAILED + 1))
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
print('%-24s %-10s %-10s' % ('behaviour', 'virt_net', 'vnetctl'))
bad = 0
for k in a:
    print('%-24s %-10s %-10s' % (k, a[k], b[k]))
    if a[k] is not False or b[k] is not True:
        print('FAIL: %s: expected virt_net false, vnetctl true' % k)
        bad += 1
    else:
        print('PASS: %s: virt_net misses it, vnetctl.network.network does it' % k)
sys.exit(1 if bad else 0)
EOF

echo "sidebyside: $((SECONDS - start)) s"
summary
