#!/usr/bin/env bash
# units.sh VNETCTL: the unit tests of the collection's module code (pytest,
# ansible/tests/unit), with the modules run in-process against the real
# vnetctl in image mode (--root): no root, nothing live. Exit non-zero on any
# failure; pytest missing is a failure.
set -uo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin  # Debian's python3, pytest and ansible
vnetctl=$(realpath "${1:?usage: units.sh PATH-TO-vnetctl}")
repo=$(cd "$(dirname "$0")/../.." && pwd)
python3 -c 'import pytest, ansible' || { echo "FAIL: python3-pytest and ansible-core are needed"; exit 1; }
t=$(mktemp -d /tmp/vnetctl-ansible-units.XXXXXX)
trap 'rm -rf "$t"' EXIT
# The collection where Python finds it: ansible_collections/vnetctl/network.
mkdir -p "$t/ansible_collections/vnetctl"
cp -r "$repo/ansible" "$t/ansible_collections/vnetctl/network"
cd "$t/ansible_collections/vnetctl/network" || exit 1
VNETCTL=$vnetctl PYTHONPATH=$t PYTHONDONTWRITEBYTECODE=1 \
  python3 -m pytest -q -p no:cacheprovider tests/unit || { echo "FAIL: unit tests"; exit 1; }
cd "$repo" || exit 1

# The example playbook, in image mode on this machine, twice: the second run
# changes nothing.
mkdir -p "$t/image" "$t/home"
for run in 1 2; do
  out=$(cd "$repo" && HOME=$t/home PATH="$(dirname "$vnetctl"):$PATH" ANSIBLE_COLLECTIONS_PATH=$t \
    ANSIBLE_NOCOLOR=1 ansible-playbook -c local -i localhost, -e ansible_python_interpreter=/usr/bin/python3 \
    -e vnetctl_root="$t/image" examples/ansible/networks.yml 2>&1) || { echo "$out"; echo "FAIL: example playbook, run $run"; exit 1; }
  changed=$(grep -oE 'changed=[0-9]+' <<<"$out" | cut -d= -f2)
  if { [[ $run == 1 ]] && ((changed == 0)); } || { [[ $run == 2 ]] && ((changed != 0)); }; then
    echo "$out"
    echo "FAIL: example playbook, run $run: changed=$changed"
    exit 1
  fi
  echo "PASS: examples/ansible/networks.yml (image mode), run $run: changed=$changed"
done
