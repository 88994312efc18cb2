#!/usr/bin/env bash
# Installs every Debian 12 package vnetctl needs to build, test and demo.
# Safe on a machine whose network must not change: package scripts are kept
# from starting services while installing, and services this run newly
# installed are disabled afterwards, so nothing takes over the host's links.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config
  libxml2-dev libcli11-dev nlohmann-json3-dev doctest-dev
  libnl-route-3-dev libnftables-dev libvirt-dev
  # tests: the real parsers and daemons vnetctl drives, run in namespaces
  libxml2-utils libvirt-clients libvirt-daemon
  iproute2 dnsmasq-base nftables iptables busybox dbus python3 jq procps util-linux ethtool
  # host firewalls the networks must work beside, run in the namespaces only
  ufw firewalld
  network-manager netplan.io ifupdown bridge-utils
  # docs and completions checks
  groff-base man-db bash-completion zsh fish
  # the Debian package (tests/package/build.sh)
  debhelper dpkg-dev lintian fakeroot
  # sanitizers, benchmarks
  clang libclang-rt-14-dev hyperfine
  # the Ansible collection (ansible/): ansible-core 2.14 and `ansible` 7.7, which
  # bundles community.libvirt (virt_net, run side by side); its Python deps;
  # sshd/ssh for the fleet of namespace hosts; pytest for the module unit tests
  ansible-core ansible python3-libvirt python3-lxml openssh-server openssh-client
  python3-pytest
  # ansible-test sanity offline: Debian's linters stand in for its pinned PyPI venvs
  pylint python3-pycodestyle yamllint python3-voluptuous
  # booted-VM test bed (tests/host): image build, TCG boots, results read back
  mmdebstrap qemu-system-x86 qemu-utils e2fsprogs
)
SERVICES_TO_KEEP_OFF=(NetworkManager.service NetworkManager-wait-online.service
  NetworkManager-dispatcher.service libvirtd.service libvirtd.socket libvirtd-ro.socket
  libvirtd-admin.socket virtlogd.service virtlogd.socket virtlockd.service virtlockd.socket
  ssh.service ssh.socket ufw.service firewalld.service)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: run as root to install: ${missing[*]}" >&2
  exit 77
fi

guard=/usr/sbin/policy-rc.d
own_guard=0
if [ ! -e "$guard" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$guard"
  chmod 755 "$guard"
  own_guard=1
fi
trap '[ $own_guard = 1 ] && rm -f "$guard"' EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

if command -v systemctl >/dev/null; then
  for s in "${SERVICES_TO_KEEP_OFF[@]}"; do
    systemctl disable "$s" >/dev/null 2>&1 || true
  done
fi
echo "install-deps: installed ${#missing[@]} packages"
