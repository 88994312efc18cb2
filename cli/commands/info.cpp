// vnetctl info NETWORK   (virsh net-info)
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/virsh_args.h"

namespace vnet::cli {

namespace {

// virsh: printf("%-15s %s\n", label, value).
std::string InfoLine(const std::string& label, const std::string& value) {
  std::string padded = label;
  if (padded.size() < 15) padded.append(15 - padded.size(), ' ');
  return padded + " " + value + "\n";
}

nlohmann::json InfoJson(const StoredNetwork& net) {
  nlohmann::json j{{"name", net.name},           {"uuid", net.uuid.ToString()},
                   {"active", net.active},       {"persistent", net.persistent},
                   {"autostart", net.autostart}, {"bridge", nullptr}};
  if (!net.Bridge().empty()) j["bridge"] = net.Bridge();
  return j;
}

}  // namespace

void InfoCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("network", opts.network, "network name or uuid");
}

RunResult InfoCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  Output out;
  out.text = InfoLine("Name:", net.name) + InfoLine("UUID:", net.uuid.ToString()) +
             InfoLine("Active:", YesNo(net.active)) +
             InfoLine("Persistent:", YesNo(net.persistent)) +
             InfoLine("Autostart:", YesNo(net.autostart));
  if (!net.Bridge().empty()) out.text += InfoLine("Bridge:", net.Bridge());
  out.json = InfoJson(net);
  return WithWarnings(std::move(out), store);
}

}  // namespace vnet::cli
