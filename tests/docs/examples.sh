#!/usr/bin/env bash
# Runs the examples that need no live host, under scratch --root trees:
#   - every examples/*.xml is defined and rendered for every backend (both
#     placements), and the manager's file is where vnetctl(1) says;
#   - examples/offline-image.sh builds an image tree for every backend;
#   - examples/import-from-libvirt.sh walks through `vnetctl import`.
#   usage: examples.sh PATH/TO/vnetctl LOG
# Every vnetctl command the examples run is appended to LOG (one argv per
# line) for examples_coverage.sh. Prints "N passed, N failed".
set -uo pipefail
vnetctl=$(realpath "${1:?usage: examples.sh PATH/TO/vnetctl LOG}")
log=${2:?usage: examples.sh PATH/TO/vnetctl LOG}
DOCS_SRC=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/docs/lib.sh
source "$DOCS_SRC/tests/docs/lib.sh"
require_tools jq sed find
examples=$DOCS_SRC/examples
backends=(networkmanager networkd netplan ifupdown)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$log")"
: >"$log"
# A vnetctl that records each command line, so coverage can be checked.
mkdir -p "$work/bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$*" >>"%s"\nexec "%s" "$@"\n' "$(realpath "$log")" "$vnetctl" \
  >"$work/bin/vnetctl"
chmod +x "$work/bin/vnetctl"
export PATH=$work/bin:$PATH VNETCTL=$work/bin/vnetctl
unset VNETCTL_ROOT VNETCTL_BACKEND

# lacks TEXT FILE: FILE exists and does not contain TEXT.
lacks() { [[ -e $2 ]] && ! grep -qF -- "$1" "$2"; }

# manager_file BACKEND NAME PLACEMENT: the manager's own file for a network.
manager_file() {
  local dir=/etc
  [[ $3 == runtime ]] && dir=/run
  case $1 in
    networkmanager) echo "$dir/NetworkManager/system-connections/vnetctl-$2.nmconnection" ;;
    networkd) echo "$dir/systemd/network/50-vnetctl-$2.network" ;;
    netplan) echo "$dir/netplan/90-vnetctl-$2.yaml" ;;
    ifupdown)
      if [[ $3 == runtime ]]; then echo "/run/vnetctl/ifupdown/$2.interfaces"
      else echo "/etc/network/interfaces.d/vnetctl-$2"; fi ;;
  esac
}

# --- every example XML, every backend ------------------------------------------
for xml in "$examples"/*.xml; do
  base=$(basename "$xml")
  name=$(sed -n 's:.*<name>\(.*\)</name>.*:\1:p' "$xml" | head -1)
  root=$work/xml-$name
  mkdir -p "$root"
  if ! out=$(vnetctl --root "$root" define "$xml" 2>&1); then
    fail "define $base" "$out"
    continue
  fi
  pass
  for b in "${backends[@]}"; do
    for placement in persistent runtime; do
      tree=$root/$b-$placement
      if ! out=$(vnetctl --root "$root" --backend "$b" render "$name" --placement "$placement" \
        --output "$tree" 2>&1); then
        fail "render $base for $b ($placement)" "$out"
        continue
      fi
      pass
      if grep -q "forward mode='bridge'" "$xml"; then
        # An existing host bridge: nothing to write.
        check "$base on $b ($placement) writes no file" \
          test -z "$(find "$tree" ! -type d 2>/dev/null)"
      else
        check "$base on $b ($placement) has $(manager_file "$b" "$name" "$placement")" \
          test -s "$tree$(manager_file "$b" "$name" "$placement")"
      fi
    done
  done
  # The printed form is the same files, each headed by its path.
  if ! grep -q "forward mode='bridge'" "$xml"; then
    check "render $base prints the files" \
      bash -c '"$@" 2>/dev/null | grep -q "^### /"' _ vnetctl --root "$root" --backend networkd render "$xml"
  fi
done

# --- offline-image.sh ------------------------------------------------------------
for b in "${backends[@]}"; do
  img=$work/image-$b
  if ! out=$(bash "$examples/offline-image.sh" "$img" "$b" 2>&1); then
    fail "offline-image.sh $b" "$(tail -20 <<<"$out")"
    continue
  fi
  pass
  check "offline-image.sh $b: no 'default' left" test ! -e "$img/etc/vnetctl/networks/default.xml"
  for net in smalllab lab; do
    check "offline-image.sh $b: $net autostarts" test -L "$img/etc/vnetctl/networks/autostart/$net.xml"
    check "offline-image.sh $b: $net's $b file" test -s "$img$(manager_file "$b" "$net" persistent)"
  done
  check "offline-image.sh $b: the added static host" \
    grep -q "52:54:00:30:00:14,192.168.130.14,mail" "$img/etc/vnetctl/dnsmasq/smalllab.hostsfile"
  check "offline-image.sh $b: the host added through virsh's named form" \
    grep -q "52:54:00:30:00:15,192.168.130.15,backup" "$img/etc/vnetctl/dnsmasq/smalllab.hostsfile"
  check "offline-image.sh $b: the edited domain" grep -q "domain=lab.example" "$img/etc/vnetctl/dnsmasq/lab.conf"
  if [[ $b == ifupdown ]]; then
    check "offline-image.sh $b: no systemd unit" test ! -e "$img/etc/systemd/system/vnetctl-lab.service"
  else
    check "offline-image.sh $b: the companions' unit" test -s "$img/etc/systemd/system/vnetctl-lab.service"
  fi
done

# --- network-events.sh -------------------------------------------------------------
if out=$(bash "$examples/network-events.sh" "$work/events" 2>&1); then
  pass
  check "network-events.sh: the watcher saw define, redefine (update --config), undefine" test \
    "$(sed -n "s/^.*event 'lifecycle' for network //p" "$work/events/events.out" | tr '\n' '|')" \
    = "routed: Defined|routed: Defined|routed: Undefined|"
  check "network-events.sh: it timed out, as asked" grep -qx "event loop timed out" "$work/events/events.out"
  check "network-events.sh: the one-shot watcher saw only routed's event" test \
    "$(tr '\n' '|' <"$work/events/one.out")" = "event 'lifecycle' for network routed: Undefined|events received: 1||"
else
  fail "network-events.sh" "$(tail -20 <<<"$out")"
fi

# --- import-from-libvirt.sh ----------------------------------------------------
if out=$(bash "$examples/import-from-libvirt.sh" "$work/import" networkd 2>&1); then
  pass
  check "import-from-libvirt.sh: smalllab imported" test -s "$work/import/image/etc/vnetctl/networks/smalllab.xml"
  check "import-from-libvirt.sh: shaped imported without <bandwidth>" \
    lacks "<bandwidth" "$work/import/image/etc/vnetctl/networks/shaped.xml"
  check "import-from-libvirt.sh: test:///default's network" test -s "$work/import/store/etc/vnetctl/networks/default.xml"
else
  fail "import-from-libvirt.sh" "$(tail -20 <<<"$out")"
fi

summary
