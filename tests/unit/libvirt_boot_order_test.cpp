// libvirt's boot order after a takeover (core/store/libvirt_boot_order.h):
// the drop-in that makes libvirt's daemons wait for vnetctl's bridges, and
// its removal when no taken-over network is autostarted.
#include "core/store/libvirt_boot_order.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "core/net/device_unit.h"
#include "tests/unit/store_test_util.h"

namespace vnet {
namespace {

TEST_CASE("device unit: escaped as systemd-escape --path escapes it") {
  CHECK(DeviceUnit("virbr0") == "sys-subsystem-net-devices-virbr0.device");
  CHECK(DeviceUnit("br-lab") == "sys-subsystem-net-devices-br\\x2dlab.device");
  CHECK(DeviceUnit("a.b:c_d") == "sys-subsystem-net-devices-a.b:c_d.device");
  CHECK(DeviceUnit("x@y") == "sys-subsystem-net-devices-x\\x40y.device");
}

TEST_CASE("libvirt boot order: each bridge's device wanted and waited for, then its companion") {
  std::string text = RenderLibvirtBootOrder({{"default", "virbr0"}, {"lab", "br-lab"}});
  CHECK(text.find("[Unit]\n") != std::string::npos);
  CHECK(text.find("Wants=sys-subsystem-net-devices-virbr0.device\n"
                  "After=sys-subsystem-net-devices-virbr0.device vnetctl-default.service\n") !=
        std::string::npos);
  CHECK(text.find("Wants=sys-subsystem-net-devices-br\\x2dlab.device\n"
                  "After=sys-subsystem-net-devices-br\\x2dlab.device vnetctl-lab.service\n") !=
        std::string::npos);
  // Wants=, not Requires=: a bridge that never comes delays libvirt, never
  // stops it (its other networks and domains still start).
  CHECK(text.find("Requires=") == std::string::npos);
  CHECK(text.find("BindsTo=") == std::string::npos);
}

TEST_CASE("libvirt boot order: a drop-in per daemon that starts domains, removed when empty") {
  testing::TempRoot root;
  LibvirtBootOrder order(root.path());
  const std::string libvirtd = root.At("etc/systemd/system/libvirtd.service.d/50-vnetctl.conf");
  const std::string virtqemud = root.At("etc/systemd/system/virtqemud.service.d/50-vnetctl.conf");
  REQUIRE(order.Write({}).ok());  // nothing there: nothing to remove, no directory made
  CHECK_FALSE(std::filesystem::exists(root.At("etc/systemd")));
  REQUIRE(order.Write({{"default", "virbr0"}}).ok());
  CHECK(testing::Slurp(libvirtd) == RenderLibvirtBootOrder({{"default", "virbr0"}}));
  CHECK(testing::Slurp(virtqemud) == RenderLibvirtBootOrder({{"default", "virbr0"}}));
  CHECK((std::filesystem::status(libvirtd).permissions() & std::filesystem::perms::all) ==
        std::filesystem::perms(0644));
  REQUIRE(order.Write({}).ok());
  CHECK_FALSE(std::filesystem::exists(libvirtd));
  CHECK_FALSE(std::filesystem::exists(virtqemud));
}

}  // namespace
}  // namespace vnet
