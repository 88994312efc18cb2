#!/usr/bin/env bash
# units.sh VNETCTL: the unit tests of the collection's module code (pytest,
# ansible/tests/unit), with the modules run in-process against the real
# vnetctl in image mode (--root): no root, nothing live. Exit non-zero on any
# failure; pytest missing is a failure.
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin  # Debian's python3, pytest and ansible
vnetctl=$(realpath "${1:?usage: units.sh PATH-TO-vnetctl}")
repo=$(cd "$(dirname "$0")/../.." && pwd)
python3 -c 'import pytest, ansible' || { echo "FAIL: python3-pytest and ansible-core are needed"; exit 1; }
t=$(mktemp -d /tmp/vnetctl-ansible-units.XXXXXX)
trap 'rm -rf "$t"' EXIT
# The collection where Python finds it: ansible_collections/vnetctl/network.
mkdir -p "$t/ansible_collections/vnetctl"
cp -r "$repo/ansible" "$t/ansible_collections/vnetctl/network"
cd "$t/ansible_collections/vnetctl/network"
VNETCTL=$vnetctl PYTHONPATH=$t PYTHONDONTWRITEBYTECODE=1 \
  python3 -m pytest -q -p no:cacheprovider tests/unit
