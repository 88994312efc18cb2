#!/usr/bin/env bash
# Every document vnetctl prints must be libvirt's: for each corpus input that
# libvirt accepts and each example, `vnetctl define` + `dumpxml` must validate
# with virt-xml-validate (schema network) and be accepted by
# `virsh -c test:///default net-define`. Prints "N passed, N failed".
set -uo pipefail
vnetctl=${1:?usage: libvirt_accepts.sh PATH-TO-vnetctl}
here=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$here/tests/conformance/libvirt
for tool in virt-xml-validate virsh python3; do
  command -v $tool >/dev/null || { echo "FAIL: $tool is missing"; echo "0 passed, 1 failed"; exit 1; }
done
[ -d "$corpus" ] || { echo "FAIL: corpus missing at $corpus"; echo "0 passed, 1 failed"; exit 1; }
work=$(mktemp -d /tmp/vnetctl-libvirt.XXXXXX)
trap 'rm -rf "$work"' EXIT
inputs=$(python3 - "$corpus" <<'PY'
import json, sys
cases = json.load(open(sys.argv[1] + "/cases.json"))["cases"]
skip = {"networkxml2xmlin/8021Qbh-net.xml", "networkxml2xmlin/openvswitch-net.xml"}  # driver-refused
for c in cases:
    if c["family"] == "networkxml2xml" and c["expect"] == "OK" and "driver_expect" not in c \
       and c["inputs"][0] not in skip:
        print(sys.argv[1] + "/" + c["inputs"][0])
PY
)
passed=0 failed=0
for f in $inputs "$here"/examples/*.xml; do
  root=$(mktemp -d "$work/root.XXXXXX")
  mkdir -p "$root/etc/vnetctl/networks"  # an existing store: no built-in default seeded
  out=$root/out.xml
  if ! "$vnetctl" --root "$root" -q define "$f" >/dev/null 2>"$root/err"; then
    echo "FAIL: define $f: $(cat "$root/err")"; failed=$((failed + 1)); continue
  fi
  name=$(python3 -c 'import sys,xml.etree.ElementTree as E; print(E.parse(sys.argv[1]).find("name").text)' "$f")
  "$vnetctl" --root "$root" dumpxml "$name" >"$out"
  if ! virt-xml-validate "$out" network >/dev/null 2>"$root/err"; then
    echo "FAIL: virt-xml-validate on dumpxml of $f: $(cat "$root/err")"; failed=$((failed + 1)); continue
  fi
  # test:///default has its own 'default' network; check ours under another name.
  sed 's|<name>default</name>|<name>vnetctl-check</name>|' "$out" >"$out.virsh"
  if ! virsh -q -c test:///default net-define "$out.virsh" >/dev/null 2>"$root/err"; then
    echo "FAIL: virsh net-define of dumpxml of $f: $(cat "$root/err")"; failed=$((failed + 1)); continue
  fi
  passed=$((passed + 1))
done
echo "libvirt accepts what vnetctl prints: $passed documents"

# define --validate agrees with libvirt's own schema check (virt-xml-validate
# with the same network.rng) on every corpus input and example: valid ones
# pass it, and the others fail it with libvirt's message.
for f in "$corpus"/networkxml2xmlin/*.xml "$corpus"/networkxml2xmlupdatein/*.xml "$here"/examples/*.xml; do
  root=$(mktemp -d "$work/validate.XXXXXX")
  mkdir -p "$root/etc/vnetctl/networks"
  virt-xml-validate "$f" network >/dev/null 2>&1
  want=$?
  "$vnetctl" --root "$root" -q define --validate "$f" >/dev/null 2>"$root/err"
  if grep -q "failed to validate against schema: Unable to validate doc against" "$root/err"; then
    got=1
  else
    got=0
  fi
  if ((got == (want != 0))); then
    passed=$((passed + 1))
  else
    echo "FAIL: define --validate $f: schema verdict $got, virt-xml-validate exit $want: $(head -c 300 "$root/err")"
    failed=$((failed + 1))
  fi
done

# dumpxml --xpath [--wrap] as virsh net-dumpxml --xpath prints it: the same
# definition (the built-in default, which test:///default also has, less the
# uuid and MAC both make up) under expressions of each kind, stdout and exit
# code compared ($(...) drops the empty line a failing command prints, as
# checked below).
root=$(mktemp -d "$work/xpath.XXXXXX")
xpaths=('//ip/@address' '//ip' '/network/name/text()' '//range/@start|//ip/@netmask'
  '/network/name|//ip/@address' '//dhcp' '//nothing' 'string(/network/name)' 'count(//ip)' '//[')
for e in "${xpaths[@]}"; do
  for wrap in "" --wrap; do
    got=$("$vnetctl" --root "$root" net-dumpxml default --xpath "$e" $wrap 2>/dev/null)
    got_rc=$?
    want=$(virsh -c test:///default net-dumpxml default --xpath "$e" $wrap 2>/dev/null)
    want_rc=$?
    ((want_rc != 0)) && want=""
    if [[ $got == "$want" && $got_rc == "$want_rc" ]]; then
      passed=$((passed + 1))
    else
      echo "FAIL: dumpxml --xpath '$e' $wrap: got (exit $got_rc) [$got], virsh (exit $want_rc) [$want]"
      failed=$((failed + 1))
    fi
  done
done
# A failing line prints on stdout exactly what virsh prints there: its empty
# line when the command ran and failed, nothing under -q or when the line
# could not be parsed (virsh exits 1 for those, vnetctl 64: both fail).
printf '<network><name>x</name><bogus/>\n' >"$work/broken.xml"
failing=('net-info nosuch' '-q net-info nosuch' 'net-dumpxml nosuch' 'net-uuid nosuch'
  'net-list --name --uuid' "net-define $work/absent.xml" "net-define $work/broken.xml"
  'net-update default frob ip-dhcp-host <host/>' 'net-undefine' 'net-bogus' 'net-list --bogus')
for line in "${failing[@]}"; do
  # shellcheck disable=SC2086 # each line is the words of a command
  got=$("$vnetctl" --root "$root" $line 2>/dev/null | od -An -c | tr -d ' ')
  got_rc=${PIPESTATUS[0]}
  # shellcheck disable=SC2086
  want=$(virsh -c test:///default $line 2>/dev/null | od -An -c | tr -d ' ')
  want_rc=${PIPESTATUS[0]}
  if [[ $got == "$want" && $got_rc != 0 && $want_rc != 0 ]]; then
    passed=$((passed + 1))
  else
    echo "FAIL: $line: stdout [$got] (exit $got_rc), virsh [$want] (exit $want_rc)"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -ge 46 ]
