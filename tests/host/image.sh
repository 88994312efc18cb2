#!/usr/bin/env bash
# Builds (once) the Debian 12 disk image the booted-VM test bed boots, and
# prints the directory holding it: disk.img (raw ext4, never written: each
# scenario boots a qcow2 overlay of it), vmlinuz, initrd.img.
#
# The image is cached by content: its directory is named after a hash of this
# file (package list + recipe) and of vm/vmbed.service, so a rerun reuses it and any change here
# builds a new one. Cache root: $VMBED_CACHE (default /var/cache/vnetctl-vmbed).
#
# One image carries all four managers, each disabled: a scenario enables
# exactly one (tests/host/vm/stage.sh). vnetctl itself is not in the image:
# each scenario installs the project's .deb on its first boot, as a user would.
set -euo pipefail
# Debian's own tools only (mmdebstrap runs python3 for path filters: a python
# from a version manager in PATH costs minutes).
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

MIRROR=${VMBED_MIRROR:-http://deb.debian.org/debian}
PACKAGES=(
  # a booting system: PID 1, udev, D-Bus (NetworkManager needs it), a kernel
  systemd systemd-sysv dbus udev kmod linux-image-amd64 initramfs-tools
  # the four managers (ifupdown's bridge_* options come from bridge-utils)
  network-manager netplan.io ifupdown bridge-utils
  # what vnetctl runs and links (the .deb's Depends must all be here: the VM
  # has no network to fetch them)
  iproute2 dnsmasq-base nftables libxml2 libnl-route-3-200 libnftables1 libstdc++6
  # the checks: udhcpc and nslookup (busybox), pgrep
  busybox procps
  # the host firewall of the networkd scenario: Docker's daemon (iptables-nft)
  docker.io
  # libvirt's daemon with its QEMU driver (a Recommends, so named) and QEMU:
  # a network taken over from libvirt, and a domain with <autostart/> on it
  # that must come up on vnetctl's bridge at boot (issue 17)
  libvirt-daemon-system libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86
)
# Units that only cost boot time in a VM that lives for a minute (under TCG
# every unit costs seconds).
MASK=(apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service
  fstrim.timer dpkg-db-backup.timer systemd-networkd-wait-online.service
  NetworkManager-wait-online.service ifupdown-wait-online.service
  getty@tty1.service serial-getty@ttyS0.service console-getty.service
  systemd-timesyncd.service man-db.timer logrotate.timer systemd-logind.service
  dev-hugepages.mount dev-mqueue.mount sys-kernel-debug.mount sys-kernel-tracing.mount
  sys-fs-fuse-connections.mount sys-kernel-config.mount systemd-pstore.service
  modprobe@dm_mod.service modprobe@drm.service modprobe@efi_pstore.service
  modprobe@fuse.service modprobe@configfs.service modprobe@loop.service
  systemd-journal-flush.service systemd-update-utmp.service
  systemd-update-utmp-runlevel.service systemd-binfmt.service
  libvirt-guests.service)
# Left out of the image: kernel modules for
# hardware a VM without NIC, sound or display never has (a smaller image is a
# faster mke2fs and a smaller cache).
EXCLUDE=(/lib/modules/*/kernel/drivers/gpu/* /lib/modules/*/kernel/drivers/media/*
  /lib/modules/*/kernel/drivers/net/wireless/* /lib/modules/*/kernel/drivers/net/ethernet/*
  /lib/modules/*/kernel/drivers/infiniband/* /lib/modules/*/kernel/drivers/staging/*
  /lib/modules/*/kernel/drivers/bluetooth/* /lib/modules/*/kernel/drivers/isdn/*
  /lib/modules/*/kernel/drivers/iio/* /lib/modules/*/kernel/drivers/usb/*
  /lib/modules/*/kernel/drivers/scsi/* /lib/modules/*/kernel/drivers/mtd/*
  /lib/modules/*/kernel/sound/* /lib/modules/*/kernel/net/wireless/*
  /lib/modules/*/kernel/net/mac80211/* /lib/modules/*/kernel/net/bluetooth/*
  /lib/modules/*/kernel/fs/btrfs/* /lib/modules/*/kernel/fs/xfs/*
  /lib/modules/*/kernel/fs/ocfs2/* /lib/modules/*/kernel/fs/gfs2/*
  /lib/modules/*/kernel/fs/nfs*/* /lib/modules/*/kernel/fs/smb/* /lib/modules/*/kernel/fs/ceph/*
  /usr/lib/firmware/*)
MANAGERS=(systemd-networkd.service systemd-networkd.socket NetworkManager.service
  NetworkManager-dispatcher.service networking.service systemd-resolved.service
  wpa_supplicant.service nftables.service docker.service docker.socket containerd.service)
# libvirt's daemon and its helpers: enabled by the driver at boot 1 (so that
# libvirtd starts at boot 2 and 3 as on a libvirt host), each on its own (a
# unit one libvirt version lacks must not keep the others enabled).
LIBVIRT_UNITS=(libvirtd.service libvirtd.socket libvirtd-ro.socket libvirtd-admin.socket
  libvirtd-tcp.socket libvirtd-tls.socket virtlogd.socket virtlogd-admin.socket
  virtlockd.socket virtlockd-admin.socket)

cache=${VMBED_CACHE:-/var/cache/vnetctl-vmbed}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
key=$(cat "$here/image.sh" "$here/vm/vmbed.service" | sha256sum | cut -c1-16)
out=$cache/bookworm-$key
if [ -s "$out/disk.img" ] && [ -s "$out/vmlinuz" ] && [ -s "$out/initrd.img" ]; then
  echo "$out"
  exit 0
fi

for tool in mmdebstrap mke2fs; do
  command -v "$tool" >/dev/null || {
    echo "image: $tool missing (tests/install-deps.sh installs it)" >&2
    exit 1
  }
done
mkdir -p "$cache"
work=$(mktemp -d "$cache/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
root=$work/root
start=$SECONDS

# The initramfs carries only what finds the root disk: virtio and ext4.
setup_initramfs='mkdir -p "$1/etc/initramfs-tools/conf.d" &&
  echo MODULES=list >"$1/etc/initramfs-tools/conf.d/vmbed" &&
  echo COMPRESS=gzip >>"$1/etc/initramfs-tools/conf.d/vmbed"'
customize="set -e
  printf 'virtio_pci\nvirtio_blk\next4\n' >>\"\$1/etc/initramfs-tools/modules\"
  chroot \"\$1\" update-initramfs -u -k all >/dev/null
  chroot \"\$1\" systemctl disable ${MANAGERS[*]} >/dev/null 2>&1 || true
  for u in ${LIBVIRT_UNITS[*]}; do chroot \"\$1\" systemctl disable \$u >/dev/null 2>&1 || true; done
  chroot \"\$1\" systemctl mask ${MASK[*]} >/dev/null 2>&1
  echo vmbed >\"\$1/etc/hostname\"
  printf '/dev/vda / ext4 rw,noatime 0 0\n/dev/vdb /vmbed ext4 rw,noatime,nofail 0 0\n' >\"\$1/etc/fstab\"
  mkdir -p \"\$1/vmbed\"
  rm -f \"\$1\"/etc/netplan/*.yaml \"\$1\"/etc/NetworkManager/system-connections/*"

pkgs=$(IFS=,; echo "${PACKAGES[*]}")
dpkgopts=(--dpkgopt=force-unsafe-io)
for x in "${EXCLUDE[@]}"; do dpkgopts+=("--dpkgopt=path-exclude=$x"); done
mmdebstrap --variant=minbase --include="$pkgs" "${dpkgopts[@]}" \
  --setup-hook="$setup_initramfs" --customize-hook="$customize" \
  bookworm "$root" "deb $MIRROR bookworm main" 2>&1 |
  while IFS= read -r line; do echo "image: +$((SECONDS - start)) s: $line"; done >&2

# The stage unit (installed with every scenario's payload) runs from here.
install -D -m 0644 "$here/vm/vmbed.service" \
  "$root/etc/systemd/system/vmbed.service"
ln -sf ../vmbed.service "$root/etc/systemd/system/multi-user.target.wants/vmbed.service"

cp "$root"/boot/vmlinuz-* "$work/vmlinuz"
cp "$root"/boot/initrd.img-* "$work/initrd.img"
echo "image: +$((SECONDS - start)) s: tree done, $(du -sh "$root" | cut -f1); making the ext4 image" >&2
truncate -s 3G "$work/disk.img"
mke2fs -q -t ext4 -L vmbed-root -d "$root" "$work/disk.img"
rm -rf "$root"
rm -rf "$out"
mv "$work" "$out"
trap - EXIT
echo "image: built $out in $((SECONDS - start)) s" >&2
echo "$out"
