// vnetctl undefine NETWORK   (virsh net-undefine)
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/virsh_args.h"
#include "core/store/libvirt_kept.h"

namespace vnet::cli {

void UndefineCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("network", opts.network, "network name or uuid");
}

RunResult UndefineCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/true));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  VNET_TRY(store.Undefine(net.name));
  Output out;
  // virsh names the network as the user wrote it (name or uuid).
  out.text = Extra(ctx, "Network " + opts.network + " has been undefined\n");
  out.json = nlohmann::json{{"name", net.name}, {"uuid", net.uuid.ToString()}};
  // A network taken over from libvirt: libvirt's stand-in now names a bridge
  // nobody makes. Its own definition is still kept for the way back.
  const LibvirtKept libvirt_kept(ctx.root);
  auto kept = libvirt_kept.Read(net.name);
  if (kept.ok() && *kept) {
    out.warnings.push_back(
        MakeError(ErrorKind::kOperationInvalid,
                  "network '" + net.name +
                      "' was taken over from libvirt, whose stand-in still uses its "
                      "bridge; `vnetctl import --handback " +
                      net.name + "` gives libvirt its own definition back (kept in " +
                      libvirt_kept.PathOf(net.name) + ")"));
  }
  return WithWarnings(WithLibvirtBootOrder(std::move(out), ctx, store), store);
}

}  // namespace vnet::cli
