#!/usr/bin/env bash
# virsh_lines.sh VNETCTL: the virsh network lines that public scripts write
# (tests/conformance/virsh-lines/collected.txt, each with its source), run
# once against libvirt's real network driver (a session libvirtd as nobody,
# tests/conformance/session_libvirtd.sh) and once with the program name
# swapped to vnetctl (an --root store), both from the same networks and files
# (tests/conformance/virsh-lines/fixtures). Per line: the exit status (0 or
# not; a vnetctl failure is never the usage code 64 where virsh ran the
# command), stdout byte for byte, and the networks afterwards (net-list
# --all, and each one's net-info and net-dumpxml --inactive) must be libvirt's.
# Lines that need a running network (LIVE) run in tests/e2e/import-backend.sh
# against a root libvirtd; they are counted here, not run. Prints
# "N passed, N failed". Needs root (runuser).
set -uo pipefail
vnetctl=$(realpath "${1:?usage: virsh_lines.sh PATH-TO-vnetctl}")
here=$(cd "$(dirname "$0")/../conformance" && pwd)
lines=$here/virsh-lines/collected.txt fixtures=$here/virsh-lines/fixtures
for tool in virsh libvirtd runuser xmllint; do
  command -v $tool >/dev/null || [ -x /usr/sbin/$tool ] ||
    { echo "FAIL: $tool is missing"; echo "0 passed, 1 failed"; exit 1; }
done
[ -s "$lines" ] || { echo "FAIL: no $lines"; echo "0 passed, 1 failed"; exit 1; }
work=$(mktemp -d /tmp/vnetctl-virsh-lines.XXXXXX)
# shellcheck source=../conformance/session_libvirtd.sh
. "$here/session_libvirtd.sh"
trap 'session_libvirtd_stop; rm -rf "$work"' EXIT
session_libvirtd_init "$work"
unset VNETCTL_ROOT VNETCTL_BACKEND VNETCTL_FAULT LIBVIRT_DEFAULT_URI VIRSH_DEFAULT_CONNECT_URI

# $work/libvirt/virsh: libvirt's virsh as nobody, the system URIs a line
# names mapped to the session daemon (the same networks, unprivileged).
mkdir -p "$work/libvirt" "$work/vnetctl"
cat >"$work/libvirt/virsh" <<WRAP
#!/usr/bin/env bash
args=()
for a in "\$@"; do
  case \$a in
    qemu:///system* | network:///system*) a=network:///session ;;
    --connect=qemu:///system* | --connect=network:///system*) a=--connect=network:///session ;;
  esac
  # A process substitution's pipe (/dev/fd/N) is root's: virsh runs as
  # nobody here, where a script's virsh runs as its caller.
  case \$a in /dev/fd/*) chmod a+r "\$a" 2>/dev/null ;; esac
  args+=("\$a")
done
. "$here/session_libvirtd.sh"
SESSION_HOME=$SESSION_HOME
session_run virsh "\${args[@]}"
WRAP
chmod 755 "$work/libvirt/virsh"
ln -s "$vnetctl" "$work/vnetctl/vnetctl"

# side_run SIDE LINE: LINE in a fresh copy of the fixture files, as libvirt
# (SIDE libvirt: `virsh` is libvirt's) or as vnetctl (SIDE vnetctl: the word
# virsh swapped for vnetctl, as the README tells script writers to).
side_run() {
  local line=$2
  [ "$1" = vnetctl ] && line=$(sed -E 's/(^|[^-[:alnum:]_.\/])virsh /\1vnetctl /g' <<<"$line")
  (cd "$work/cwd.$1" && PATH=$work/$1:$PATH VNETCTL_ROOT=$work/root timeout 60 \
    bash -c "$line"'; echo "[exit ${PIPESTATUS[0]}]"')
}

# reset: both sides back to the fixtures: default (autostarted) and lab,
# inactive; ./new.xml and ./bad.xml in each side's working directory.
reset() {
  local n side
  for n in $(PATH=$work/libvirt:$PATH virsh net-list --all --name); do
    PATH=$work/libvirt:$PATH virsh -q net-undefine "$n" >/dev/null
  done
  rm -rf "$work/root" && mkdir -p "$work/root/etc/vnetctl/networks"
  for side in libvirt vnetctl; do
    rm -rf "$work/cwd.$side" && mkdir -m 755 "$work/cwd.$side"
    cp "$fixtures"/*.xml "$work/cwd.$side/" && chmod 644 "$work/cwd.$side"/*.xml
    side_run "$side" 'virsh -q net-define default.xml && virsh -q net-define lab.xml &&
      virsh -q net-autostart default' >/dev/null 2>&1
  done
}

# state SIDE: the networks as the side lists them afterwards.
state() {
  side_run "$1" 'virsh net-list --all; for n in $(virsh net-list --all --name); do
    virsh net-info "$n"; virsh net-dumpxml --inactive "$n"; done' 2>&1
}

# Cases: a block of "# source:", "# as written:" and one line (or LIVE /
# SESSION / REMOTE), blocks apart by a blank line.
passed=0 failed=0 live=0 k=0
declare -a srcs cmds
while IFS= read -r l; do
  case $l in
    "# source: "*) src=${l#\# source: } ;;
    "#"* | "") ;;
    LIVE | SESSION | REMOTE) live=$((live + 1)) ;;
    *) srcs+=("$src") cmds+=("$l") ;;
  esac
done <"$lines"
for i in "${!cmds[@]}"; do
  k=$((k + 1))
  line=${cmds[$i]} bad=""
  reset
  side_run libvirt "$line" >"$work/out.libvirt" 2>"$work/err.libvirt"
  side_run vnetctl "$line" >"$work/out.vnetctl" 2>"$work/err.vnetctl"
  rc_l=$(sed -n 's/^\[exit \([0-9]*\)\]$/\1/p' "$work/out.libvirt" | tail -1)
  rc_v=$(sed -n 's/^\[exit \([0-9]*\)\]$/\1/p' "$work/out.vnetctl" | tail -1)
  if [ "$rc_l" = 0 ] && [ "$rc_v" != 0 ]; then bad+=" exit: libvirt 0, vnetctl $rc_v;"; fi
  if [ "$rc_l" != 0 ] && [ "$rc_v" = 0 ]; then bad+=" exit: libvirt $rc_l, vnetctl 0;"; fi
  if [ "$rc_v" = 64 ] && ! grep -qE "option|command '" "$work/err.libvirt"; then
    bad+=" vnetctl's usage error (64) where virsh ran the command;"
  fi
  # stdout without the exit line: a failure's code is vnetctl's documented one
  # (65 for bad XML, 64 for a usage error), where virsh's is always 1.
  cmp -s <(grep -v '^\[exit [0-9]*\]$' "$work/out.libvirt") \
    <(grep -v '^\[exit [0-9]*\]$' "$work/out.vnetctl") || bad+=" stdout differs;"
  state libvirt >"$work/state.libvirt"
  state vnetctl >"$work/state.vnetctl"
  cmp -s "$work/state.libvirt" "$work/state.vnetctl" || bad+=" the networks afterwards differ;"
  if [ -z "$bad" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: [$k] $line"
    echo "    source: ${srcs[$i]}"
    echo "    problem:$bad"
    for f in out err; do
      diff -u --label "libvirt $f" --label "vnetctl $f" "$work/$f.libvirt" "$work/$f.vnetctl" | head -30 | sed 's/^/    /'
    done
    diff -u --label "libvirt: networks after" --label "vnetctl: networks after" \
      "$work/state.libvirt" "$work/state.vnetctl" | head -40 | sed 's/^/    /'
  fi
done
echo "virsh lines: ${#cmds[@]} run against libvirt and vnetctl, $live need a running network or another URI (not run here)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
