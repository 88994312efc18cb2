#include "cli/commands/commands.h"

#include <memory>

namespace vnet::cli {

namespace {

// Keeps a command's Options alive for as long as its Runner.
template <typename Cmd>
Runner Bind(CLI::App& sub) {
  auto opts = std::make_shared<typename Cmd::Options>();
  Cmd::Setup(sub, *opts);
  return [opts](const Context& ctx) { return Cmd::Run(ctx, *opts); };
}

constexpr Command kCommands[] = {
    {"define", "net-define", "Define or redefine a persistent network from an XML file",
     &Bind<DefineCmd>, "virNetworkDefineXML"},
    {"undefine", "net-undefine", "Remove a persistent network's definition", &Bind<UndefineCmd>,
     "virNetworkUndefine"},
    {"list", "net-list", "List networks", &Bind<ListCmd>},
    {"info", "net-info", "Show basic information about a network", &Bind<InfoCmd>},
    {"uuid", "net-uuid", "Convert a network name to its UUID", &Bind<UuidCmd>},
    {"name", "net-name", "Convert a network UUID to its name", &Bind<NameCmd>},
    {"dumpxml", "net-dumpxml", "Print a network's XML definition", &Bind<DumpXmlCmd>},
    {"edit", "net-edit", "Edit a network's XML definition in $EDITOR", &Bind<EditCmd>,
     "virNetworkDefineXML"},
    {"create", "net-create", "Create and start a transient network from an XML file",
     &Bind<CreateCmd>, "virNetworkCreateXML"},
    {"start", "net-start", "Start (realize on the host) a defined network", &Bind<StartCmd>,
     "virNetworkCreate"},
    {"destroy", "net-destroy",
     "Stop a network and remove everything it put on the host (alias: stop)", &Bind<DestroyCmd>,
     "virNetworkDestroy"},
    {"autostart", "net-autostart", "Mark or unmark a network to start at boot", &Bind<AutostartCmd>,
     "virNetworkSetAutostart"},
    {"update", "net-update", "Add, delete or modify one part of a network's definition",
     &Bind<UpdateCmd>, "virNetworkUpdate"},
    {"dhcp-leases", "net-dhcp-leases", "Show a network's DHCP leases", &Bind<DhcpLeasesCmd>},
    {"port-list", "net-port-list", "List a network's ports (the guest links on its bridge)",
     &Bind<PortListCmd>},
    {"port-dumpxml", "net-port-dumpxml", "Print a network port's XML", &Bind<PortDumpXmlCmd>},
    {"port-create", "net-port-create", "Plug an existing interface into a network's bridge",
     &Bind<PortCreateCmd>, "virNetworkPortCreateXML"},
    {"port-delete", "net-port-delete", "Unplug a network port's interface from the bridge",
     &Bind<PortDeleteCmd>, "virNetworkPortDelete"},
    {"event", "net-event", "Wait for network lifecycle events and print them", &Bind<EventCmd>},
    {"diff", "", "Show what start or apply would change on the host, and why", &Bind<DiffCmd>},
    {"apply", "", "Define and start networks, or repair and update what differs", &Bind<ApplyCmd>,
     "virNetworkDefineXML"},
    {"render", "", "Print or write the native files a backend needs for a network",
     &Bind<RenderCmd>},
    {"import", "", "Import networks from libvirt, optionally taking over the running ones",
     &Bind<ImportCmd>, "virNetworkDefineXML"},
    {"backends", "", "Show the network managers on this host and which one is used",
     &Bind<BackendsCmd>},
    {"doctor", "", "Check the host for what breaks VM networks, and say how to fix it",
     &Bind<DoctorCmd>},
};

}  // namespace

std::span<const Command> Commands() { return kCommands; }

std::string_view ExtraAlias(std::string_view name) { return name == "destroy" ? "stop" : ""; }

}  // namespace vnet::cli
