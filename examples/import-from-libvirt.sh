#!/usr/bin/env bash
# Moving networks off libvirt with `vnetctl import`: a walk-through that is
# safe to run anywhere. Everything goes into scratch --root trees, so
# nothing on this host changes, and no libvirtd is needed.
#
#   examples/import-from-libvirt.sh [WORKDIR] [BACKEND]
#
# WORKDIR (default: a new temporary directory, removed afterwards) holds the
# trees; BACKEND (default: networkd) is the manager the networks are meant
# for, which decides what can be carried over.
#
# Part 1 reads a directory in libvirt's own layout, as
# /etc/libvirt/qemu/networks (NAME.xml, plus autostart/NAME.xml links): a
# backup, or an image that ran libvirt. Part 2 reads through libvirt's API
# (`-c URI`), here libvirt's built-in test driver test:///default, which runs
# in the client and needs no daemon.
#
# On a real libvirt host, as root, the same steps are:
#   vnetctl import --dry-run                 # what would come over, what cannot
#   vnetctl import                           # define them all (qemu:///system)
#   vnetctl import --takeover default        # stop libvirt's running `default`,
#                                            # start vnetctl's on the same virbr0 with
#                                            # its leases and the guests' ports;
#                                            # libvirt's comes back if that fails
#   virsh net-dumpxml default                # libvirt keeps a stand-in: the same name
#                                            # and uuid in <forward mode='bridge'/> on
#                                            # virbr0, so its domains still start
#   systemctl cat libvirtd.service           # 50-vnetctl.conf: libvirt's daemon waits
#                                            # for virbr0 at boot, so domains with
#                                            # <autostart/> come up on it
#   virsh start myvm                         # unchanged domain: its tap joins virbr0,
#   vnetctl dhcp-leases default              # and it leases from vnetctl's dnsmasq
#   vnetctl import --handback default        # the way back: libvirt's own definition
#                                            # (kept in /var/lib/vnetctl/libvirt),
#                                            # started with vnetctl's leases and the
#                                            # guests' ports; vnetctl's is removed
#
# VNETCTL names the vnetctl binary (default: vnetctl on $PATH). Uses jq.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
vnetctl=${VNETCTL:-vnetctl}
backend=${2:-networkd}
if [[ -n ${1:-} ]]; then
  work=$1
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
step() { printf '\n# %s\n' "$*"; }
# expect_exit N COMMAND...: runs COMMAND, which must exit with N.
expect_exit() {
  local want=$1 rc=0
  shift
  "$@" || rc=$?
  echo "(exit $rc)"
  [[ $rc -eq $want ]] || { echo "import-from-libvirt: expected exit $want" >&2; exit 1; }
}

# --- Part 1: a directory in libvirt's layout --------------------------------
image=$work/image
libvirt_dir=/etc/libvirt/qemu/networks # inside the image's tree
v() { "$vnetctl" --root "$image" --backend "$backend" "$@"; }

step "An image whose libvirt had three networks; 'default' started at boot"
mkdir -p "$image$libvirt_dir/autostart"
cp "$here/nat-default.xml" "$image$libvirt_dir/default.xml"
cp "$here/static-hosts.xml" "$image$libvirt_dir/smalllab.xml"
# libvirt's files carry the uuid libvirt generated; vnetctl keeps it.
sed -i 's|<name>default</name>|&\n  <uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>|' \
  "$image$libvirt_dir/default.xml"
# A network with traffic shaping, which vnetctl does not implement.
cat >"$image$libvirt_dir/shaped.xml" <<'EOF'
<network>
  <name>shaped</name>
  <forward mode='nat'/>
  <bridge name='virbr60'/>
  <bandwidth>
    <inbound average='1000' peak='5000' burst='1024'/>
  </bandwidth>
  <ip address='192.168.160.1' prefix='24'>
    <dhcp>
      <range start='192.168.160.100' end='192.168.160.199'/>
    </dhcp>
  </ip>
</network>
EOF
ln -s "$libvirt_dir/default.xml" "$image$libvirt_dir/autostart/default.xml"
ls -R "$image$libvirt_dir"

step "What would come over, for $backend (--root: DIR is a path in the image's tree)"
# Not everything can, as it is: the report says why, per network and element.
v import --from "$libvirt_dir" --dry-run || echo "(exit $?: not every network can be imported as it is)"

step "A new store already holds libvirt's stock 'default' (vnetctl seeds it): import the others first"
v import --from "$libvirt_dir" smalllab

step "'default' exists, so it needs --replace; libvirt's uuid, MAC and bridge win"
expect_exit 1 v import --from "$libvirt_dir" default
v import --from "$libvirt_dir" --replace default
v -q uuid default
[[ $(v -q uuid default) == 3e3fce45-4f53-4fa7-bb32-11f34168b82b ]]
v --json info default | jq -e '.autostart == true' >/dev/null
echo "default keeps libvirt's uuid and its autostart"

step "'shaped' has <bandwidth>, which $backend cannot carry: refused, then imported without it"
expect_exit 65 v import --from "$libvirt_dir" shaped
v import --from "$libvirt_dir" --allow-partial shaped
if v dumpxml shaped | grep -q '<bandwidth'; then
  echo "import-from-libvirt: <bandwidth> was carried" >&2
  exit 1
fi

step "The image's vnetctl networks, and their files for $backend"
v list --all
for net in default smalllab shaped; do v render "$net" --output "$image" >/dev/null; done
(cd "$image" && find etc -path etc/libvirt -prune -o -type f -print | grep -v '^etc/vnetctl/networks' | sort)

# --- Part 2: through libvirt's API -----------------------------------------
store=$work/store
mkdir -p "$store"
w() { "$vnetctl" --root "$store" --backend "$backend" "$@"; }

step "libvirt's test driver has a running 'default' network"
if command -v virsh >/dev/null; then virsh -c test:///default net-list --all; fi

step "What would be imported, as JSON for a script"
w --json import -c test:///default --dry-run --replace |
  jq -r '.networks[] | "\(.name): \(if .active_in_libvirt then "active" else "inactive" end) in libvirt, \(.uncarried | length) elements not carried"'

step "Import it (defined only: --start or --takeover would need the live host)"
w import -c test:///default --replace default
w info default
