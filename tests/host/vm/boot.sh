#!/bin/bash
[ -n "${BASH_VERSION:-}" ] || exec /bin/bash "$0" "$@"  # vmbed.service runs it with sh
# The test bed's driver, run by vmbed.service at every boot of a scenario's VM
# (from the payload disk, mounted on /vmbed). Boot 1 installs vnetctl, gives
# the scenario's manager the uplink and enables it, then defines, autostarts
# and starts the networks; boot 2 runs nothing by hand before checking what
# came back, then drives item 4's operations and disables two autostarts;
# boot 3 checks that those two left nothing behind. Results: /vmbed/out.
# shellcheck disable=SC1091
. /vmbed/scenario.env   # SCENARIO MANAGER BACKEND FIREWALL
. /vmbed/lib.sh
export VNETCTL_BACKEND=$BACKEND PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
mkdir -p "$OUT"
BOOT=$(($(cat "$OUT/boot" 2>/dev/null || echo 0) + 1))
echo "$BOOT" >"$OUT/boot"
exec >"$OUT/boot$BOOT.log" 2>&1
echo "vmbed: scenario $SCENARIO boot $BOOT at $(cut -d' ' -f1 /proc/uptime) s"
# Every network this scenario defines: name, bridge, address.
NETS="default:virbr0:192.168.122.1/24 routed:virbr20:10.20.0.1/24
  isolated:virbr10:10.10.0.1/24 dual:virbr40:192.168.140.1/24"

finish() {
  systemctl --no-pager list-units --failed >"$OUT/failed-$BOOT" 2>&1
  journalctl -b --no-pager -o short-monotonic -u 'vnetctl*' -u "$MANAGER" -u vmbed-uplink \
    -u systemd-networkd -u NetworkManager -u networking -u 'ifup@*' -u libvirtd \
    >"$OUT/journal-$BOOT" 2>&1
  journalctl -b --no-pager -o short-monotonic -p warning >"$OUT/journal-warn-$BOOT" 2>&1
  echo "vmbed: boot $BOOT done at $(cut -d' ' -f1 /proc/uptime) s"
  echo "$BOOT $(cut -d' ' -f1 /proc/uptime)" >>"$OUT/done"
  sync
  # Boots 1 and 2 end as a real reboot does (every unit stopped); after the
  # last one nothing is read but /vmbed, synced above, so the VM just stops.
  # (poweroff.target directly: systemctl poweroff would ask logind, masked here)
  if [ "$BOOT" -ge 3 ]; then
    systemctl poweroff -ff
  else
    systemctl --no-block --job-mode=replace-irreversibly start poweroff.target
  fi
  exit 0
}

# The scenario's manager: the uplink's configuration, enabled as the system service.
stage_manager() {
  local u=/vmbed/uplink
  install -m 0755 /vmbed/uplink.sh /usr/local/sbin/vmbed-uplink
  install -m 0644 /vmbed/uplink.service /etc/systemd/system/vmbed-uplink.service
  systemctl enable vmbed-uplink.service
  case $SCENARIO in
    networkd) install -m 0644 $u/networkd.network /etc/systemd/network/10-uplink0.network ;;
    networkmanager)
      install -m 0600 $u/networkmanager.nmconnection /etc/NetworkManager/system-connections/uplink0.nmconnection
      ;;
    netplan-networkd | netplan-nm)
      local r=networkd; [ "$SCENARIO" = netplan-nm ] && r=NetworkManager
      install -m 0600 "$u/netplan-$r.yaml" /etc/netplan/10-uplink.yaml
      netplan generate
      ;;
    ifupdown)
      install -m 0644 $u/ifupdown.interfaces /etc/network/interfaces
      # Debian's networking.service gives `ifup -a` 5 minutes, then kills it.
      # Under TCG beside the sanitized tests (CI) the VM runs 20-50 times
      # slower than hardware: at boot 2 systemd killed ifup -a while it
      # started dual's dnsmasq, 375 s after boot ("FAILED to start up"), and
      # every network after it stayed down. On hardware it takes seconds; a
      # real hang still fails the bed, as a boot that never finishes.
      mkdir -p /etc/systemd/system/networking.service.d
      printf '[Service]\nTimeoutStartSec=30min\n' >/etc/systemd/system/networking.service.d/90-vmbed.conf
      ;;
  esac
  case $MANAGER in
    NetworkManager.service)
      install -m 0644 $u/networkmanager.conf /etc/NetworkManager/conf.d/90-vmbed.conf
      install -m 0644 $u/90-vmbed-uplink.rules /etc/udev/rules.d/90-vmbed-uplink.rules
      udevadm control --reload
      ;;
  esac
  systemctl daemon-reload
  systemctl start vmbed-uplink.service
  udevadm settle
  systemctl enable "$MANAGER"
  systemctl start "$MANAGER"
}

# The scenario's host firewall, running before the manager starts.
# Docker: FORWARD policy DROP, and br_netfilter from early boot on (as
# Kubernetes and many Docker hosts load it), so that traffic between guests
# on one bridge crosses FORWARD too.
stage_firewall() {
  case $FIREWALL in
    none) return 0 ;;
    docker)
      echo br_netfilter >/etc/modules-load.d/vmbed-br_netfilter.conf
      modprobe br_netfilter
      systemctl enable containerd.service docker.service
      systemctl start docker.service
      ;;
  esac
}

install_vnetctl() {
  if [ -f /vmbed/vnetctl.deb ]; then
    dpkg -i /vmbed/vnetctl.deb
  else
    tar -C / -xf /vmbed/vnetctl.tar && systemctl daemon-reload
  fi
}

boot1() {
  systemctl is-system-running --wait >/dev/null
  check install install_vnetctl
  # The firewall first: enabling its units reloads systemd, which runs
  # netplan's generator, which rewrites every netplan file under
  # /run/systemd/network; had the manager already read them, its next reload
  # (any start's) would reconfigure the uplink.
  check firewall-staged stage_firewall
  check manager-staged stage_manager
  check uplink-configured wait_for 60 uplink_ready
  sleep 3  # the manager's own settling (link-local, carrier) ends first
  vn backends
  monitor_start
  local n
  for n in default routed isolated dual extra; do check "op:define-$n" vn define "/vmbed/nets/$n.xml"; done
  # default the way most users do it (start, then autostart: the files move
  # from the runtime place to /etc); the others autostart first.
  check op:start-default vn start default
  check op:autostart-default vn autostart default
  for n in routed isolated dual; do
    check "op:autostart-$n" vn autostart "$n"
    check "op:start-$n" vn start "$n"
  done
  check op:start-extra vn start extra
  vn list --all
  for n in default routed isolated dual extra; do check "boot1:active-$n" is_active "$n"; done
  monitor_stop
  libvirt_boot1
}

# Issue 17: libvirt's network lvnet with a domain that has <autostart/>, taken
# over by vnetctl; the domain keeps running on vnetctl's bridge, and libvirt's
# daemon is ordered after it for the next boot.
libvirt_boot1() {
  check libvirt:staged stage_libvirt
  check libvirt:net-define virsh net-define /vmbed/libvirt/lvnet.xml
  check libvirt:net-start virsh net-start lvnet
  check libvirt:net-autostart virsh net-autostart lvnet
  check libvirt:domain-define virsh define /vmbed/libvirt/lvdom.xml
  check libvirt:domain-autostart virsh autostart lvdom
  check libvirt:domain-start virsh start lvdom
  check libvirt:domain-tap wait_for 60 tap_on virbr50
  check takeover:import vn import --takeover lvnet
  check takeover:active is_active lvnet
  check takeover:stand-in stand_in_active
  check takeover:domain-running domain_running
  check takeover:domain-tap tap_on virbr50
  check takeover:boot-order grep -q '^After=sys-subsystem-net-devices-virbr50.device' "$LV_DROPIN"
}

# Checks a network's bridge, address, diff; NETS entries.
check_network_up() {  # NAME BRIDGE CIDR
  check "active:$1" is_active "$1"
  check "bridge:$1" bridge_up "$2" "$3"
  check "diff-clean:$1" diff_after_boot "$1"
}

boot2() {
  # The boot first (ifup -a brings vnetctl's bridges up before the uplink:
  # Debian's interfaces file sources interfaces.d/ at its top).
  systemctl is-system-running --wait >/dev/null
  check uplink-configured wait_for 120 uplink_ready
  vn list --all
  local e name br cidr
  for e in $NETS; do IFS=: read -r name br cidr <<<"$e"; check_network_up "$name" "$br" "$cidr"; done
  check bridge6:dual bridge_up virbr40 fd00:140::1/64
  check route:routed sh -c 'ip route show 10.21.0.0/24 | grep -q "via 10.20.0.10 dev virbr20"'
  check nft-table:default nft_table default
  check nft-table:dual nft_table dual
  check inactive:extra is_inactive extra
  check gone:extra bridge_gone virbr60
  check no-failed-units no_failed_units
  [ "$FIREWALL" = docker ] && check_docker

  # Guests: one per network and a second on default's bridge ("peer"), the
  # leases taken at once.
  guest_add default virbr0
  guest_add peer virbr0
  guest_add routed virbr20
  guest_add isolated virbr10
  guest_add dual virbr40 52:54:00:40:00:11
  ip netns exec g-dual sysctl -qw net.ipv6.conf.eth0.accept_ra=2
  local n guests="default peer routed isolated dual"; declare -A lease
  for n in $guests; do guest_lease "$n" >"$OUT/lease-$n" & done
  wait
  for n in $guests; do lease[$n]=$(cat "$OUT/lease-$n"); done
  check dhcp:default leased default 192.168.122.2 254
  check dhcp:peer leased peer 192.168.122.2 254
  check guest-to-guest:default ip netns exec g-default busybox ping -c 1 -W 3 "${lease[peer]%% *}"
  check dhcp:routed leased routed 10.20.0.100 200
  check dhcp:isolated leased isolated 10.10.0.100 199
  check dhcp-static-host:dual test "${lease[dual]%% *}" = 192.168.140.11
  check dns-static-host:dual sh -c 'ip netns exec g-dual busybox nslookup web.dual.test 192.168.140.1 | grep -q "192.168.140.11"'
  check dns-host-entry:dual sh -c 'ip netns exec g-dual busybox nslookup printer 192.168.140.1 | grep -q "192.168.140.5"'
  check ipv6-ra:dual wait_for 20 sh -c 'ip -n g-dual -6 route show | grep -q "proto ra"'
  check nat:default ip netns exec g-default busybox ping -c 1 -W 3 198.51.100.1
  check nat:dual ip netns exec g-dual busybox ping -c 1 -W 3 198.51.100.1
  # routed: the outside reaches the guest once it routes the subnet to the host
  ip -n up route replace 10.20.0.0/24 via 192.0.2.2
  check from-upstream:routed ip netns exec up busybox ping -c 1 -W 3 "${lease[routed]%% *}"
  ip -n up route del 10.20.0.0/24 via 192.0.2.2
  # isolated: nothing leaves, even for a guest that routes through the host
  ip -n g-isolated route replace default via 10.10.0.1
  check no-upstream:isolated not ip netns exec g-isolated busybox ping -c 1 -W 2 198.51.100.1
  for n in $guests; do guest_del "$n"; done

  # Item 4: every kind of operation, the uplink watched.
  monitor_start
  check op:start-extra vn start extra
  check op:destroy-extra vn destroy extra
  check op:apply-routed vn apply /vmbed/nets/routed-v2.xml
  check op:update-live-dual vn update dual add ip-dhcp-host \
    "<host mac='52:54:00:40:00:12' name='db' ip='192.168.140.12'/>" --live --config
  check diff-after-ops:routed diff_clean routed
  check diff-after-ops:dual diff_clean dual
  check op:autostart-disable-default vn autostart default --disable
  check op:autostart-disable-isolated vn autostart isolated --disable
  check still-active:default is_active default
  vn list --all
  monitor_stop
  libvirt_boot2
}

# After the reboot, nothing by hand: libvirt's daemon waited for vnetctl's
# bridge, its stand-in is active and the domain autostarted on the bridge.
# Then the way back while the domain runs.
libvirt_boot2() {
  check boot:libvirtd-active systemctl is-active --quiet libvirtd.service
  check boot:libvirtd-after-bridge sh -c \
    'systemctl show -p After libvirtd.service | grep -q sys-subsystem-net-devices-virbr50.device'
  check boot:libvirtd-started-after-bridge started_after_device libvirtd.service virbr50
  check boot:lvnet-active is_active lvnet
  check boot:bridge:lvnet bridge_up virbr50 192.168.150.1/24
  check boot:stand-in-active stand_in_active
  check boot:domain-autostarted wait_for 120 domain_running
  check boot:domain-tap wait_for 60 tap_on virbr50
  check boot:no-libvirt-errors no_libvirt_errors
  check diff-clean:lvnet diff_after_boot lvnet
  check handback:import vn import --handback lvnet
  check handback:libvirt-active libvirt_own_active
  check handback:domain-running domain_running
  check handback:domain-tap tap_on virbr50
  check handback:vnetctl-gone sh -c '! vnetctl list --all | grep -qw lvnet'
  check handback:no-boot-order test ! -e "$LV_DROPIN"
}

# libvirt's own network again at boot, autostarted by libvirt, and the
# domain with it.
libvirt_boot3() {
  check boot:libvirtd-active systemctl is-active --quiet libvirtd.service
  check boot:libvirt-own-active wait_for 60 libvirt_own_active
  check boot:domain-autostarted wait_for 120 domain_running
  check boot:domain-tap wait_for 60 tap_on virbr50
  check boot:no-libvirt-errors no_libvirt_errors
}

# Docker's effect is there (so the checks after it mean something), and
# doctor sees the networks' passages through it. Docker sets FORWARD's policy
# to DROP only when it finds ip_forward off and turns it on itself: at boot 1
# it started first (the networks were started beside the drop and recorded
# their passages); at boot it races vnetctl's units, so here it is restarted
# the way it does that, with forwarding off.
check_docker() {
  check docker:running systemctl is-active --quiet docker.service
  check docker:passage-at-boot sh -c 'iptables -S FORWARD | grep -q -- "-j VNETCTL_FWD_virbr0"'
  sysctl -qw net.ipv4.ip_forward=0
  check docker:restarted systemctl restart docker.service
  check docker:forward-drop sh -c 'iptables -S FORWARD | grep -qx -- "-P FORWARD DROP"'
  check docker:forwarding-on grep -qx 1 /proc/sys/net/ipv4/ip_forward
  check docker:br-netfilter grep -qx 1 /proc/sys/net/bridge/bridge-nf-call-iptables
  check docker:diff-clean diff_clean default
  vn doctor >"$OUT/doctor-$BOOT" 2>&1
  check docker:doctor-br-netfilter grep -q "^note: host: br_netfilter sends traffic between guests" "$OUT/doctor-$BOOT"
  # (an inactive network's drop is one its start lifts: "(once started)")
  check docker:doctor-no-drop sh -c '! grep "FORWARD drops" "$1" | grep -qv "(once started)"' _ "$OUT/doctor-$BOOT"
}

boot3() {
  # The boot first (ifup -a brings vnetctl's bridges up before the uplink:
  # Debian's interfaces file sources interfaces.d/ at its top).
  systemctl is-system-running --wait >/dev/null
  check uplink-configured wait_for 120 uplink_ready
  vn list --all
  local n
  for n in default isolated; do
    check "disabled-inactive:$n" is_inactive "$n"
    check "disabled-no-files:$n" no_files_left "$n"
    check "disabled-no-dnsmasq:$n" no_dnsmasq "$n"
  done
  check disabled-no-bridge:default bridge_gone virbr0
  check disabled-no-bridge:isolated bridge_gone virbr10
  check disabled-no-nft:default no_nft_table default
  check_network_up routed virbr20 10.20.0.1/24
  check_network_up dual virbr40 192.168.140.1/24
  check no-failed-units no_failed_units
  libvirt_boot3
}

case $BOOT in
  1) boot1 ;;
  2) boot2 ;;
  3) boot3 ;;
esac
finish
