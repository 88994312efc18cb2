#!/usr/bin/env bash
# vnetctl's main job so far, on its built-in `default` network, in a
# throwaway root: define/list/info/dumpxml as virsh shows them, which manager
# this host would use, and the native files each manager gets. Touches
# nothing live. (Starting networks through the real managers in a network
# namespace arrives with `vnetctl start`.)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
tests/install-deps.sh
cmake -S . -B build/plain -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/plain -j"$(nproc)" >/dev/null
v=build/plain/vnetctl
root=$(mktemp -d /tmp/vnetctl-demo.XXXXXX)
trap 'rm -rf "$root"' EXIT
run() { echo "\$ vnetctl $*"; "$v" --root "$root" "$@"; }
run list --all
run info default
run dumpxml default
run define examples/static-hosts.xml
run update smalllab add ip-dhcp-host "<host mac='52:54:00:30:00:14' name='mail' ip='192.168.130.14'/>"
run list --all --json
echo "\$ vnetctl backends"; "$v" backends
for b in networkd ifupdown; do run --backend "$b" render default; done
