#!/usr/bin/env bash
# libvirt_oracle.sh --record|--check DIR: runs each DIR/NAME.xml (not the
# *.defined.xml / *.reread.xml beside it) through libvirt's real network
# driver — an unprivileged session libvirtd that virsh starts by itself, as
# the user nobody, in a throwaway directory, touching nothing of the host's
# libvirt — and records (or compares with) what `net-dumpxml --inactive`
# prints right after `net-define` and after the daemon restarts. Prints
# "N passed, N failed".
set -uo pipefail
mode=${1:-} dir=${2:-}
case $mode in --record|--check) ;; *) echo "usage: $0 --record|--check DIR" >&2; exit 64 ;; esac
[ -d "$dir" ] || { echo "FAIL: no directory $dir"; echo "0 passed, 1 failed"; exit 1; }
dir=$(cd "$dir" && pwd)
for tool in virsh libvirtd runuser; do
  command -v $tool >/dev/null || [ -x /usr/sbin/$tool ] ||
    { echo "FAIL: $tool is missing"; echo "0 passed, 1 failed"; exit 1; }
done
work=$(mktemp -d /tmp/vnetctl-oracle.XXXXXX)
# shellcheck source=../session_libvirtd.sh
. "$(dirname "$0")/../session_libvirtd.sh"
stop_daemon() { session_libvirtd_stop; }
trap 'stop_daemon; rm -rf "$work"' EXIT
session_libvirtd_init "$work"
mkdir -p "$work/in"
virsh_nobody() { session_run virsh -c network:///session "$@"; }
names=()
for f in "$dir"/*.xml; do
  case $f in *.defined.xml|*.reread.xml) continue ;; esac
  name=$(basename "$f" .xml)
  cp "$f" "$work/in/$name.xml"
  chmod 644 "$work/in/$name.xml"
  names+=("$name")
done
out() {  # NAME STAGE: where this run's output goes
  if [ "$mode" = --record ]; then echo "$dir/$1.$2.xml"; else echo "$work/$1.$2.xml"; fi
}
for n in "${names[@]}"; do
  virsh_nobody net-define "$work/in/$n.xml" >/dev/null || { echo "FAIL: libvirt refused $n.xml"; }
  virsh_nobody net-dumpxml --inactive "$n" >"$(out "$n" defined)"
done
stop_daemon
for n in "${names[@]}"; do
  virsh_nobody net-dumpxml --inactive "$n" >"$(out "$n" reread)"
done
passed=0 failed=0
for n in "${names[@]}"; do
  for stage in defined reread; do
    if [ "$mode" = --record ] || cmp -s "$work/$n.$stage.xml" "$dir/$n.$stage.xml"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "FAIL: libvirt's $stage output of $n differs from the recorded one:"
      diff -u "$dir/$n.$stage.xml" "$work/$n.$stage.xml" | sed 's/^/    /'
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
