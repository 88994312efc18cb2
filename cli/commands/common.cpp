#include "cli/commands/common.h"

#include <unistd.h>

#include "core/io/read_input.h"
#include "core/store/default_network.h"
#include "core/xml/parse.h"

namespace vnet::cli {

Result<Store> OpenStore(const Context& ctx, bool lock) {
  StoreOptions options;
  options.root = ctx.root;
  options.parser = &xml::ParseNetwork;
  options.seed = &DefaultDefinitions;
  options.lock = lock;
  return Store::Open(std::move(options));
}

LinkProbe HostLinkProbe(const Context& ctx) {
  if (!ctx.OnHostRoot()) return {};
  return [](const std::string& name) {
    const std::string path = "/sys/class/net/" + name;
    return access(path.c_str(), F_OK) == 0;
  };
}

Result<std::string> ReadDocument(const Context& ctx, const std::string& path) {
  return io::ReadInput(path, ctx.in, xml::kMaxXmlBytes);
}

Output WithWarnings(Output out, const Store& store) {
  out.warnings.insert(out.warnings.end(), store.Warnings().begin(), store.Warnings().end());
  return out;
}

}  // namespace vnet::cli
