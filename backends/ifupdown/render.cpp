#include "backends/ifupdown/render.h"

#include "backends/common/bridge_params.h"
#include "backends/ifupdown/bridge_commands.h"
#include "backends/ifupdown/companion_hooks.h"
#include "backends/ifupdown/eni.h"
#include "backends/ifupdown/support.h"

namespace vnet {

namespace {

using ifupdown::BuildRouteCommands;
using ifupdown::CheckEniIfaceName;
using ifupdown::CompanionHooks;
using ifupdown::EniFile;
using ifupdown::EniOption;
using ifupdown::EniStanza;
using ifupdown::ExtraAddressCommands;
using ifupdown::HookCommands;
using ifupdown::IpCidr;
using ifupdown::Ipv6SysctlCommands;
using ifupdown::QuoteForMessage;
using ifupdown::RenderShellCommand;
using ifupdown::RouteCommands;
using ifupdown::SerializeEni;
using ifupdown::ShellCommand;

constexpr unsigned kFileMode = 0644;

bool IsFileNameChar(char c) {
  // The nftables companion's table name is vnetctl_NAME, and nft
  // identifiers take no '+' or '@'.
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

Status CheckNetworkName(const Network& net) {
  bool ok = !net.name.empty();
  for (char c : net.name) ok = ok && IsFileNameChar(c);
  if (ok) return OkStatus();
  return MakeError(ErrorKind::kInvalidInput,
                   "cannot write network name " + QuoteForMessage(net.name) +
                       " into an ifupdown file name: only [A-Za-z0-9_.-] is allowed",
                   net.loc);
}

Status CheckBridgeName(const Network& net, const BridgeParams& bp) {
  if (bp.name.empty()) {
    return MakeError(ErrorKind::kInvalidInput, "network '" + net.name + "' has no bridge name",
                     net.loc);
  }
  Status ok = CheckEniIfaceName(bp.name);
  if (ok.ok()) return ok;
  Error err = ok.error();
  err.where = net.bridge->loc;
  return err;
}

const Ip* FirstIpv4(const Network& net) {
  for (const Ip& ip : net.ips) {
    if (ip.IsIpv4()) return &ip;
  }
  return nullptr;
}

Status AppendCommands(const std::string& key, const std::vector<ShellCommand>& cmds,
                      std::vector<EniOption>& options) {
  for (const ShellCommand& cmd : cmds) {
    VNET_ASSIGN_OR_RETURN(std::string line, RenderShellCommand(cmd));
    options.push_back({key, std::move(line)});
  }
  return OkStatus();
}

// bridge_fd always comes from EffectiveBridgeParams: the bridge-utils hook
// runs `brctl stp` before `brctl setfd`, so a delay below 2 s with STP on
// fails and the bridge silently keeps 15 s. bridge_maxwait 0: a portless
// bridge never reaches forwarding, so waiting would only delay ifup.
void AddBridgeOptions(const Network& net, const BridgeParams& bp, std::vector<EniOption>& options) {
  options.push_back({"bridge_ports", "none"});
  options.push_back({"bridge_stp", bp.stp ? "on" : "off"});
  options.push_back({"bridge_fd", std::to_string(bp.forward_delay_sec)});
  options.push_back({"bridge_maxwait", "0"});
  if (net.bridge && net.bridge->mac_table_manager == MacTableManager::kLibvirt) {
    options.push_back({"bridge_vlan_aware", "yes"});
  }
}

// libvirt's start order: IPv6 sysctls, firewall, addresses, routes,
// forwarding, dnsmasq; on stop dnsmasq goes first and the firewall last.
// When an up command fails, ifup stops there, leaves what ran before in
// place and does not mark the interface up; interfaces(5) promises exit
// status 0 then (0.8.41 really exits 1), and ifdown ignores failing down
// commands. So vnetctl verifies the live state itself instead of trusting
// ifup.
Status AddHookOptions(const Network& net, const std::string& bridge, const Caps& caps,
                      const Ip* stanza_ip, std::vector<EniOption>& options) {
  VNET_ASSIGN_OR_RETURN(HookCommands hooks, CompanionHooks(net, caps.placement, caps.passages));
  VNET_ASSIGN_OR_RETURN(std::vector<ShellCommand> addrs,
                        ExtraAddressCommands(net, bridge, stanza_ip));
  VNET_ASSIGN_OR_RETURN(RouteCommands routes, BuildRouteCommands(net, bridge));
  VNET_TRY(AppendCommands("post-up", Ipv6SysctlCommands(net, bridge), options));
  VNET_TRY(AppendCommands("post-up", hooks.firewall_up, options));
  VNET_TRY(AppendCommands("post-up", addrs, options));
  VNET_TRY(AppendCommands("post-up", routes.up, options));
  VNET_TRY(AppendCommands("post-up", hooks.post_up, options));
  VNET_TRY(AppendCommands("pre-down", hooks.pre_down, options));
  VNET_TRY(AppendCommands("pre-down", routes.down, options));
  return AppendCommands("post-down", hooks.post_down, options);
}

// One stanza only: bridge-utils does not support several stanzas for one
// bridge (its post-down deletes the bridge in the first one, and ifdown then
// fails on every later one), so further addresses are post-up commands.
Result<EniStanza> BridgeStanza(const Network& net, const BridgeParams& bp, const Caps& caps) {
  const Ip* first_v4 = FirstIpv4(net);
  EniStanza stanza{bp.name, "inet", first_v4 ? "static" : "manual", {}};
  if (first_v4) {
    VNET_ASSIGN_OR_RETURN(std::string cidr, IpCidr(*first_v4, net.name));
    stanza.options.push_back({"address", cidr});
  }
  if (net.mac) stanza.options.push_back({"hwaddress", "ether " + net.mac->ToString()});
  if (net.mtu) stanza.options.push_back({"mtu", std::to_string(*net.mtu)});
  AddBridgeOptions(net, bp, stanza.options);
  VNET_TRY(AddHookOptions(net, bp.name, caps, first_v4, stanza.options));
  return stanza;
}

Result<EniFile> BuildEniFile(const Network& net, const BridgeParams& bp, const Caps& caps) {
  EniFile file;
  file.comments = {
      "Generated by vnetctl for network '" + net.name + "'; vnetctl rewrites this file.",
      "If a hook command fails, ifup stops there: vnetctl verifies the result."};
  if (caps.placement == Placement::kPersistent) file.auto_ifaces.push_back(bp.name);
  VNET_ASSIGN_OR_RETURN(EniStanza stanza, BridgeStanza(net, bp, caps));
  file.stanzas.push_back(std::move(stanza));
  return file;
}

}  // namespace

std::string IfupdownFilePath(const std::string& network, Placement placement) {
  if (placement == Placement::kRuntime) return "/run/vnetctl/ifupdown/" + network + ".interfaces";
  return "/etc/network/interfaces.d/vnetctl-" + network;
}

Result<Rendering> RenderIfupdownNative(const Network& net, const Caps& caps) {
  VNET_TRY(ifupdown::CheckIfupdownSupport(net));
  Rendering rendering;
  if (!net.HasManagedBridge()) return rendering;  // mode='bridge': the host's bridge exists already
  VNET_TRY(CheckNetworkName(net));
  BridgeParams bp = EffectiveBridgeParams(net);
  VNET_TRY(CheckBridgeName(net, bp));
  VNET_ASSIGN_OR_RETURN(EniFile file, BuildEniFile(net, bp, caps));
  VNET_ASSIGN_OR_RETURN(std::string text, SerializeEni(file));
  rendering.files.push_back(
      {IfupdownFilePath(net.name, caps.placement), std::move(text), kFileMode, ""});
  return rendering;
}

}  // namespace vnet
