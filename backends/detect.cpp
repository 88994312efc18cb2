#include "backends/detect.h"

#include <string>

namespace vnet {

namespace {

std::optional<Version> PackageVersion(const HostProbe& probe, const std::string& package) {
  auto out = probe.CommandOutput({"dpkg-query", "-W", "-f=${Version}", package});
  if (!out || out->empty()) return std::nullopt;
  return Version::Parse(*out);
}

std::optional<std::string> FirstExisting(const HostProbe& probe,
                                         std::initializer_list<const char*> paths) {
  for (const char* p : paths) {
    if (probe.Exists(p)) return std::string(p);
  }
  return std::nullopt;
}

bool HasYaml(const HostProbe& probe, const std::string& dir) {
  for (const auto& name : probe.ListDir(dir)) {
    if (name.size() > 5 && name.ends_with(".yaml")) return true;
  }
  return false;
}

}  // namespace

Availability DetectNetworkManager(const HostProbe& probe) {
  Availability a;
  auto bin = FirstExisting(probe, {"/usr/sbin/NetworkManager", "/usr/bin/NetworkManager"});
  a.installed = bin.has_value();
  if (!a.installed) {
    a.reason = "not installed (no /usr/sbin/NetworkManager)";
    return a;
  }
  if (auto out = probe.CommandOutput({*bin, "--version"})) a.version = Version::Parse(*out);
  a.running = probe.ProcessRunning("NetworkManager");
  a.reason =
      a.running ? "NetworkManager is running" : "installed, but NetworkManager is not running";
  return a;
}

Availability DetectNetworkd(const HostProbe& probe) {
  Availability a;
  auto bin =
      FirstExisting(probe, {"/lib/systemd/systemd-networkd", "/usr/lib/systemd/systemd-networkd"});
  a.installed = bin.has_value();
  if (!a.installed) {
    a.reason = "not installed (no systemd-networkd)";
    return a;
  }
  if (auto out = probe.CommandOutput({"networkctl", "--version"})) a.version = Version::Parse(*out);
  // /proc/PID/comm is cut to 15 bytes: "systemd-network".
  a.running = probe.ProcessRunning("systemd-network");
  a.reason =
      a.running ? "systemd-networkd is running" : "installed, but systemd-networkd is not running";
  return a;
}

Availability DetectNetplan(const HostProbe& probe) {
  Availability a;
  auto bin = FirstExisting(probe, {"/usr/sbin/netplan", "/usr/bin/netplan"});
  a.installed = bin.has_value();
  if (!a.installed) {
    a.reason = "not installed (no netplan)";
    return a;
  }
  a.version = PackageVersion(probe, "netplan.io");
  bool configured = HasYaml(probe, "/etc/netplan") || HasYaml(probe, "/run/netplan") ||
                    HasYaml(probe, "/lib/netplan");
  const bool networkd = probe.ProcessRunning("systemd-network");
  const bool network_manager = probe.ProcessRunning("NetworkManager");
  // netplan has no daemon: it is "running" when it has configuration and the
  // daemon it renders for runs, i.e. when it is what configures this host.
  // vnetctl's netplan networks carry renderer networkd (a global renderer
  // would move the host's own links), so networkd must be the one running.
  a.running = configured && networkd;
  if (a.running) {
    a.reason = "netplan has configuration in /etc/netplan and its renderer is running";
  } else if (!configured) {
    a.reason = "installed, but has no configuration (no /etc/netplan/*.yaml)";
  } else if (network_manager) {
    a.reason = "configured, but its renderer here is NetworkManager";
    a.unusable =
        "netplan renders for NetworkManager on this host, and vnetctl's netplan networks use "
        "renderer networkd, which is not running: use the networkmanager backend";
  } else {
    a.reason = "configured, but neither systemd-networkd nor NetworkManager is running";
  }
  return a;
}

Availability DetectIfupdown(const HostProbe& probe) {
  Availability a;
  a.installed = probe.Exists("/sbin/ifup") || probe.Exists("/usr/sbin/ifup");
  if (!a.installed) {
    a.reason = "not installed (no /sbin/ifup)";
    return a;
  }
  a.version = PackageVersion(probe, "ifupdown");
  // vnetctl's stanzas make bridges with bridge_ports, which only
  // bridge-utils' if-pre-up hook understands; without it ifup fails with
  // "Cannot find device".
  if (!FirstExisting(probe,
                     {"/lib/bridge-utils/ifupdown.sh", "/usr/lib/bridge-utils/ifupdown.sh"})) {
    a.reason = "installed, but bridge-utils is not";
    a.unusable =
        "ifupdown needs bridge-utils for the bridge_ports of vnetctl's stanzas (apt-get install "
        "bridge-utils)";
    return a;
  }
  // ifupdown has no daemon; it is in charge when it has brought interfaces up.
  auto state = probe.ReadFile("/run/network/ifstate");
  bool has_state = state && state->find_first_not_of(" \n") != std::string::npos;
  a.running = has_state;
  a.reason = has_state ? "ifupdown has configured interfaces (/run/network/ifstate)"
                       : "installed; no interface is up through it (/run/network/ifstate empty)";
  return a;
}

std::optional<Version> DetectDnsmasq(const HostProbe& probe) {
  if (!probe.Exists("/usr/sbin/dnsmasq")) return std::nullopt;
  auto out = probe.CommandOutput({"/usr/sbin/dnsmasq", "--version"});
  if (!out) return std::nullopt;
  return Version::Parse(*out);
}

}  // namespace vnet
