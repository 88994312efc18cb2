// vnetctl edit NETWORK   (virsh net-edit, tools/virsh-edit.c)
//
// The inactive XML goes to a temporary file, the user's editor runs on it,
// and the result is defined through the same pipeline as `define`. When that
// fails, a person at a terminal is asked virsh's "Failed. Try again?
// [y,n,f,?]": y edits again, n discards, f retries the same text. There is no
// "i" (libvirt offers it only where schema validation can be relaxed, which
// net-edit never does). Without a terminal the errors are returned as is.
#include <stdlib.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/virsh_args.h"
#include "core/io/read_input.h"
#include "core/xml/format.h"
#include "core/xml/parse.h"

namespace vnet::cli {

namespace {

class TempFile {
 public:
  static Result<TempFile> Create(const std::string& content) {
    const char* dir = getenv("TMPDIR");
    std::string path = std::string(dir && *dir ? dir : "/tmp") + "/vnetctl-XXXXXX.xml";
    int fd = mkstemps(path.data(), 4);
    if (fd < 0) return io::SystemError("create", path, errno);
    TempFile file(path);
    ssize_t n = write(fd, content.data(), content.size());
    int err = errno;
    close(fd);
    if (n != static_cast<ssize_t>(content.size())) return io::SystemError("write", path, err);
    return file;
  }
  TempFile(TempFile&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  TempFile& operator=(TempFile&&) = delete;
  ~TempFile() {
    if (!path_.empty()) unlink(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

struct Attempt {
  std::optional<Network> defined;
  std::string message;  // virsh's one-line reason shown before the prompt
  std::vector<Error> errors;
};

std::string InactiveXml(const StoredNetwork& net) {
  xml::FormatOptions options;
  options.inactive = true;
  return xml::FormatNetwork(net.Persistent(), options);
}

Attempt Failed(std::string message, std::vector<Error> errors) {
  return Attempt{std::nullopt, std::move(message), std::move(errors)};
}

// virsh-edit.c's "redefine" step: refuse if someone else changed the network
// meanwhile (and adopt their version as the new baseline), else define.
Attempt TryDefine(const Context& ctx, const std::string& name, std::string& original,
                  const std::string& edited, const std::string& source) {
  auto store = OpenStore(ctx, /*lock=*/true);
  if (!store.ok()) return Failed("Failed.", {store.error()});
  auto current = store->LookupByName(name);
  if (!current.ok()) return Failed("Failed.", {current.error()});
  std::string now = InactiveXml(*current);
  if (now != original) {
    original = now;
    const std::string msg = "The XML configuration was changed by another user.";
    return Failed(msg, {MakeError(ErrorKind::kOperationInvalid, msg)});
  }
  auto parsed = xml::ParseNetwork(edited, source);
  if (!parsed.ok()) return Failed("Failed.", {parsed.error()});
  DefineResult result = DefineNetwork(*store, std::move(parsed).value(), HostLinkProbe(ctx));
  return Attempt{std::move(result.network), "Failed.", std::move(result.errors)};
}

Output Edited(const Context& ctx, const Network& net) {
  Output out;
  out.text = Extra(ctx, "Network " + net.name + " XML configuration edited.\n");
  out.json = nlohmann::json{{"name", net.name}, {"changed", true}};
  return out;
}

Output NotChanged(const Context& ctx, const std::string& name) {
  Output out;
  out.text = Extra(ctx, "Network " + name + " XML configuration not changed.\n");
  out.json = nlohmann::json{{"name", name}, {"changed", false}};
  return out;
}

RunResult EditLoop(const Context& ctx, const std::string& name, std::string original,
                   const std::string& path) {
  Interaction& io = *ctx.interaction;
  while (true) {
    VNET_TRY(io.Edit(path));
    VNET_ASSIGN_OR_RETURN(std::string edited, io::ReadInput(path, nullptr, xml::kMaxXmlBytes));
    if (edited == original) return NotChanged(ctx, name);
    char answer = 'f';
    while (answer == 'f') {
      Attempt attempt = TryDefine(ctx, name, original, edited, path);
      if (attempt.defined)
        return WithNetworkWarnings(Edited(ctx, *attempt.defined), *attempt.defined);
      if (!io.IsInteractive()) return attempt.errors;
      answer = io.AskReedit(attempt.message, attempt.errors);
    }
    if (answer == 'n') {
      return MakeError(ErrorKind::kInvalidInput,
                       "Network " + name + " XML configuration not changed.");
    }
  }
}

}  // namespace

void EditCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("network", opts.network, "network name or uuid");
}

RunResult EditCmd::Run(const Context& ctx, const Options& opts) {
  if (ctx.interaction == nullptr) {
    return MakeError(ErrorKind::kUnavailable, "edit needs an editor and a terminal");
  }
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  std::string original = InactiveXml(net);
  VNET_ASSIGN_OR_RETURN(TempFile file, TempFile::Create(original));
  return EditLoop(ctx, net.name, std::move(original), file.path());
}

}  // namespace vnet::cli
