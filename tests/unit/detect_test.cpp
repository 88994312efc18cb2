// Backend detection on described hosts: which backend auto picks, and which
// ones cannot work at all (asking for them by name fails before anything
// changes, exit 69), as the booted-VM test bed found on real hosts.
#include "backends/detect.h"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "backends/host_probe.h"
#include "backends/registry.h"

namespace {

class FakeProbe : public vnet::HostProbe {
 public:
  std::set<std::string> files;
  std::map<std::string, std::vector<std::string>> dirs;
  std::set<std::string, std::less<>> processes;

  bool Exists(const std::string& path) const override { return files.count(path) > 0; }
  std::vector<std::string> ListDir(const std::string& path) const override {
    auto it = dirs.find(path);
    return it == dirs.end() ? std::vector<std::string>{} : it->second;
  }
  std::optional<std::string> ReadFile(const std::string& path) const override {
    if (path == "/run/network/ifstate" && files.count(path)) return std::string("lo=lo\n");
    return std::nullopt;
  }
  bool ProcessRunning(std::string_view comm) const override {
    return processes.find(comm) != processes.end();
  }
  std::optional<std::string> CommandOutput(const std::vector<std::string>&) const override {
    return std::nullopt;
  }
};

// A host with all four managers installed, netplan configured.
FakeProbe AllInstalled() {
  FakeProbe p;
  p.files = {"/usr/sbin/NetworkManager", "/lib/systemd/systemd-networkd", "/usr/sbin/netplan",
             "/sbin/ifup", "/lib/bridge-utils/ifupdown.sh"};
  p.dirs["/etc/netplan"] = {"10-uplink.yaml"};
  return p;
}

}  // namespace

TEST_CASE("detect: netplan whose renderer is networkd is chosen by auto") {
  FakeProbe p = AllInstalled();
  p.processes = {"systemd-network"};
  auto choice = vnet::ChooseBackend("auto", p);
  REQUIRE(choice.ok());
  REQUIRE(choice->chosen != nullptr);
  CHECK(std::string(choice->chosen->Name()) == "netplan");
}

TEST_CASE("detect: netplan rendering for NetworkManager is unusable; auto picks networkmanager") {
  FakeProbe p = AllInstalled();
  p.processes = {"NetworkManager"};
  vnet::Availability a = vnet::DetectNetplan(p);
  CHECK_FALSE(a.running);
  REQUIRE(a.unusable.has_value());
  CHECK(a.unusable->find("use the networkmanager backend") != std::string::npos);
  auto choice = vnet::ChooseBackend("auto", p);
  REQUIRE(choice.ok());
  REQUIRE(choice->chosen != nullptr);
  CHECK(std::string(choice->chosen->Name()) == "networkmanager");
  auto asked = vnet::ChooseBackend("netplan", p);
  REQUIRE_FALSE(asked.ok());
  CHECK(asked.error().kind == vnet::ErrorKind::kUnavailable);
  CHECK(asked.error().message.find("backend netplan cannot work on this host") !=
        std::string::npos);
}

TEST_CASE("detect: ifupdown without bridge-utils is unusable, by name and for auto") {
  FakeProbe p = AllInstalled();
  p.files.erase("/lib/bridge-utils/ifupdown.sh");
  p.files.insert("/run/network/ifstate");
  vnet::Availability a = vnet::DetectIfupdown(p);
  REQUIRE(a.unusable.has_value());
  CHECK(a.unusable->find("bridge-utils") != std::string::npos);
  auto asked = vnet::ChooseBackend("ifupdown", p);
  REQUIRE_FALSE(asked.ok());
  CHECK(asked.error().kind == vnet::ErrorKind::kUnavailable);
  p.files.insert("/usr/lib/bridge-utils/ifupdown.sh");
  CHECK_FALSE(vnet::DetectIfupdown(p).unusable.has_value());
  CHECK(vnet::ChooseBackend("ifupdown", p).ok());
}
