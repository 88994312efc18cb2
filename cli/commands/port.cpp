// vnetctl port-list | port-dumpxml | port-create | port-delete
//   (virsh net-port-list, net-port-dumpxml, net-port-create, net-port-delete)
// A network's ports are the links whose master is its bridge, as the live
// host shows them; each has a UUID derived from the network's UUID and the
// link's name (core/engine/network_ports.h), stable across calls. create
// and delete attach and detach an existing interface: vnetctl creates no tap
// devices of its own.
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/commands/live_common.h"
#include "cli/table.h"
#include "cli/virsh_args.h"
#include "core/apply/run_commands.h"
#include "core/engine/network_ports.h"
#include "core/live/host_reader.h"
#include "core/validate/libvirt_error.h"
#include "core/xml/network_port.h"
#include "core/xml/schema.h"

namespace vnet::cli {

namespace {

// libvirt's schema for network port XML, shipped beside network.rng.
constexpr const char* kNetworkPortSchema = "/usr/share/libvirt/schemas/networkport.rng";

// The ports of an active network. Under --root there is no live host to
// read (an image runs no guests): no ports. An inactive network has none
// either, even if a bridge of the same name exists (it is not this one's).
Result<std::vector<engine::NetworkPort>> PortsOfNetwork(const Context& ctx,
                                                        const StoredNetwork& net,
                                                        live::HostReader* reader = nullptr) {
  if (!ctx.OnHostRoot() || !net.active || net.Bridge().empty()) {
    return std::vector<engine::NetworkPort>();
  }
  std::unique_ptr<live::HostReader> own;
  if (reader == nullptr) {
    own = live::MakeSystemHostReader("/");
    reader = own.get();
  }
  VNET_ASSIGN_OR_RETURN(live::HostState kernel, reader->ReadKernel());
  return engine::NetworkPorts(kernel, net.Bridge(), net.uuid);
}

// libvirt's VIR_ERR_NO_NETWORK_PORT, as virNetworkObjLookupPort words it.
Error PortNotFound(const std::string& uuid) {
  return MakeError(ErrorKind::kNotFound,
                   "network port not found: Network port with UUID " + uuid + " does not exist");
}

Result<engine::NetworkPort> FindPort(const std::vector<engine::NetworkPort>& ports,
                                     const std::string& uuid_text) {
  auto uuid = Uuid::Parse(uuid_text);
  if (uuid) {
    for (const engine::NetworkPort& p : ports) {
      if (p.uuid == *uuid) return p;
    }
  }
  return PortNotFound(uuid_text);
}

// An interface name as the kernel allows it (dev_valid_name), and not one
// that `ip` could take for an option.
bool SafeIfname(const std::string& name) {
  if (name.empty() || name.size() > 15 || name == "." || name == ".." || name[0] == '-') {
    return false;
  }
  for (char c : name) {
    if (c == '/' || c == ':' || static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return false;
  }
  return true;
}

nlohmann::json PortJson(const StoredNetwork& net, const engine::NetworkPort& p) {
  nlohmann::json j{{"uuid", p.uuid.ToString()},
                   {"interface", p.ifname},
                   {"network", net.name},
                   {"bridge", net.Bridge()},
                   {"mac", nullptr}};
  if (p.mac) j["mac"] = p.mac->ToString();
  return j;
}

}  // namespace

void PortListCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("network", opts.network, "network name or uuid");
  app.add_flag("--uuid", opts.uuid, "list uuid's only");
  app.add_flag("--table", opts.table, "list table (default)");
}

RunResult PortListCmd::Run(const Context& ctx, const Options& opts) {
  if (opts.table && opts.uuid) {
    return MakeError(ErrorKind::kUsage,
                     "Only one argument from --table and --uuid may be specified.");
  }
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  VNET_ASSIGN_OR_RETURN(std::vector<engine::NetworkPort> ports, PortsOfNetwork(ctx, net));
  Output out;
  out.json = nlohmann::json::array();
  std::vector<TableRow> rows;
  for (const engine::NetworkPort& p : ports) {
    out.json->push_back(PortJson(net, p));
    if (opts.uuid) {
      out.text += p.uuid.ToString() + "\n";
    } else {
      rows.push_back({p.uuid.ToString()});
    }
  }
  if (!opts.uuid) out.text = FormatTable({"UUID"}, rows, !ctx.quiet);
  return WithWarnings(std::move(out), store);
}

void PortDumpXmlCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app)
      .Add("network", opts.network, "network name or uuid")
      .Add("port", opts.port, "port UUID");
}

RunResult PortDumpXmlCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  VNET_ASSIGN_OR_RETURN(std::vector<engine::NetworkPort> ports, PortsOfNetwork(ctx, net));
  VNET_ASSIGN_OR_RETURN(engine::NetworkPort port, FindPort(ports, opts.port));
  xml::NetworkPortDoc doc;
  doc.uuid = port.uuid;
  // libvirt's schema requires <owner>; the host does not know which domain
  // a port belongs to, so the owner is named by the interface, with the
  // nil UUID (see vnetctl(1) port-dumpxml).
  doc.owner_name = port.ifname;
  doc.owner_uuid = Uuid{};
  doc.mac = port.mac;
  doc.plug_type = "network";
  doc.plug_bridge = net.Bridge();
  Output out;
  out.text = xml::FormatNetworkPort(doc);
  return WithWarnings(std::move(out), store);
}

void PortDeleteCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app)
      .Add("network", opts.network, "network name or uuid")
      .Add("port", opts.port, "port UUID");
}

RunResult PortDeleteCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  VNET_ASSIGN_OR_RETURN(auto session, LiveSession::Open(ctx, /*dry_run=*/false));
  VNET_ASSIGN_OR_RETURN(std::vector<engine::NetworkPort> ports,
                        PortsOfNetwork(ctx, net, &session->env().reader));
  VNET_ASSIGN_OR_RETURN(engine::NetworkPort port, FindPort(ports, opts.port));
  if (!SafeIfname(port.ifname)) {
    return LibvirtError(LibvirtCode::kInternalError,
                        "refusing to unplug an interface named '" + port.ifname + "'");
  }
  VNET_TRY(apply::RunAll(session->env(), {engine::UnplugCommand(port.ifname)}));
  Output out;
  out.text = Extra(ctx, "Network port " + port.uuid.ToString() + " deleted\n");
  out.json = PortJson(net, port);
  return out;
}

void PortCreateCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app)
      .Add("network", opts.network, "network name or uuid")
      .Add("file", opts.file, "file containing an XML network port description");
  app.add_flag("--validate", opts.validate,
               "validate the XML against libvirt's networkport schema");
}

RunResult PortCreateCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  VNET_ASSIGN_OR_RETURN(std::string text, ReadDocument(ctx, opts.file));
  if (opts.validate) {
    std::vector<Error> invalid = xml::ValidateAgainstSchema(text, opts.file, kNetworkPortSchema);
    if (!invalid.empty()) return invalid;
  }
  VNET_ASSIGN_OR_RETURN(xml::NetworkPortDoc doc, xml::ParseNetworkPort(text, opts.file));
  VNET_ASSIGN_OR_RETURN(auto session, LiveSession::Open(ctx, /*dry_run=*/false));
  if (!net.active) return LibvirtError(LibvirtCode::kOperationInvalid, "network is not active");
  const std::string& bridge = net.Bridge();
  if (bridge.empty()) {
    return LibvirtError(LibvirtCode::kOperationInvalid,
                        "network '" + net.name + "' has no bridge to plug a port into");
  }
  if (!doc.plug_type.empty() && doc.plug_type != "network" && doc.plug_type != "bridge") {
    return LibvirtError(LibvirtCode::kOperationInvalid,
                        "network port plug type '" + doc.plug_type +
                            "' does not map: vnetctl only attaches an existing interface to "
                            "bridge '" +
                            bridge + "'");
  }
  if (!doc.plug_bridge.empty() && doc.plug_bridge != bridge) {
    return LibvirtError(LibvirtCode::kOperationInvalid,
                        "network port plug bridge '" + doc.plug_bridge + "' is not network '" +
                            net.name + "''s bridge '" + bridge + "'");
  }
  VNET_ASSIGN_OR_RETURN(live::HostState kernel, session->env().reader.ReadKernel());
  const live::Link* free_link = nullptr;
  const live::Link* taken = nullptr;
  for (const live::Link& l : kernel.links) {
    if (l.kind == "bridge" || !engine::MatchesGuestMac(l, *doc.mac)) continue;
    if (l.master.empty()) {
      if (free_link != nullptr) {
        return LibvirtError(LibvirtCode::kOperationInvalid,
                            "interfaces '" + free_link->name + "' and '" + l.name +
                                "' both match MAC address " + doc.mac->ToString());
      }
      free_link = &l;
    } else if (taken == nullptr) {
      taken = &l;
    }
  }
  if (free_link == nullptr) {
    if (taken != nullptr && taken->master == bridge) {
      return LibvirtError(LibvirtCode::kOperationInvalid,
                          "interface '" + taken->name + "' with MAC address " +
                              doc.mac->ToString() + " is already a port of network '" + net.name +
                              "'");
    }
    if (taken != nullptr) {
      return LibvirtError(LibvirtCode::kOperationInvalid,
                          "interface '" + taken->name + "' with MAC address " +
                              doc.mac->ToString() + " is already attached to '" + taken->master +
                              "'");
    }
    return LibvirtError(LibvirtCode::kOperationInvalid,
                        "no interface on this host has MAC address " + doc.mac->ToString() +
                            ": vnetctl plugs an existing interface, it creates none");
  }
  if (!SafeIfname(free_link->name)) {
    return LibvirtError(LibvirtCode::kOperationInvalid,
                        "refusing to plug an interface named '" + free_link->name + "'");
  }
  engine::NetworkPort port{free_link->name, engine::PortUuid(net.uuid, free_link->name),
                           engine::GuestMac(*free_link)};
  VNET_TRY(apply::RunAll(session->env(), {engine::PlugCommand(port.ifname, bridge)}));
  Output out;
  out.text =
      Extra(ctx, "Network port " + port.uuid.ToString() + " created from " + opts.file + "\n");
  out.json = PortJson(net, port);
  return out;
}

}  // namespace vnet::cli
