// The real HostReader: each question goes to the module that answers it.
// Kernel, nftables, sysctl and socket answers come from the calling thread's
// network namespace; files and pid files are read below `root`.
#include "core/live/ethtool.h"
#include "core/live/files.h"
#include "core/live/firewall.h"
#include "core/live/host_reader.h"
#include "core/live/netlink.h"
#include "core/live/nftables.h"
#include "core/live/processes.h"
#include "core/live/sockets.h"
#include "core/live/sysctl.h"

namespace vnet::live {
namespace {

class SystemHostReader : public HostReader {
 public:
  explicit SystemHostReader(std::string root) : root_(std::move(root)) {}

  Result<HostState> ReadKernel() override { return ReadKernelState(); }

  Result<std::optional<std::string>> NftTable(const std::string& family,
                                              const std::string& name) override {
    return ListNftTable(family, name);
  }

  Result<std::vector<FirewallChain>> FirewallChains() override { return ReadFirewallChains(); }

  std::optional<std::string> Sysctl(const std::string& key) override { return ReadSysctl(key); }

  std::optional<bool> TxChecksum(const std::string& ifname) override {
    return ReadTxChecksum(ifname);
  }

  Result<std::vector<Listener>> Listeners(const std::vector<uint16_t>& ports) override {
    return ReadListeners(ports);
  }

  std::optional<Process> ProcessFromPidFile(const std::string& pid_file) override {
    Result<FileState> file = ReadFileState(root_, pid_file);
    // A pid file that is a symbolic link is not trusted: anyone able to plant
    // one could make vnetctl report (and later signal) another process.
    if (!file.ok() || !file->exists || file->is_symlink) return std::nullopt;
    std::optional<int> pid = ParsePid(file->content);
    return pid ? ReadProcess(*pid) : std::nullopt;
  }

  Result<FileState> ReadFile(const std::string& path) override {
    return ReadFileState(root_, path);
  }

 private:
  std::string root_;
};

}  // namespace

std::unique_ptr<HostReader> MakeSystemHostReader(const std::string& root) {
  return std::make_unique<SystemHostReader>(root);
}

}  // namespace vnet::live
