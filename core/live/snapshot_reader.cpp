#include "core/live/snapshot_reader.h"

#include <map>
#include <optional>
#include <utility>

namespace vnet::live {
namespace {

class SnapshotHostReader : public HostReader {
 public:
  explicit SnapshotHostReader(std::unique_ptr<HostReader> reader) : reader_(std::move(reader)) {}

  Result<HostState> ReadKernel() override {
    if (!kernel_) kernel_ = reader_->ReadKernel();
    return *kernel_;
  }

  Result<std::optional<std::string>> NftTable(const std::string& family,
                                              const std::string& name) override {
    return Once(tables_, std::make_pair(family, name),
                [&] { return reader_->NftTable(family, name); });
  }

  Result<std::vector<FirewallChain>> FirewallChains() override {
    if (!firewall_) firewall_ = reader_->FirewallChains();
    return *firewall_;
  }

  std::optional<std::string> Sysctl(const std::string& key) override {
    return Once(sysctls_, key, [&] { return reader_->Sysctl(key); });
  }

  std::optional<bool> TxChecksum(const std::string& ifname) override {
    return Once(tx_checksums_, ifname, [&] { return reader_->TxChecksum(ifname); });
  }

  Result<std::vector<Listener>> Listeners(const std::vector<uint16_t>& ports) override {
    return Once(listeners_, ports, [&] { return reader_->Listeners(ports); });
  }

  std::optional<Process> ProcessFromPidFile(const std::string& pid_file) override {
    return Once(processes_, pid_file, [&] { return reader_->ProcessFromPidFile(pid_file); });
  }

  Result<FileState> ReadFile(const std::string& path) override {
    return Once(files_, path, [&] { return reader_->ReadFile(path); });
  }

 private:
  template <typename Map, typename Key, typename Ask>
  typename Map::mapped_type Once(Map& answers, const Key& key, Ask ask) {
    auto it = answers.find(key);
    if (it == answers.end()) it = answers.emplace(key, ask()).first;
    return it->second;
  }

  std::unique_ptr<HostReader> reader_;
  std::optional<Result<HostState>> kernel_;
  std::optional<Result<std::vector<FirewallChain>>> firewall_;
  std::map<std::pair<std::string, std::string>, Result<std::optional<std::string>>> tables_;
  std::map<std::string, std::optional<std::string>> sysctls_;
  std::map<std::string, std::optional<bool>> tx_checksums_;
  std::map<std::vector<uint16_t>, Result<std::vector<Listener>>> listeners_;
  std::map<std::string, std::optional<Process>> processes_;
  std::map<std::string, Result<FileState>> files_;
};

}  // namespace

std::unique_ptr<HostReader> MakeSnapshotHostReader(std::unique_ptr<HostReader> reader) {
  return std::make_unique<SnapshotHostReader>(std::move(reader));
}

}  // namespace vnet::live
