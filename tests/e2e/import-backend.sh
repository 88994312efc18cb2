#!/usr/bin/env bash
# import-backend.sh VNETCTL BACKEND: the end-to-end test of
# `vnetctl import --takeover` against the real libvirtd, on one backend
# (tests/e2e/import.sh runs it per backend and prints the table).
#
# In the e2e topology (lib.sh: host namespace with the real manager, private
# /etc /var/lib /run, upstream namespace), the real libvirtd runs in the host
# namespace with six networks; a guest on each holds a DHCP lease through a
# running udhcpc. Every property of each network is recorded as libvirt
# serves it, the five are taken over (`import --takeover`), every property
# is recorded again as vnetctl serves it, and the two are compared. The
# sixth is taken over with a fault injected: libvirt's network must come
# back as it was. libvirt keeps a stand-in of each network taken over (same
# name and uuid, forward mode bridge on vnetctl's bridge), so a real QEMU
# domain of libvirt's on `default` (TCG, iPXE asking for a lease) runs
# through the takeover, starts again unchanged and is hot-plugged after it
# (and one stopped through it, on `lvroute`, starts after it unchanged);
# then `import --handback default` gives libvirt its own network back while
# the domain runs, and the domain restarts under libvirt. Then vnetctl's
# other networks are destroyed and must leave nothing behind.
#
# Output: PASS/FAIL lines, one "IMPORT-CELL BACKEND NETWORK PROPERTY CELL"
# line per table cell (ok | DIFF (libvirt X, vnetctl Y) | FAIL (...) | -),
# and "N passed, N failed". KEEP_WORK=1 keeps the
# work directory (facts, libvirtd log, transcripts); E2E_LOG=FILE copies
# the vnetctl/virsh transcript out.
set -uo pipefail
VNETCTL=$(realpath "${1:?usage: import-backend.sh VNETCTL BACKEND}")
BACKEND=${2:?usage: import-backend.sh VNETCTL BACKEND}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/e2e/lib.sh
source "$here/lib.sh"
PROBE=$here/netprobe.py
SCRIPT=$here/import-udhcpc.script

# --- the networks ----------------------------------------------------------------
# Five taken over, one (lvfail) for the failed takeover. Index N names the
# guests (eN: the existing guest with a running udhcpc; aN/bN: new guests
# before/after; s3: the static host) and their MACs 52:54:00:77:0N:XX.
NETS=(default lviso lvroute lvhosts lvv6)
FAILNET=lvfail
ALLNETS=("${NETS[@]}" "$FAILNET")
declare -A IDX=([default]=0 [lviso]=1 [lvroute]=2 [lvhosts]=3 [lvv6]=4 [lvfail]=5)
declare -A BR=([default]=virbr0 [lviso]=virbr11 [lvroute]=virbr12 [lvhosts]=virbr13 [lvv6]=virbr14 [lvfail]=virbr15)
declare -A FWD=([default]=nat [lviso]=isolated [lvroute]=route [lvhosts]=nat [lvv6]=nat [lvfail]=nat)
declare -A AUTOSTART=([default]=yes [lviso]=no [lvroute]=no [lvhosts]=no [lvv6]=no [lvfail]=yes)
declare -A GW LO HI HIGH SUBNET
for n in "${ALLNETS[@]}"; do
  i=${IDX[$n]}
  if [[ $n == default ]]; then
    p=192.168.122 LO[$n]=$p.2 HI[$n]=$p.254 HIGH[$n]=$p.240
  else
    p=10.77.$i LO[$n]=$p.100 HI[$n]=$p.199 HIGH[$n]=$p.190
  fi
  GW[$n]=$p.1 SUBNET[$n]=$p.0/24
done
STATIC_MAC=52:54:00:77:03:42 STATIC_IP=10.77.3.42
V6_LO=fd77:4::100 V6_HI=fd77:4::1ff
ROUTE_EXTRA="10.78.2.0/24 via 10.77.2.10"  # lvroute's <route>

uuid_of() { printf 'c0ffee00-7700-4000-8000-%012d' "${IDX[$1]}"; }
mac_of() { printf '52:54:00:77:%02x:%s' "${IDX[$1]}" "$2"; }

# net_xml NAME: the libvirt definition.
net_xml() {
  local n=$1 fwd="" extra="" ip6=""
  case ${FWD[$n]} in
    nat) fwd="<forward mode='nat'/>" ;;
    route) fwd="<forward mode='route'/>" ;;
  esac
  case $n in
    lvroute) extra="<route address='10.78.2.0' prefix='24' gateway='10.77.2.10'/>" ;;
    lvhosts)
      extra="<domain name='lab.test' localOnly='yes'/>
  <dns>
    <host ip='10.77.3.200'><hostname>svc</hostname><hostname>svc-alias</hostname></host>
  </dns>" ;;
    lvv6)
      ip6="<ip family='ipv6' address='fd77:4::1' prefix='64'>
    <dhcp><range start='$V6_LO' end='$V6_HI'/></dhcp>
  </ip>" ;;
  esac
  cat <<EOF
<network>
  <name>$n</name>
  <uuid>$(uuid_of "$n")</uuid>
  $fwd
  <bridge name='${BR[$n]}' stp='on' delay='0'/>
  $extra
  <ip address='${GW[$n]}' netmask='255.255.255.0'>
    <dhcp>
      <range start='${LO[$n]}' end='${HI[$n]}'/>
      $([[ $n == lvhosts ]] && echo "<host mac='$STATIC_MAC' name='static1' ip='$STATIC_IP'/>")
    </dhcp>
  </ip>
  $ip6
</network>
EOF
}

# --- running vnetctl and virsh -----------------------------------------------------

# vn ARGS...: vnetctl in the host namespace; stdout in VN_OUT, stderr in
# VN_ERR, exit status in VN_RC; all of it in the transcript (one append, so
# that the parallel recorders' commands do not interleave).
vn() {
  local t0=$SECONDS out err
  out=$(mktemp "$W/vn.XXXXXX") err=$(mktemp "$W/vn.XXXXXX")
  timeout 120 nsenter -t "$VNT_HOLDER" -m -n -- "$VNETCTL" --backend "$BACKEND" "$@" >"$out" 2>"$err"
  VN_RC=$?
  VN_OUT=$(cat "$out") VN_ERR=$(cat "$err")
  printf '$ %svnetctl --backend %s %s\n%s\n[exit %s, %s s]\n' "${VNETCTL_FAULT:+VNETCTL_FAULT=$VNETCTL_FAULT }" \
    "$BACKEND" "$*" "$(cat "$out" "$err")" "$VN_RC" "$((SECONDS - t0))" >>"$W/transcript"
  rm -f "$out" "$err"
}
vn_shows() { printf '%s\n%s\n' "$VN_OUT" "$VN_ERR" | grep -v '^$' | head -30 | sed 's/^/    | /' >&2; }
vn_json() { json_get "${VN_OUT:-null}" "$1" 2>/dev/null; }

# lv ARGS...: virsh against the namespace's libvirtd; output on stdout.
lv() {
  local out rc
  out=$(timeout 60 nsenter -t "$VNT_HOLDER" -m -n -- virsh -q -c qemu:///system "$@" 2>&1)
  rc=$?
  printf '$ virsh %s\n%s\n[exit %s]\n' "$*" "$out" "$rc" >>"$W/transcript"
  printf '%s\n' "$out"
  return $rc
}

# --- libvirtd in the host namespace ---------------------------------------------------

# libvirt_up: libvirtd in the host namespace (tests/e2e/lib.sh).
libvirt_up() {
  e2e_libvirtd_up
  pass "libvirtd $(in_ns libvirtd --version | awk '{print $NF}') runs in the host namespace (PID $LIBVIRTD_PID)"
}

# libvirt_networks: defines and starts the six networks.
libvirt_networks() {
  local n
  for n in "${ALLNETS[@]}"; do
    net_xml "$n" >"$W/$n.xml"
    lv net-define "$W/$n.xml" >/dev/null || { fail "virsh net-define $n"; continue; }
    lv net-start "$n" >/dev/null || { fail "virsh net-start $n: $(tail -3 "$W/libvirtd.log")"; continue; }
    [[ ${AUTOSTART[$n]} == yes ]] && { lv net-autostart "$n" >/dev/null || fail "virsh net-autostart $n"; }
    if wait_for 10 e2e_has_addr "${BR[$n]}" "${GW[$n]}/24"; then
      pass "libvirt started $n (${BR[$n]} ${GW[$n]}/24, ${FWD[$n]})"
    else
      fail "libvirt started $n but ${BR[$n]} has no ${GW[$n]}/24"
    fi
  done
}

# --- guests --------------------------------------------------------------------------
declare -A UDHCPC_PID

# guest_plug NAME NET [MAC]: a guest namespace plugged into NET's bridge.
guest_plug() {
  e2e_guest "$1" "${BR[$2]}" "${3:-}" || return 1
  ip netns exec "$REPLY" sysctl -qw net.ipv6.conf.eth0.accept_dad=0
}
guest_ns() { echo "vng$1-$VNT_ID"; }

# existing_guest NET: guest eN (plugged in by the caller) with a running
# udhcpc (renews on SIGUSR1) that first asked for HIGH (not the address
# dnsmasq would pick for its MAC).
existing_guest() {
  local n=$1 g=e${IDX[$1]}
  # It does not answer pings (as many guests' firewalls): dnsmasq's ping
  # before offering an address must not be what keeps its address from a
  # newcomer; only the server's lease can.
  ip netns exec "$(guest_ns "$g")" sysctl -qw net.ipv4.icmp_echo_ignore_all=1
  wait_for 10 e2e_port_forwarding "$g"
  E2E_EVENTS=$W/$g.events E2E_LEASE_FILE=$W/$g.lease \
    ip netns exec "$(guest_ns "$g")" busybox udhcpc -f -i eth0 -r "${HIGH[$n]}" -x "hostname:guest-$g" \
    -t 10 -T 1 -A 2 -s "$SCRIPT" >"$W/udhcpc-$g.log" 2>&1 &
  UDHCPC_PID[$g]=$!
  VNT_PIDS+=($!)
}

# dhcp_once NAME: a one-shot udhcpc in guest NAME; prints the lease line
# (ip= mask= router= dns= domain= lease= server=) or nothing.
dhcp_once() {
  local g=$1
  rm -f "$W/$g.lease"
  wait_for 10 e2e_port_forwarding "$g"
  E2E_EVENTS=$W/$g.events E2E_LEASE_FILE=$W/$g.lease timeout 30 \
    ip netns exec "$(guest_ns "$g")" busybox udhcpc -i eth0 -n -q -t 8 -T 1 -A 1 \
    -x "hostname:guest-$g" -s "$SCRIPT" >>"$W/udhcpc-$g.log" 2>&1
  cat "$W/$g.lease" 2>/dev/null
}

# verdict NET COLUMN BAD PASSED FAILED: one table cell from the problems a
# check found (BAD, empty when none): PASS with PASSED and "ok", or FAIL
# with FAILED and the problems.
verdict() {
  if [[ -z $3 ]]; then
    pass "$4"
    cell "$1" "$2" ok
  else
    fail "$5:$3"
    cell "$1" "$2" "FAIL ($3 )"
  fi
}

# --- libvirt's domain (issue 17) -----------------------------------------------------
# A real QEMU domain (TCG, no disk: its iPXE ROM asks for a DHCP lease) whose
# interface names the network, as nearly every libvirt domain does. It runs
# through the takeover; afterwards libvirt must still start it, unchanged, on
# vnetctl's bridge, and it leases from vnetctl's dnsmasq.
VM=lvvm VM_NET=default VM_MAC=52:54:00:77:00:77 VM_MAC2=52:54:00:77:00:78
# A second domain, defined but stopped through the takeover, on another
# network: it must start after it just the same.
VM_STOPPED=lvvm2 VM_STOPPED_NET=lvroute VM_STOPPED_MAC=52:54:00:77:02:77

# vm_xml [NAME NET MAC]: the domain's definition (default: VM's).
vm_xml() {
  local name=${1:-$VM} net=${2:-$VM_NET} mac=${3:-$VM_MAC}
  cat <<EOF
<domain type='qemu'>
  <name>$name</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type><boot dev='network'/><bios rebootTimeout='-1'/></os>
  <features><acpi/></features>
  <devices>
    <interface type='network'>
      <source network='$net'/>
      <mac address='$mac'/>
      <model type='e1000'/>
    </interface>
  </devices>
</domain>
EOF
}

# vm_taps [NAME NET]: the domain's taps, as libvirt lists them (virsh
# domiflist). After a start on a bridge-mode network libvirt lists the type
# as "bridge" (the actual type), the source still as the network.
vm_taps() { lv domiflist "${1:-$VM}" | awk -v n="${2:-$VM_NET}" '$3 == n { print $1 }'; }
# vm_taps_on BRIDGE [NAME NET]: every tap of the domain is a port of BRIDGE.
vm_taps_on() {
  local t taps
  taps=$(vm_taps "${2:-$VM}" "${3:-$VM_NET}")
  [[ -n $taps ]] || return 1
  for t in $taps; do
    [[ $(in_ns readlink "/sys/class/net/$t/master") == */"$1" ]] || return 1
  done
}
vm_leased_by_libvirt() { grep -qi "$VM_MAC" <<<"$(lv net-dhcp-leases "$VM_NET")"; }
# vm_lease_line: vnetctl's listed lease of the domain (expiry, MAC, address).
vm_lease_line() {
  vn dhcp-leases "$VM_NET"
  grep -i "$VM_MAC" <<<"$VN_OUT" | awk '{$1 = $1; print}'
}
vm_renewed_by_vnetctl() {
  local l
  l=$(vm_lease_line)
  [[ -n $l && $l != "$1" ]]
}

# vm_start_under_libvirt: defines and starts the domain on libvirt's
# network, and defines the stopped one.
vm_start_under_libvirt() {
  local out
  vm_xml >"$W/$VM.xml"
  if out=$(lv define "$W/$VM.xml" && lv start "$VM"); then
    pass "libvirt started domain $VM on network $VM_NET"
  else
    fail "libvirt could not start domain $VM: $out $(tail -3 "$W/libvirtd.log")"
  fi
  vm_xml "$VM_STOPPED" "$VM_STOPPED_NET" "$VM_STOPPED_MAC" >"$W/$VM_STOPPED.xml"
  lv define "$W/$VM_STOPPED.xml" >/dev/null || fail "virsh define $VM_STOPPED"
}

# vm_stopped_after_takeover: the domain stopped through the takeover starts
# unchanged, its tap on vnetctl's bridge.
vm_stopped_after_takeover() {
  local br=${BR[$VM_STOPPED_NET]} out bad=""
  out=$(lv start "$VM_STOPPED") || bad+=" virsh-start($out)"
  vm_taps_on "$br" "$VM_STOPPED" "$VM_STOPPED_NET" || bad+=" tap-not-on-$br"
  lv destroy "$VM_STOPPED" >/dev/null || bad+=" virsh-destroy"
  verdict "$VM_STOPPED_NET" domain "$bad" \
    "domain $VM_STOPPED, stopped through the takeover: virsh start (unchanged domain) put its tap on vnetctl's $br" \
    "domain $VM_STOPPED after the takeover"
}

# vm_reset_after_takeover: a reboot of the domain after the takeover. `virsh
# reset` reboots it inside its running QEMU (a reboot through ACPI needs a
# guest OS to answer; iPXE has none), so libvirt keeps its taps: they stay on
# vnetctl's bridge, and the rebooted iPXE leases from vnetctl's dnsmasq anew.
# The domain makes no DHCP request between boots (rebootTimeout -1: after
# iPXE finds nothing to boot it stays halted), so a new lease is the reboot's. One table cell: "domain-reboot".
vm_reset_after_takeover() {
  local br=${BR[$VM_NET]} taps before out bad=""
  taps=$(vm_taps | sort | tr '\n' ' ')
  before=$(vm_lease_line)
  out=$(lv reset "$VM") || bad+=" virsh-reset($out)"
  [[ $(vm_taps | sort | tr '\n' ' ') == "$taps" ]] ||
    bad+=" taps-changed(before '$taps', now '$(vm_taps | tr '\n' ' ')')"
  vm_taps_on "$br" || bad+=" tap-not-on-$br"
  wait_for 90 vm_renewed_by_vnetctl "$before" ||
    bad+=" no-new-lease-in-vnetctl(before '${before:-none}', now '$(vm_lease_line)')"
  verdict "$VM_NET" domain-reboot "$bad" \
    "domain $VM rebooted (virsh reset) after the takeover: its taps ($taps) stayed on $br and it leased again from vnetctl's dnsmasq ($(vm_lease_line))" \
    "domain $VM rebooted after the takeover"
}

# --- ports: vnetctl's port-* against libvirt's port driver (issue 18) ----------------
# port_docs TOOL NET: the network's ports as TOOL's port-dumpxml prints them,
# one line per port, the port's and its owner's UUIDs dropped (libvirt makes
# a random one per port; vnetctl derives one from the network and the link).
port_docs() {
  local u
  if [[ $1 == libvirt ]]; then
    for u in $(lv net-port-list "$2" --uuid); do lv net-port-dumpxml "$2" "$u"; echo; done
  else
    vn port-list "$2" --uuid
    for u in $VN_OUT; do
      vn port-dumpxml "$2" "$u"
      printf '%s\n' "$VN_OUT" >"$W/port.$u.xml"
      virt-xml-validate "$W/port.$u.xml" networkport >/dev/null 2>&1 || echo "NOT-VALID-NETWORKPORT"
      printf '%s\n\n' "$VN_OUT"
    done
  fi | python3 -c '
import re, sys
for doc in sys.stdin.read().split("\n\n"):
    doc = re.sub(r"<owner>.*?</owner>|<uuid>[^<]*</uuid>", "", doc, flags=re.S)
    if doc.strip():
        print(" ".join(doc.split()))' | sort
}

# ports_before_takeover: libvirt's port driver lists the running domain's
# port on its network; kept to hold vnetctl's ports to.
ports_before_takeover() { port_docs libvirt "$VM_NET" >"$W/ports.libvirt"; }

# ports_after_takeover: vnetctl's port-list/port-dumpxml of the same network
# (now vnetctl's, on the same bridge) prints every port libvirt's driver
# printed, in libvirt's XML (valid against networkport.rng). vnetctl also
# lists the links libvirt never knew (the veth guests plugged by hand). One
# table cell: "domain-ports".
ports_after_takeover() {
  local bad="" line
  port_docs vnetctl "$VM_NET" >"$W/ports.vnetctl"
  [[ -s $W/ports.libvirt ]] || bad+=" libvirt-listed-no-port"
  grep -q NOT-VALID "$W/ports.vnetctl" && bad+=" port-dumpxml-not-valid-networkport"
  while read -r line; do
    grep -qxF "$line" "$W/ports.vnetctl" || bad+=" missing($line)"
  done <"$W/ports.libvirt"
  verdict "$VM_NET" domain-ports "$bad" \
    "port-list/port-dumpxml $VM_NET: the ports libvirt's port driver printed ($(wc -l <"$W/ports.libvirt")) are vnetctl's, byte for byte but the UUIDs: $(head -1 "$W/ports.libvirt")" \
    "vnetctl's ports of $VM_NET against libvirt's"
}

# --- virsh lines, live: libvirt before the takeover, vnetctl after (issue 18) --------
# Read-only network lines as scripts write them (tests/conformance/virsh-lines/
# has their sources), run with the program name swapped: virsh against the
# namespace's libvirtd before the takeover, vnetctl after it, on the same
# networks with the same leases. Exit codes and stdout must match.
script_lines() {
  cat <<LINES
virsh net-list --all | grep -w $1
virsh -c qemu:///system net-info $1
virsh --connect=qemu:///system net-uuid $1
virsh net-dhcp-leases $1
virsh -q net-dhcp-leases --network $1 | awk '{print \$5}'
virsh net-dumpxml $1 | grep -o "<ip address='[^']*'"
virsh net-dumpxml --xpath '//bridge/@name' $1
virsh net-info --network $1 | grep -i '^active' | awk '{print \$2}'
virsh --readonly -q net-list --all --name --autostart | grep -x $1
LINES
}
# run_lines PHASE NET [LINES]: runs NET's lines (the function LINES prints
# them; default script_lines) with `virsh` being libvirt's (PHASE libvirt) or
# vnetctl (PHASE vnetctl); each line's stdout and the exit code of its first
# command in $W/lines/PHASE.NET.K, the network's name in it written NET.
run_lines() {
  local k=0 line prog
  mkdir -p "$W/lines"
  if [[ $1 == libvirt ]]; then prog="command virsh"; else prog="$VNETCTL --backend $BACKEND"; fi
  while IFS= read -r line; do
    k=$((k + 1))
    printf '%s\n' "$line" >"$W/lines/line.$2.$k"
    timeout 60 nsenter -t "$VNT_HOLDER" -m -n -- env "PROG=$prog" bash -c \
      'virsh() { $PROG "$@"; }; '"$line"'; echo "[exit ${PIPESTATUS[0]}]"' 2>"$W/lines/$1.$2.$k.err" |
      sed "s/\b$2\b/NET/g" >"$W/lines/$1.$2.$k"
    printf '$ [%s] %s\n%s\n' "$1" "$line" "$(cat "$W/lines/$1.$2.$k" "$W/lines/$1.$2.$k.err")" >>"$W/transcript"
  done < <("${3:-script_lines}" "$2")
}
# compare_lines NET_LIBVIRT NET_VNETCTL PROP: one table cell (PROP, on
# NET_VNETCTL's row): each line's output and exit the same on both. Every
# line is one libvirt runs (its first command exits 0; a failure the line
# expects is in what it prints): a line libvirt failed shows the harness
# broken, BAD-REFERENCE, never a match.
compare_lines() {
  local f k bad=""
  for f in "$W/lines/line.$2".*; do
    k=${f##*.}
    if [[ $(tail -1 "$W/lines/libvirt.$1.$k") != "[exit 0]" ]]; then
      fail "$2: libvirt failed [$(cat "$f")]: $(cat "$W/lines/libvirt.$1.$k"{,.err} | tr '\n' '|')"
      cell "$2" "$3" "BAD-REFERENCE ($(cat "$f"))"
      return
    fi
    cmp -s "$W/lines/libvirt.$1.$k" "$W/lines/vnetctl.$2.$k" ||
      bad+=" [$(cat "$f")]: libvirt '$(tr '\n' '|' <"$W/lines/libvirt.$1.$k")' vnetctl '$(tr '\n' '|' <"$W/lines/vnetctl.$2.$k")'"
  done
  verdict "$2" "$3" "$bad" \
    "$2: $(find "$W/lines" -name "line.$2.*" | wc -l) virsh lines ($3) print the same and exit the same under vnetctl as under libvirt" \
    "$2: virsh lines ($3) under vnetctl against libvirt"
}
lines_before_takeover() { local n; for n in "${NETS[@]}"; do run_lines libvirt "$n"; done; }
# lines_after_takeover: one table cell per network: "virsh-lines".
lines_after_takeover() {
  local n
  for n in "${NETS[@]}"; do
    run_lines vnetctl "$n"
    compare_lines "$n" "$n" virsh-lines
  done
}

# live_lines NET: lines that change a running network (LIVE in
# collected.txt: stop, start, a transient network from stdin), the network
# left running.
live_lines() {
  cat <<LINES
virsh -c qemu:///system net-destroy $1
virsh net-info $1 | grep -i '^active'
virsh net-start "$1"
virsh net-info $1 | grep 'Active:\s*yes'; echo \$?
virsh net-destroy --network $1
virsh --connect=qemu:///system net-start $1
virsh net-create /dev/stdin < $W/tnet.xml
virsh net-info tnet | grep -iE '^(active|persistent|bridge)'
virsh net-destroy tnet
virsh net-info tnet; echo \$?
LINES
}
# live_lines_compare: live_lines on libvirt's lvfail (libvirt's again after
# the failed takeover) and on vnetctl's lvroute. One table cell: "virsh-live"
# on lvroute's row.
live_lines_compare() {
  local n
  printf '%s\n' "<network><name>tnet</name><bridge name='virbr16'/>" \
    "<ip address='10.77.6.1' netmask='255.255.255.0'/></network>" >"$W/tnet.xml"
  run_lines libvirt "$FAILNET" live_lines
  run_lines vnetctl lvroute live_lines
  compare_lines "$FAILNET" lvroute virsh-live
  for n in "${ALLNETS[@]}"; do [[ $n == lvroute ]] || cell "$n" virsh-live -; done
}

vm_check_libvirt_lease() {
  if wait_for 90 vm_leased_by_libvirt; then
    pass "domain $VM leased from libvirt's dnsmasq: $(lv net-dhcp-leases "$VM_NET" | grep -i "$VM_MAC" | awk '{print $5}')"
  else
    fail "domain $VM got no lease from libvirt's network: $(lv net-dhcp-leases "$VM_NET" | tr '\n' ' ')"
  fi
}

# vm_after_takeover: the running domain is still on the bridge; stopped and
# started again (virsh destroy/start: libvirt looks the network up anew), it
# comes up on vnetctl's bridge and leases from vnetctl's dnsmasq; a
# hot-plugged interface naming the network joins it too. One table cell:
# "domain".
vm_after_takeover() {
  local br=${BR[$VM_NET]} before out bad=""
  vm_taps_on "$br" || bad+=" running-domain's-tap-not-on-$br"
  before=$(vm_lease_line)
  lv destroy "$VM" >/dev/null
  out=$(lv start "$VM") || bad+=" virsh-start($out)"
  vm_taps_on "$br" || bad+=" new-tap-not-on-$br"
  wait_for 90 vm_renewed_by_vnetctl "$before" ||
    bad+=" no-new-lease-in-vnetctl(before '${before:-none}', now '$(vm_lease_line)')"
  if out=$(lv attach-interface "$VM" network "$VM_NET" --mac "$VM_MAC2" --model e1000 --live); then
    vm_taps_on "$br" || bad+=" hot-plugged-tap-not-on-$br"
  else
    bad+=" attach-interface($out)"
  fi
  verdict "$VM_NET" domain "$bad" \
    "domain $VM after the takeover: its tap stayed on $br; virsh start (unchanged domain) put its new tap on $br and it leased from vnetctl's dnsmasq ($(vm_lease_line)); a hot-plugged interface joined $br" \
    "domain $VM after the takeover"
}

# --- the way back (issue 17) ---------------------------------------------------------
# import --handback gives default back to libvirt while its domain runs:
# libvirt's own definition exactly as it was, active and autostarted, with
# vnetctl's leases and the domain's taps; the domain restarts under libvirt.
vm_lease_in_libvirt() { lv net-dhcp-leases "$VM_NET" | grep -i "$VM_MAC" | awk '{$1 = $1; print}'; }
vm_renewed_by_libvirt() {
  local l
  l=$(vm_lease_in_libvirt)
  [[ -n $l && $l != "$1" ]]
}

handback() {
  local n=$VM_NET bad="" got before out
  vn import --handback --json "$n"
  echo "$VN_OUT" >"$W/handback.json"
  [[ $VN_RC == 0 ]] || bad+=" exit=$VN_RC($(head -3 <<<"$VN_ERR" | tr '\n' ' '))"
  for k in handed_back started_in_libvirt autostart; do
    got=$(vn_json "[x['$k'] for x in j['networks'] if x['name'] == '$n'][0]")
    [[ $got == 1 ]] || bad+=" $k=${got:-missing}"
  done
  got=$(vn_json "[x['leases_carried'] for x in j['networks'] if x['name'] == '$n'][0]")
  [[ -n $got && $got -ge 1 ]] || bad+=" leases_carried=${got:-missing}"
  lv net-dumpxml --inactive "$n" >"$W/$n.back.xml"
  cmp -s "$W/$n.back.xml" "$W/$n.libvirt.xml" || bad+=" definition-differs($(diff "$W/$n.libvirt.xml" "$W/$n.back.xml" | head -4 | tr '\n' ' '))"
  got=$(lv net-info "$n" | awk '/^Active:/ { a = $2 } /^Autostart:/ { s = $2 } END { printf "%s/%s", a, s }')
  [[ $got == "yes/${AUTOSTART[$n]}" ]] || bad+=" libvirt-state=$got"
  wait_for 10 in_ns test -s "/run/libvirt/network/$n.pid" || bad+=" no-libvirt-dnsmasq"
  vm_taps_on "${BR[$n]}" || bad+=" taps-not-on-${BR[$n]}"
  [[ -n $(vm_lease_in_libvirt) ]] || bad+=" lease-not-in-libvirt"
  vn list --all --name
  grep -qx "$n" <<<"$VN_OUT" && bad+=" vnetctl-still-has-$n"
  in_ns test -e "/var/lib/vnetctl/libvirt/$n.xml" && bad+=" kept-definition-left"
  # Another handback of it has nothing to give back.
  vn import --handback "$n"
  [[ $VN_RC == 1 && $VN_ERR == *"keeps no libvirt definition of network '$n'"* ]] ||
    bad+=" second-handback-exit=$VN_RC($VN_ERR)"
  before=$(vm_lease_in_libvirt)
  lv destroy "$VM" >/dev/null
  out=$(lv start "$VM") || bad+=" virsh-start-under-libvirt($out)"
  vm_taps_on "${BR[$n]}" || bad+=" new-tap-not-on-${BR[$n]}"
  wait_for 90 vm_renewed_by_libvirt "$before" || bad+=" no-new-lease-from-libvirt(before '$before', now '$(vm_lease_in_libvirt)')"
  lv destroy "$VM" >/dev/null || bad+=" virsh-destroy"
  verdict "$n" handback "$bad" \
    "import --handback $n: libvirt's own network is back as defined, active, with the leases and taps; $VM restarts and leases under libvirt" \
    "import --handback $n"
}

# --- recording the facts -------------------------------------------------------------
# fact PHASE NET PROP VALUE: PHASE is libvirt (before), vnetctl (after the
# takeover) or rollback (after the failed takeover).
fact() { mkdir -p "$W/facts/$1"; printf '%s\n' "$4" >"$W/facts/$1/$2.$3"; }
fact_get() { cat "$W/facts/$1/$2.$3" 2>/dev/null; }

# record_host PHASE NET: what the host shows (bridge, addresses, routes,
# ports), what the owner lists (state, uuid), and the leases it lists.
record_host() {
  local phase=$1 n=$2 prop val g=e${IDX[$2]} mac
  mac=$(mac_of "$n" 10)
  while read -r prop val; do
    # The new guest bN joins after the takeover: not one of the ports to adopt.
    [[ $prop == ports ]] && val=$(tr ' ' '\n' <<<"$val" | grep -vx "vpb${IDX[$n]}" | paste -sd ' ')
    fact "$phase" "$n" "$prop" "$val"
  done < <(in_ns python3 "$PROBE" link "${BR[$n]}")
  if [[ $phase == vnetctl && -z ${IMPORT_SELFTEST:-} ]]; then
    vn list --all --json
    fact "$phase" "$n" state "$(vn_json "' '.join(k + '=' + ('yes' if x[k] else 'no') for x in j if x['name'] == '$n' for k in ('active', 'persistent', 'autostart'))")"
    fact "$phase" "$n" uuid "$(vn_json "[x['uuid'] for x in j if x['name'] == '$n'][0]")"
    vn dhcp-leases "$n" --json
    fact "$phase" "$n" leases-listed "$(vn_json "' '.join(l['ipaddr'] + '/' + str(l['prefix']) + ' ' + (l['hostname'] or '-') for l in j if l['mac'] == '$mac')")"
  else
    fact "$phase" "$n" state "$(lv net-info "$n" | awk '
      /^Active:/ { a = $2 } /^Persistent:/ { p = $2 } /^Autostart:/ { s = $2 }
      END { printf "active=%s persistent=%s autostart=%s", a, p, s }')"
    fact "$phase" "$n" uuid "$(lv net-uuid "$n")"
    fact "$phase" "$n" leases-listed "$(lv net-dhcp-leases "$n" --mac "$mac" | awk 'NF { print $5, $6 }')"
  fi
}

# record_guests PHASE NET: what guests get (run in the background, one per
# network: everything here only writes fact files). The order matters: a
# newcomer asks for the existing guest's address before that guest renews.
record_guests() {
  local phase=$1 n=$2 i=${IDX[$2]} e p lines new val seen inn
  e=e$i
  p=$([[ $phase == libvirt ]] && echo "a$i" || echo "b$i")
  step "lease-held"
  # lease-held: a newcomer asking for the existing guest's address is
  # offered another one (the server knows the lease). One DHCP client at a
  # time per network: dnsmasq answers a second one late while it checks an
  # address for the first (ping).
  wait_for 15 e2e_port_forwarding "$p"
  val=$(ip netns exec "$(guest_ns "$p")" python3 "$PROBE" offer eth0 "$(mac_of "$n" 40)" "${HIGH[$n]}" 2>&1)
  echo "offer: $val"
  val=${val##*$'\n'}
  if [[ $val == "${HIGH[$n]}" ]]; then val="offered to a newcomer"
  elif [[ $val =~ ^[0-9.]+$ ]]; then val="kept"
  else val="no offer"; fi
  fact "$phase" "$n" lease-held "$val"
  step "dns-leases"
  # dns-leases: the name the existing guest gave in its DHCP request, asked
  # before it renews (so after the takeover only the carried lease names it).
  if [[ $n == lvhosts ]]; then
    fact "$phase" "$n" dns-leases "$(dns_answers "$e" "${GW[$n]}" "guest-$e" "guest-$e.lab.test")"
  else
    fact "$phase" "$n" dns-leases "$(dns_answers "$e" "${GW[$n]}" "guest-$e")"
  fi
  step "existing-lease"
  # existing-lease: the running guest renews (SIGUSR1: a unicast REQUEST
  # with ciaddr to the server it knows, as at T1).
  wait_for 15 e2e_port_forwarding "$e"
  lines=$(wc -l <"$W/$e.events")
  kill -USR1 "${UDHCPC_PID[$e]}" 2>/dev/null
  # shellcheck disable=SC2016
  wait_for 20 bash -c 'tail -n +$(('"$lines"' + 1)) "$1" | grep -q "^\(renew\|bound\) "' _ "$W/$e.events"
  new=$(tail -n +$((lines + 1)) "$W/$e.events" | tr '\n' ',' | sed 's/,$//; s/,/, /g')
  fact "$phase" "$n" existing-lease "${new:-nothing}"
  step "dhcp-range"
  # dhcp-range: a new guest's lease, and what came with it.
  range_fact "$phase" "$n" "$p"
  if [[ $n == lvhosts ]]; then
    step "static-lease"
    val=$(dhcp_once s3)
    val=${val%% *}
    fact "$phase" "$n" static-lease "${val#ip=}"
    # dns: the <dns><host> entries, and the static host's name (dnsmasq
    # names a <dhcp><host> once it holds its lease).
    fact "$phase" "$n" dns "$(dns_answers "$e" "${GW[$n]}" svc svc-alias svc.lab.test static1 static1.lab.test)"
  fi
  step "forward"
  # forward: what upstream sees of the guest, and whether upstream reaches it.
  seen=$(e2e_connect_short "$(guest_ns "$e")" "$E2E_UP_PEER" "$E2E_UP_PORT")
  inn=$(e2e_connect_short "$E2E_UP_NS" "${HIGH[$n]}" "$E2E_GUEST_PORT")
  fact "$phase" "$n" forward "out=$seen in=$inn"
  step "ipv6"
  # ipv6: the new guest's router (RA) and DHCPv6 offer.
  if [[ $n == lvv6 ]]; then
    local rt a6
    # The kernel solicits 3 times, 4 s apart; under load (the CI's VM bed
    # and libvirt's TCG domain beside it) an answer can miss 10 s.
    wait_for 30 bash -c "ip -n $(guest_ns "$p") -6 route show default | grep -q via"
    rt=$(ip -n "$(guest_ns "$p")" -6 route show default | awk '{ print $3; exit }')
    a6=$(ip netns exec "$(guest_ns "$p")" python3 "$PROBE" dhcp6 eth0 2>/dev/null)
    if [[ $a6 == *:* ]]; then
      if python3 -c 'import ipaddress as i, sys; a, f, l = map(i.ip_address, sys.argv[1:]); sys.exit(0 if f <= a <= l else 1)' \
        "$a6" "$V6_LO" "$V6_HI"; then a6=in-range; else a6="OUT-OF-RANGE($a6)"; fi
    fi
    fact "$phase" "$n" ipv6 "ra-router=${rt:-none} dhcp6=${a6:-none}"
  fi
  step finished
}

# range_fact PHASE NET GUEST: the dhcp-range fact from GUEST's lease.
range_fact() {
  local phase=$1 n=$2 val ip
  val=$(dhcp_once "$3")
  if [[ -z $val ]]; then
    val="no lease"
  else
    ip=${val%% *}
    ip=${ip#ip=}
    if e2e_in_range "$ip" "${LO[$n]}" "${HI[$n]}"; then
      val="in-range ${val#* }"
    else
      val="OUT-OF-RANGE($ip) ${val#* }"
    fi
  fi
  fact "$phase" "$n" dhcp-range "$val"
}

# step WHAT: a timestamp in the network's record log.
step() { echo "$EPOCHREALTIME $*"; }

# e2e_connect_short NS ADDR PORT: what the listener saw us as, or "blocked".
e2e_connect_short() {
  local r
  r=$(timeout 6 ip netns exec "$1" python3 "$E2E_DIR/tcpecho.py" connect "$2" "$3" 2 2>/dev/null)
  echo "${r:-blocked}"
}

# dns_answers GUEST SERVER NAME...: "NAME=ANSWER ..." from the guest.
dns_answers() {
  local g=$1 srv=$2 name out=()
  shift 2
  for name in "$@"; do
    out+=("$name=$(ip netns exec "$(guest_ns "$g")" python3 "$PROBE" dns "$srv" "$name" A 2>/dev/null)")
  done
  echo "${out[*]}"
}

# record PHASE NET...: the facts of each network, all networks in
# parallel (each recorder only writes fact files and its log). On libvirt's
# side the host is recorded after the guests (so the ports include every
# guest plugged in before the takeover); after the takeover before them (the
# lease list before any guest renews).
record() {
  local phase=$1 n pids=()
  shift
  for n in "$@"; do
    record_one "$phase" "$n" >"$W/record-$phase-$n.log" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}"
}

record_one() {
  local phase=$1 n=$2
  if [[ $phase == libvirt ]]; then
    record_guests "$phase" "$n"
    record_host "$phase" "$n"
  else
    # The bridge has carrier (and IPv6 link-local addresses) once a port
    # forwards: STP needs two forward delays after a port joins.
    wait_for 15 e2e_port_forwarding "e${IDX[$n]}"
    record_host "$phase" "$n"
    record_guests "$phase" "$n"
  fi
}

# plug_probes PHASE NET...: the new guests (in this shell: namespaces must
# be registered for cleanup), early, so STP is done when they are used.
plug_probes() {
  local phase=$1 n
  shift
  for n in "$@"; do
    if [[ $phase == libvirt ]]; then
      guest_plug "a${IDX[$n]}" "$n" "$(mac_of "$n" 20)"
      [[ $n == lvhosts ]] && guest_plug s3 "$n" "$STATIC_MAC"
    else
      guest_plug "b${IDX[$n]}" "$n" "$(mac_of "$n" 30)"
    fi
  done
}

# --- what libvirt's side must show (the harness's own check) -------------------------
# expect_libvirt NET PROP: what libvirt itself must produce; '' when there
# is no fixed expectation (bridge MAC, uuid: whatever libvirt has).
expect_libvirt() {
  local n=$1 i=${IDX[$1]}
  case $2 in
    uuid) uuid_of "$n" ;;
    state) echo "active=yes persistent=yes autostart=${AUTOSTART[$n]}" ;;
    addresses) [[ $n == lvv6 ]] && echo "${GW[$n]}/24 fd77:4::1/64" || echo "${GW[$n]}/24" ;;
    existing-lease) echo "renew ${HIGH[$n]}" ;;
    lease-held) echo kept ;;
    ports)
      if [[ $n == lvhosts ]]; then echo "vpa$i vpe$i vps$i"
      # libvirt's domain's tap (vnet0) too, outside the harness's selftest.
      elif [[ $n == "$VM_NET" && -z ${IMPORT_SELFTEST:-} ]]; then echo "vnet0 vpa$i vpe$i"
      else echo "vpa$i vpe$i"; fi ;;
    static-lease) echo "$STATIC_IP" ;;
    leases-listed) echo "${HIGH[$n]}/24 guest-e$i" ;;
    forward)
      case ${FWD[$n]} in
        nat) echo "out=$E2E_UP_HOST in=blocked" ;;
        route) echo "out=${HIGH[$n]} in=$E2E_UP_PEER" ;;
        isolated) echo "out=blocked in=blocked" ;;
      esac ;;
    dns) echo "svc=10.77.3.200 svc-alias=10.77.3.200 svc.lab.test=10.77.3.200 static1=$STATIC_IP static1.lab.test=$STATIC_IP" ;;
    dns-leases)
      if [[ $n == lvhosts ]]; then echo "guest-e$i=${HIGH[$n]} guest-e$i.lab.test=${HIGH[$n]}"
      else echo "guest-e$i=${HIGH[$n]}"; fi ;;
    routes)
      if [[ $n == lvroute ]]; then echo "${SUBNET[$n]}, $ROUTE_EXTRA"
      elif [[ $n == lvv6 ]]; then echo "${SUBNET[$n]}, fd77:4::/64"
      else echo "${SUBNET[$n]}"; fi ;;
    *) echo "" ;;
  esac
}

# expect_prefix NET PROP: libvirt's value must start with this.
expect_prefix() {
  local n=$1
  case $2 in
    bridge) echo "${BR[$n]} stp=1 " ;;
    dhcp-range)
      local r=${GW[$n]}
      [[ ${FWD[$n]} == isolated ]] && r=-
      echo "in-range mask=24 router=$r dns=${GW[$n]} " ;;
    ipv6) echo "ra-router=fe80::" ;;
    *) echo "" ;;
  esac
}

# applies NET PROP: the property exists for NET on this backend.
applies() {
  case $2 in
    static-lease | dns) [[ $1 == lvhosts ]] ;;
    ipv6) [[ $1 == lvv6 ]] ;;
    *) true ;;
  esac
}

PROPS=(bridge mac addresses link-local routes ports uuid state dhcp-range static-lease
  existing-lease lease-held leases-listed forward dns dns-leases ipv6)

cell() { echo "IMPORT-CELL $BACKEND $1 $2 $3"; }

# compare NET PHASE: one table cell per property, libvirt's facts against
# PHASE's (vnetctl after the takeover, or libvirt again after the rollback).
compare() {
  local n=$1 phase=$2 prop a b want pre
  for prop in "${PROPS[@]}"; do
    if ! applies "$n" "$prop"; then cell "$n" "$prop" "-"; continue; fi
    a=$(fact_get libvirt "$n" "$prop")
    b=$(fact_get "$phase" "$n" "$prop")
    want=$(expect_libvirt "$n" "$prop")
    pre=$(expect_prefix "$n" "$prop")
    if [[ -n $want && $a != "$want" ]] || [[ -n $pre && $a != "$pre"* ]]; then
      fail "$n $prop: libvirt itself shows '$a', the test expects '${want:-$pre...}' (harness)"
      cell "$n" "$prop" "BAD-REFERENCE (libvirt $a)"
    elif [[ $a == "$b" ]]; then
      pass "$n $prop: $phase matches libvirt ($a)"
      cell "$n" "$prop" ok
    else
      fail "$n $prop: libvirt '$a', $phase '$b'"
      cell "$n" "$prop" "DIFF (libvirt $a, $phase $b)"
    fi
  done
}

# --- the takeover ------------------------------------------------------------------------

# check_import_json: import's --json report of each network.
check_import_json() {
  local n bad k want got
  for n in "${NETS[@]}"; do
    bad=""
    for k in taken_over started defined active_in_libvirt persistent; do
      got=$(vn_json "[x['$k'] for x in j['networks'] if x['name'] == '$n'][0]")
      [[ $got == 1 ]] || bad+=" $k=${got:-missing}"
    done
    for k in bridge uuid autostart ports_adopted; do
      case $k in
        bridge) want=${BR[$n]} ;;
        uuid) want=$(uuid_of "$n") ;;
        autostart) want=$([[ ${AUTOSTART[$n]} == yes ]] && echo 1 || echo 0) ;;
        ports_adopted) want=$(fact_get libvirt "$n" ports | wc -w) ;;
      esac
      got=$(vn_json "[x['$k'] for x in j['networks'] if x['name'] == '$n'][0]")
      [[ $got == "$want" ]] || bad+=" $k=${got:-missing}(want $want)"
    done
    # Every lease libvirt listed is carried where vnetctl's dnsmasq serves.
    if applies "$n" leases-listed; then
      want=$(lv net-dhcp-leases "$n" | grep -c ipv)
      got=$(vn_json "[x['leases_carried'] for x in j['networks'] if x['name'] == '$n'][0]")
      [[ -n $got && $got -ge $want ]] || bad+=" leases_carried=${got:-missing}(libvirt had $want)"
    fi
    # These are plain libvirt networks: every backend must carry all of
    # them (--allow-partial only lets the comparison show what differs).
    got=$(vn_json "'; '.join(u['where'] + ': ' + u['message'] for x in j['networks'] if x['name'] == '$n' for u in x['uncarried'])")
    [[ -z $got ]] || bad+=" uncarried: $got"
    if [[ -z $bad ]]; then
      pass "import --json: $n taken over as libvirt had it"
      cell "$n" import ok
    else
      fail "import --json: $n:$bad"
      cell "$n" import "FAIL ($bad )"
    fi
  done
}

# check_handover NET: libvirt keeps a stand-in of the same name and uuid in
# forward mode bridge on vnetctl's bridge, active, autostarted as before;
# vnetctl keeps libvirt's own definition.
check_handover() {
  local n=$1 s want xml
  s=$(lv net-info "$n" | awk '/^Active:/ { a = $2 } /^Autostart:/ { s = $2 } /^Bridge:/ { b = $2 }
    END { printf "active=%s autostart=%s bridge=%s", a, s, b }')
  want="active=yes autostart=${AUTOSTART[$n]} bridge=${BR[$n]}"
  xml=$(lv net-dumpxml "$n")
  grep -q "<forward mode='bridge'/>" <<<"$xml" || s+=" (not forward mode='bridge')"
  grep -q "<uuid>$(uuid_of "$n")</uuid>" <<<"$xml" || s+=" (another uuid)"
  in_ns cmp -s "/var/lib/vnetctl/libvirt/$n.xml" "$W/$n.libvirt.xml" || s+=" (libvirt's definition not kept as it was)"
  if [[ $s == "$want" ]]; then
    pass "$n: libvirt keeps a bridge-mode stand-in on ${BR[$n]} ($s)"
    cell "$n" handover ok
  else
    fail "$n: libvirt's network after the takeover: $s (want $want)"
    cell "$n" handover "FAIL (libvirt $s)"
  fi
}

takeover() {
  local n
  for n in "${NETS[@]}"; do lv net-dumpxml --inactive "$n" >"$W/$n.libvirt.xml"; done
  vn import --takeover --replace --allow-partial --json "${NETS[@]}"
  echo "$VN_OUT" >"$W/import.json"
  if [[ $VN_RC == 0 ]]; then
    pass "vnetctl import --takeover ${NETS[*]} exits 0"
  else
    fail "vnetctl import --takeover ${NETS[*]} exits $VN_RC:"
    vn_shows
  fi
  check_import_json
  for n in "${NETS[@]}"; do
    check_handover "$n"
    [[ $n == "$VM_NET" || $n == "$VM_STOPPED_NET" ]] || cell "$n" domain -
    [[ $n == "$VM_NET" ]] || { cell "$n" domain-reboot -; cell "$n" domain-ports -; }
  done
}

# failed_takeover: the fault makes vnetctl's start fail after verification;
# libvirt's network must be back as it was, and vnetctl must have none.
failed_takeover() {
  local n=$FAILNET bad=""
  VNETCTL_FAULT=verified vn import --takeover --json "$n"
  echo "$VN_OUT" >"$W/import-fail.json"
  [[ $VN_RC != 0 ]] || bad+=" exit 0"
  vn list --all --name
  grep -qx "$n" <<<"$VN_OUT" && bad+=" vnetctl still has $n"
  check "$n: libvirt's dnsmasq runs again" wait_for 10 in_ns test -s "/run/libvirt/network/$n.pid"
  if [[ -z $bad ]]; then
    pass "failed takeover of $n: exit non-zero, no vnetctl network left"
    cell "$n" import "ok (failed as injected)"
  else
    fail "failed takeover of $n:$bad"
    cell "$n" import "FAIL ($bad )"
  fi
  plug_probes rollback "$n"
  record rollback "$n"
  compare "$n" rollback
  cell "$n" handover -
  cell "$n" domain -
  cell "$n" domain-reboot -
  cell "$n" domain-ports -
  cell "$n" virsh-lines -
  cell "$n" handback -
  cell "$n" destroy -
}

# IMPORT_SELFTEST=1 proves the harness without vnetctl: libvirt "takes
# over" its own networks (net-destroy, net-start, the old ports re-attached
# by hand, as import does; the same for the failed takeover), and every
# property must compare equal. IMPORT_SELFTEST_DROP_LEASES=NET proves the
# lease checks bite: libvirt restarts NET without its leases (its dnsmasq
# status file removed), and NET's lease cells must show DIFFs.
selftest_takeover() {
  local n p
  for n in "$@"; do
    lv net-destroy "$n" >/dev/null || fail "selftest: virsh net-destroy $n"
    [[ $n == "${IMPORT_SELFTEST_DROP_LEASES:-}" ]] && in_ns rm -f "/var/lib/libvirt/dnsmasq/${BR[$n]}.status"
    lv net-start "$n" >/dev/null || fail "selftest: virsh net-start $n"
    for p in $(fact_get libvirt "$n" ports); do in_ns ip link set "$p" master "${BR[$n]}"; done
    cell "$n" import "- (selftest)"
    cell "$n" handover "- (selftest)"
    cell "$n" domain "- (selftest)"
    cell "$n" handback "- (selftest)"
    cell "$n" destroy "- (selftest)"
  done
}

# --- destroy ------------------------------------------------------------------------------

# owned_files NET: files vnetctl owns for NET in the namespace (as in scenarios.sh).
owned_files() {
  in_ns find /run /etc/systemd /etc/NetworkManager /etc/netplan /etc/network /etc/vnetctl \
    \( -path /run/dbus -o -path /etc/vnetctl/networks \) -prune -o \
    \( -name "vnetctl-$1" -o -name "vnetctl-$1.*" -o -name "vnetctl-$1-*" \
    -o -name "[0-9][0-9]-vnetctl-$1.*" -o -name "[0-9][0-9]-vnetctl-$1" \
    -o -path "*/vnetctl/*" -name "$1.*" \) -print 2>/dev/null
}

manager_knows() {
  # (grep on a here-string: with pipefail, grep -q ending a pipe early
  # would fail the writer with SIGPIPE.)
  [[ $BACKEND == networkmanager ]] && grep -qx "vnetctl-$1" <<<"$(in_ns nmcli -t -f NAME connection show)"
}

# destroy_all: destroy, then autostart --disable and undefine, each network;
# nothing of it may stay (link, addresses, routes, nft, dnsmasq, files, the
# manager's profile); libvirt keeps its stand-ins.
destroy_all() {
  local n br left bad
  for n in "${NETS[@]}"; do
    if [[ $n == "$VM_NET" ]]; then
      cell "$n" destroy "- (handed back)"
      continue
    fi
    cell "$n" handback -
    br=${BR[$n]} bad=""
    vn destroy "$n"
    [[ $VN_RC == 0 ]] || bad+=" destroy-exit=$VN_RC"
    wait_for 10 bash -c "! nsenter -t $VNT_HOLDER -m -n -- ip link show dev $br" || bad+=" link-$br"
    grep -qF " ${GW[$n]}/" <<<"$(in_ns ip -o addr show)" && bad+=" address-${GW[$n]}"
    [[ -z $(in_ns ip route show "${SUBNET[$n]}") ]] || bad+=" route-${SUBNET[$n]}"
    in_ns nft list table inet "vnetctl_$n" >/dev/null 2>&1 && bad+=" nft-vnetctl_$n"
    [[ -z $(e2e_dnsmasq_for "$n" "$br") ]] || bad+=" dnsmasq"
    in_ns test -e "/run/vnetctl/networks/$n.json" && bad+=" status-file"
    [[ ${AUTOSTART[$n]} == yes ]] && { vn autostart "$n" --disable; [[ $VN_RC == 0 ]] || bad+=" autostart-disable-exit=$VN_RC"; }
    vn undefine "$n"
    [[ $VN_RC == 0 ]] || bad+=" undefine-exit=$VN_RC"
    left=$(owned_files "$n" | tr '\n' ' ')
    [[ -z $left ]] || bad+=" files:$left"
    in_ns test -e "/etc/vnetctl/networks/$n.xml" && bad+=" definition"
    manager_knows "$n" && bad+=" manager-profile"
    lv net-info "$n" >/dev/null || bad+=" libvirt-stand-in-gone"
    if [[ -z $bad ]]; then
      pass "$n: destroy + undefine left nothing behind"
      cell "$n" destroy ok
    else
      fail "$n: left behind:$bad"
      cell "$n" destroy "FAIL ($bad )"
    fi
  done
}

# --- main ----------------------------------------------------------------------------------

main() {
  local n i
  require_root
  # shellcheck disable=SC2046 # word list
  require_tools "${E2E_TOOLS[@]}" $(e2e_tools_for "$BACKEND") libvirtd virsh iptables
  [[ -x $VNETCTL ]] || die "no vnetctl at $VNETCTL"
  e2e_install_trap
  trap on_exit EXIT
  e2e_host_up "$BACKEND"
  pass "$BACKEND: topology up"
  libvirt_up
  # The upstream reaches every guest subnet through the host (routed
  # network; NAT and isolated ones must refuse).
  ip -n "$E2E_UP_NS" route add 10.77.0.0/16 via "$E2E_UP_HOST"
  ip -n "$E2E_UP_NS" route add 192.168.122.0/24 via "$E2E_UP_HOST"
  libvirt_networks
  echo "--- guests (at $SECONDS s)"
  [[ -n ${IMPORT_SELFTEST:-} ]] || vm_start_under_libvirt
  for n in "${ALLNETS[@]}"; do guest_plug "e${IDX[$n]}" "$n" "$(mac_of "$n" 10)"; done
  for n in "${ALLNETS[@]}"; do existing_guest "$n"; done
  for n in "${ALLNETS[@]}"; do
    i=${IDX[$n]}
    if wait_for 30 grep -q "^bound ${HIGH[$n]}\$" "$W/e$i.events"; then
      pass "guest e$i on $n holds ${HIGH[$n]}"
    else
      fail "guest e$i on $n: $(tr '\n' ' ' <"$W/e$i.events" 2>/dev/null) $(tail -2 "$W/udhcpc-e$i.log")"
    fi
    # isolated: a route by hand, so "nothing leaves" is the network's doing.
    [[ ${FWD[$n]} == isolated ]] && ip -n "$(guest_ns "e$i")" route add "$E2E_UP_PEER/32" via "${GW[$n]}"
    e2e_guest_listen "$(guest_ns "e$i")" "e$i" || fail "guest e$i's listener did not start"
  done
  [[ -n ${IMPORT_SELFTEST:-} ]] || vm_check_libvirt_lease
  echo "--- libvirt's facts (at $SECONDS s)"
  plug_probes libvirt "${ALLNETS[@]}"
  record libvirt "${ALLNETS[@]}"
  [[ -n ${IMPORT_SELFTEST:-} ]] || { lines_before_takeover; ports_before_takeover; }
  echo "--- takeover (at $SECONDS s)"
  if [[ -n ${IMPORT_SELFTEST:-} ]]; then selftest_takeover "${NETS[@]}"; else takeover; fi
  # Before any guest renews a lease (record does), so that the leases listed
  # are the ones libvirt listed.
  [[ -n ${IMPORT_SELFTEST:-} ]] || lines_after_takeover
  echo "--- vnetctl's facts (at $SECONDS s)"
  plug_probes vnetctl "${NETS[@]}"
  record vnetctl "${NETS[@]}"
  for n in "${NETS[@]}"; do compare "$n" vnetctl; done
  echo "--- libvirt's domain after the takeover (at $SECONDS s)"
  if [[ -z ${IMPORT_SELFTEST:-} ]]; then
    ports_after_takeover
    vm_after_takeover
    vm_reset_after_takeover
    vm_stopped_after_takeover
  fi
  echo "--- handback (at $SECONDS s)"
  [[ -n ${IMPORT_SELFTEST:-} ]] || handback
  echo "--- failed takeover (at $SECONDS s)"
  if [[ -n ${IMPORT_SELFTEST:-} ]]; then
    selftest_takeover "$FAILNET"
    plug_probes rollback "$FAILNET"
    record rollback "$FAILNET"
    compare "$FAILNET" rollback
    summary
    return
  fi
  failed_takeover
  echo "--- virsh lines that stop and start networks (at $SECONDS s)"
  live_lines_compare
  echo "--- destroy (at $SECONDS s)"
  destroy_all
  echo "--- done (at $SECONDS s)"
  summary
}

# pids_in_netns NS...: every process in those network namespaces (one pass
# over /proc; lib.sh's netns_pids forks a readlink per process and namespace,
# which takes tens of seconds with this test's twenty namespaces).
pids_in_netns() {
  local ns inos=()
  for ns in "$@"; do inos+=("$(netns_inode "$ns")"); done
  python3 - "${inos[@]}" <<'PY'
import os, sys
want = {f"net:[{i}]" for i in sys.argv[1:] if i}
for p in os.listdir("/proc"):
    if p.isdigit():
        try:
            if os.readlink(f"/proc/{p}/ns/net") in want:
                print(p)
        except OSError:
            pass
PY
}

# fast_cleanup: as e2e_cleanup, with every process of the test's namespaces
# (daemons by PID: this script's and what they started there) signalled at
# once, then waited for together.
fast_cleanup() {
  local pids p i
  trap '' INT TERM
  for ((i = ${#VNT_PIDS[@]} - 1; i >= 0; i--)); do kill -TERM "${VNT_PIDS[i]}" 2>/dev/null; done
  pids=$(pids_in_netns "${VNT_NETNS[@]}")
  for p in $pids; do kill -TERM "$p" 2>/dev/null; done
  for ((i = 0; i < 50; i++)); do
    local alive=""
    for p in "${VNT_PIDS[@]}" $pids; do kill -0 "$p" 2>/dev/null && alive+=" $p"; done
    [[ -z $alive ]] && break
    sleep 0.1
  done
  for p in $alive; do kill -KILL "$p" 2>/dev/null; done
  VNT_PIDS=()
  cleanup
}

on_exit() {
  trap '' INT TERM
  [[ -n ${E2E_LOG:-} && -n ${W:-} && -f $W/transcript ]] && cp "$W/transcript" "$E2E_LOG"
  if [[ -n ${KEEP_WORK:-} && -n ${W:-} ]]; then
    echo "work directory kept: $W"
    VNT_TMPDIRS=()
    fast_cleanup
  else
    fast_cleanup
  fi
}

main
