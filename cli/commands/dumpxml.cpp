// vnetctl dumpxml NETWORK [--inactive]   (virsh net-dumpxml)
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/virsh_args.h"
#include "core/xml/format.h"
#include "core/xml/xpath.h"

namespace vnet::cli {

void DumpXmlCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("network", opts.network, "network name or uuid");
  app.add_flag("--inactive", opts.inactive, "the persistent definition, not the live one");
  app.add_option("--xpath", opts.xpath, "print only the nodes this XPath expression selects")
      ->type_name("EXPR");
  app.add_flag("--wrap", opts.wrap, "with --xpath: the nodes under one <nodes> element");
}

RunResult DumpXmlCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  xml::FormatOptions format;
  format.inactive = opts.inactive;
  Output out;
  out.text = xml::FormatNetwork(opts.inactive ? net.Persistent() : net.Current(), format);
  if (!opts.xpath.empty()) {
    xml::XPathOutput selected = xml::SelectXPath(out.text, opts.xpath, opts.wrap);
    switch (selected.kind) {
      case xml::XPathOutput::Kind::kNodes:
        out.text = std::move(selected.text);
        break;
      case xml::XPathOutput::Kind::kNotNodeSet:
        return MakeError(ErrorKind::kSystem,
                         "internal error: Incorrect xpath '" + opts.xpath + "'");
      case xml::XPathOutput::Kind::kInvalid:
        // virsh prints libxml2's complaint and exits 0 with nothing selected.
        out.text = std::move(selected.text);
        out.warnings.push_back(MakeError(
            ErrorKind::kSystem, "XPath error: " + selected.message + " in '" + opts.xpath + "'"));
        break;
    }
  }
  return WithWarnings(std::move(out), store);
}

}  // namespace vnet::cli
