#!/usr/bin/env bash
# The booted-VM test bed (issue 14): autostart that survives a reboot, and a
# host uplink nobody disturbs, on each of the five manager set-ups, in real
# Debian 12 VMs (systemd, udev, the manager as the system service).
#
#   tests/host/run.sh PACKAGE.deb|PACKAGE-DIR|BUILD-DIR [SCENARIO...]
#
# PACKAGE.deb is installed in each VM with dpkg. A PACKAGE-DIR is a directory
# holding one vnetctl_*.deb, or an empty/missing one that
# tests/package/build.sh fills first. A BUILD-DIR (CMakeCache.txt) is
# installed with `cmake --install` instead (no package scripts then: a
# developer's shortcut; CI passes the package). Scenarios: networkd
# networkmanager netplan-networkd netplan-nm ifupdown (default: all).
# Each scenario boots its own qcow2 overlay of one cached image
# (tests/host/image.sh) three times under qemu TCG, two VMs at a time; the
# driver inside (vm/boot.sh) writes its results to a small payload disk that
# is read back here with debugfs. Prints a table of the checks per backend and
# "N passed, M failed"; exits 1 on any failure (a failing scenario's journal
# for vnetctl's units and its manager is printed). No VM has a NIC.
#
# Environment: VMBED_JOBS (VMs at once, default 2), VMBED_BOOT_TIMEOUT (s, 420),
# VMBED_CACHE (image cache), VMBED_KEEP=1 (keep the work directory).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ALL=(networkd networkmanager netplan-networkd netplan-nm ifupdown)

[ $# -ge 1 ] || { echo "usage: $0 PACKAGE.deb|BUILD-DIR [SCENARIO...]" >&2; exit 64; }
input=$1; shift
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=("${ALL[@]}")
jobs=${VMBED_JOBS:-2}
boot_timeout=${VMBED_BOOT_TIMEOUT:-420}

if [ "$(id -u)" -ne 0 ]; then echo "host: needs root (mmdebstrap, mke2fs -d)" >&2; exit 1; fi
for tool in qemu-system-x86_64 qemu-img debugfs mke2fs mmdebstrap; do
  command -v "$tool" >/dev/null || { echo "host: $tool missing (tests/install-deps.sh)" >&2; exit 1; }
done

start=$SECONDS
work=$(mktemp -d /tmp/vnetctl-vmbed.XXXXXX)
cleanup() {
  local pids
  # An EXIT trap's failing last command would become the script's exit
  # status (under set -e, `a && b` with b failing ends the trap): if/else, and
  # a kill of jobs that already ended is no failure.
  pids=$(jobs -p)
  if [ -n "$pids" ]; then kill $pids 2>/dev/null || true; fi
  wait 2>/dev/null || true
  if [ "${VMBED_KEEP:-0}" = 1 ]; then echo "host: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# What goes into each VM: the .deb, or a tree installed from a build dir.
if [[ $input != *.deb ]] && [ ! -f "$input/CMakeCache.txt" ]; then
  debs=("$input"/vnetctl_*.deb)
  if [ ! -f "${debs[0]}" ]; then
    # nocheck: the suite runs those tests itself; here only the package counts.
    echo "host: no package in $input; building it (tests/package/build.sh, nocheck)"
    DEB_BUILD_OPTIONS="nocheck ${DEB_BUILD_OPTIONS:-}" "$here/../package/build.sh" "$input" \
      >"$work/package-build.log" 2>&1 ||
      { tail -n 40 "$work/package-build.log"; echo "host: package build failed" >&2; exit 1; }
    debs=("$input"/vnetctl_*.deb)
  fi
  [ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] ||
    { echo "host: want exactly one vnetctl_*.deb in $input, found: ${debs[*]}" >&2; exit 1; }
  input=${debs[0]}
fi
if [ -f "$input" ] && [[ $input == *.deb ]]; then
  cp "$input" "$work/vnetctl.deb"
elif [ -d "$input" ] && [ -f "$input/CMakeCache.txt" ]; then
  # stripped, as the package is: a debug build does not fit the payload disk
  DESTDIR=$work/dist cmake --install "$input" --prefix /usr --strip >/dev/null
  tar -C "$work/dist" -cf "$work/vnetctl.tar" .
else
  echo "host: $input is neither a .deb nor a CMake build directory" >&2
  exit 64
fi

img=${VMBED_IMAGE:-$("$here/image.sh" | tail -n 1)}
image_s=$((SECONDS - start))
echo "host: image $img ready after ${image_s} s"

scenario_env() {  # SCENARIO -> scenario.env
  local manager backend firewall=none
  case $1 in
    # Docker's daemon (FORWARD policy DROP through iptables-nft, and
    # br_netfilter), as on a large share of the hosts that run VMs: beside
    # every backend; netplan-nm is the one host without a firewall.
    networkd) manager=systemd-networkd.service backend=networkd firewall=docker ;;
    networkmanager) manager=NetworkManager.service backend=networkmanager firewall=docker ;;
    netplan-networkd) manager=systemd-networkd.service backend=netplan firewall=docker ;;
    # netplan rendering for NetworkManager: vnetctl uses NetworkManager itself
    # there (its netplan networks render for networkd); auto must pick it.
    netplan-nm) manager=NetworkManager.service backend=auto ;;
    ifupdown) manager=networking.service backend=ifupdown firewall=docker ;;
    *) echo "host: unknown scenario $1" >&2; return 64 ;;
  esac
  printf 'SCENARIO=%s\nMANAGER=%s\nBACKEND=%s\nFIREWALL=%s\n' "$1" "$manager" "$backend" "$firewall"
}

boot_vm() {  # DIR BOOT
  local d=$1 n=$2 t0=$SECONDS
  # --foreground: qemu stays in this script's process group, so that the
  # EXIT trap (or a killed ctest) ends it too. no_timer_check: under TCG on a
  # loaded host the kernel's IO-APIC timer test can miss its ticks and panic
  # ("IO-APIC + timer doesn't work", seen in CI); cloud images boot with it
  # for the same reason.
  timeout --foreground -k 10 "$boot_timeout" qemu-system-x86_64 -accel tcg -cpu max -m 1024 -smp 1 \
    -nodefaults -no-user-config -display none -no-reboot \
    -kernel "$img/vmlinuz" -initrd "$img/initrd.img" \
    -append "root=/dev/vda rw rootfstype=ext4 console=ttyS0 quiet loglevel=3 no_timer_check mitigations=off fsck.mode=skip systemd.show_status=false" \
    -drive "file=$d/disk.qcow2,if=virtio,format=qcow2,cache=unsafe" \
    -drive "file=$d/payload.img,if=virtio,format=raw,cache=writeback" \
    -device virtio-rng-pci -serial "file:$d/console-$n.log" -nic none \
    >"$d/qemu-$n.log" 2>&1 || echo "qemu exit $? after $((SECONDS - t0)) s" >>"$d/qemu-$n.log"
  echo "$n $((SECONDS - t0))" >>"$d/boot-seconds"
}

run_scenario() {  # SCENARIO
  local s=$1 d=$work/$1 p=$work/$1/payload n
  mkdir -p "$p"
  cp -r "$here"/vm/. "$p"/
  chmod 0755 "$p"/*.sh "$p"/udhcpc.script  # udhcpc execs its script
  scenario_env "$s" >"$p/scenario.env"
  cp "$work"/vnetctl.* "$p"/
  mke2fs -q -t ext4 -L vmbed-payload -d "$p" "$d/payload.img" 64M >/dev/null
  qemu-img create -q -f qcow2 -F raw -b "$img/disk.img" "$d/disk.qcow2"
  for n in 1 2 3; do
    boot_vm "$d" "$n"
    grep -q "^$n " <<<"$(debugfs -R 'cat /out/done' "$d/payload.img" 2>/dev/null)" || {
      echo "FAIL $n boot-completed VM did not finish boot $n (console: $(tail -n 3 "$d/console-$n.log" | tr '\n' '|'))" >"$d/no-finish"
      break
    }
  done
  debugfs -R "rdump /out $d" "$d/payload.img" >/dev/null 2>&1 || true
  touch "$d/out/results"
  [ -f "$d/no-finish" ] && cat "$d/no-finish" >>"$d/out/results"
  rm -f "$d/disk.qcow2"
}

for s in "${scenarios[@]}"; do scenario_env "$s" >/dev/null; done
running=0
for s in "${scenarios[@]}"; do
  if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
  echo "host: scenario $s ($((SECONDS - start)) s)"
  run_scenario "$s" &
  running=$((running + 1))
done
wait

# --- report ------------------------------------------------------------------
declare -A cell seen
rows=()
passed=0 failed=0
for s in "${scenarios[@]}"; do
  while read -r verdict boot check detail; do
    [ -n "$verdict" ] || continue
    key="$boot $check"
    [ -n "${seen[$key]+x}" ] || { seen[$key]=1; rows+=("$key"); }
    cell[$key|$s]=$verdict
    if [ "$verdict" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done <"$work/$s/out/results"
done
echo
echo "booted-VM test bed: checks per backend (boot, check)"
printf '%-34s' "boot check"
for s in "${scenarios[@]}"; do printf ' %-16s' "$s"; done
echo
for r in "${rows[@]}"; do
  printf '%-34s' "$r"
  for s in "${scenarios[@]}"; do
    v=${cell[$r|$s]:--}
    [ "$v" = PASS ] && v=ok
    printf ' %-16s' "$v"
  done
  echo
done
echo
for s in "${scenarios[@]}"; do
  secs=$(tr '\n' ' ' <"$work/$s/boot-seconds" 2>/dev/null || true)
  echo "host: $s boots (boot seconds): $secs"
  grep -q '^FAIL' "$work/$s/out/results" || continue
  echo "=== $s: failures"
  grep '^FAIL' "$work/$s/out/results"
  # One line per failing scenario, and below the errors each boot's journal
  # gives, for the failures digest of tests/run-all.sh (a CI log keeps only
  # its tail).
  echo "host: $s failed: $(awk '/^FAIL/ {printf "%s:%s ", $2, $3}' "$work/$s/out/results")"
  # and what the first few failing checks printed
  grep '^FAIL' "$work/$s/out/results" | head -n 3 | cut -d' ' -f2- | cut -c1-220 |
    sed "s/^\([0-9]*\) /host: $s boot \1: /" || true
  for b in $(grep '^FAIL' "$work/$s/out/results" | awk '{print $2}' | sort -u); do
    grep -E 'dnsmasq\[|vnetctl|timed out' "$work/$s/out/journal-$b" 2>/dev/null |
      grep -iE 'error|fail|cannot|unknown|refus|timed out' |
      grep -vE 'FAILED to start up|failed to load names from /etc/hosts' |
      head -n 3 | cut -c1-220 | sed "s/^/host: $s boot $b: /" || true
    echo "--- $s: journal of boot $b (vnetctl's units, the manager, the uplink)"
    tail -n 150 "$work/$s/out/journal-$b" 2>/dev/null || tail -n 40 "$work/$s/console-$b.log"
    echo "--- $s: failed units at boot $b"
    cat "$work/$s/out/failed-$b" 2>/dev/null || true
  done
done
echo "host: image ${image_s} s, total $((SECONDS - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
