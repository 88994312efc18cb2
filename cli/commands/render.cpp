// vnetctl render NAME|FILE [--backend B] [--output DIR] [--placement P]: the
// native files an autostarted network would have (or, with --placement
// runtime, a started one: under /run, gone at reboot), printed or written
// under DIR at their real paths (so `netplan generate --root-dir DIR` works on
// them). Touches nothing live; same input, same bytes.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "core/validate/validate.h"
#include "core/xml/parse.h"

namespace vnet::cli {

namespace {

namespace fs = std::filesystem;

Result<Network> LoadNetwork(const Context& ctx, const std::string& arg) {
  if (!LooksLikeFile(arg)) {
    VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
    VNET_ASSIGN_OR_RETURN(StoredNetwork stored, store.Lookup(arg));
    return stored.Persistent();
  }
  VNET_ASSIGN_OR_RETURN(std::string text, ReadDocument(ctx, arg));
  VNET_ASSIGN_OR_RETURN(Network net, xml::ParseNetwork(text, arg));
  std::vector<Error> errors = ValidateNetwork(net);
  if (!errors.empty()) return errors.front();
  return net;
}

Status WriteFileUnder(const fs::path& dir, const RenderedFile& f) {
  fs::path target = dir / fs::path(f.path).relative_path();
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return MakeError(ErrorKind::kSystem, target.parent_path().string() + ": " + ec.message());
  unlink(target.c_str());
  if (!f.symlink_target.empty()) {
    if (symlink(f.symlink_target.c_str(), target.c_str()) != 0) {
      return MakeError(ErrorKind::kSystem, target.string() + ": " + std::strerror(errno));
    }
    return OkStatus();
  }
  int fd = open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, f.mode);
  if (fd < 0) return MakeError(ErrorKind::kSystem, target.string() + ": " + std::strerror(errno));
  bool ok = write(fd, f.content.data(), f.content.size()) == static_cast<ssize_t>(f.content.size());
  ok = fchmod(fd, f.mode) == 0 && ok;  // the umask must not change the mode
  ok = close(fd) == 0 && ok;
  if (!ok) return MakeError(ErrorKind::kSystem, target.string() + ": " + std::strerror(errno));
  return OkStatus();
}

std::string Listing(const Rendering& r) {
  std::string out;
  for (const auto& f : r.files) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", f.mode);
    if (!f.symlink_target.empty()) {
      out += "### " + f.path + " -> " + f.symlink_target + "\n";
      continue;
    }
    out += "### " + f.path + " (mode " + mode + ")\n" + f.content;
    if (!f.content.empty() && f.content.back() != '\n') out += '\n';
  }
  return out;
}

}  // namespace

void RenderCmd::Setup(CLI::App& app, Options& opts) {
  app.add_option("network", opts.network, "network name, or an XML file (- for stdin)")->required();
  app.add_option("-o,--output", opts.output, "write the files under DIR at their real paths");
  app.add_option(
         "--placement", opts.placement,
         "persistent: an autostarted network's files (/etc); runtime: a started one's (/run)")
      ->check(CLI::IsMember({"persistent", "runtime"}));
}

RunResult RenderCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Network net, LoadNetwork(ctx, opts.network));
  Placement placement = opts.placement == "runtime" ? Placement::kRuntime : Placement::kPersistent;
  VNET_ASSIGN_OR_RETURN(auto resolved, ResolveBackend(ctx, placement));
  VNET_ASSIGN_OR_RETURN(Rendering r, resolved.first->Render(net, resolved.second));
  Output out;
  for (const auto& w : r.warnings) out.warnings.push_back(MakeError(ErrorKind::kInvalidInput, w));
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : r.files) {
    files.push_back({{"path", f.path},
                     {"mode", f.mode},
                     {"content", f.content},
                     {"symlink", f.symlink_target}});
  }
  out.json = nlohmann::json{{"network", net.name},
                            {"backend", resolved.first->Name()},
                            {"placement", opts.placement},
                            {"files", files},
                            {"warnings", r.warnings}};
  if (opts.output.empty()) {
    out.text = Listing(r);
    return out;
  }
  for (const auto& f : r.files) VNET_TRY(WriteFileUnder(opts.output, f));
  out.text = "Rendered network " + net.name + " for " + std::string(resolved.first->Name()) +
             " into " + opts.output + " (" + std::to_string(r.files.size()) + " files)\n";
  return out;
}

}  // namespace vnet::cli
