// libFuzzer: every renderer. A document that parses and validates (and gets
// define's defaults) is rendered by each backend at both placements, with
// its activation commands; nothing may crash, every file lands at a clean
// absolute path with no NUL in it, no argument of a command holds a NUL
// (argv cannot carry one). What vnetctl writes and reads back itself, the
// status record, must read back to the same record.
#include <cstddef>
#include <cstdint>
#include <string>

#include "backends/registry.h"
#include "core/apply/transaction.h"
#include "core/plan/status.h"
#include "core/validate/validate.h"
#include "core/xml/parse.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

void CheckFiles(const vnet::Rendering& r, const std::string& backend) {
  for (const vnet::RenderedFile& f : r.files) {
    FUZZ_CHECK(!f.path.empty() && f.path.front() == '/', "a relative path", backend + f.path);
    FUZZ_CHECK(f.path.find("/../") == std::string::npos && f.path.find("/./") == std::string::npos,
               "a path that climbs", backend + f.path);
    FUZZ_CHECK(f.path.find('\0') == std::string::npos, "a NUL in a path", backend);
    FUZZ_CHECK(f.content.find('\0') == std::string::npos, "a NUL in a file", backend + f.path);
    FUZZ_CHECK((f.mode & 022) == 0 || !f.symlink_target.empty(), "a group- or world-writable file",
               backend + f.path);
  }
}

void CheckCommands(const vnet::Commands& cmds, const std::string& backend) {
  for (const auto& c : cmds) {
    FUZZ_CHECK(!c.argv.empty(), "an empty command", backend);
    for (const std::string& a : c.argv) {
      FUZZ_CHECK(a.find('\0') == std::string::npos, "a NUL in an argument", backend);
    }
  }
}

// A host with nothing on it: no firewall, no files, no processes.
class EmptyHost : public vnet::live::HostReader {
 public:
  vnet::Result<vnet::live::HostState> ReadKernel() override { return vnet::live::HostState{}; }
  vnet::Result<std::optional<std::string>> NftTable(const std::string&,
                                                    const std::string&) override {
    return std::optional<std::string>();
  }
  vnet::Result<std::vector<vnet::live::FirewallChain>> FirewallChains() override {
    return std::vector<vnet::live::FirewallChain>{};
  }
  std::optional<std::string> Sysctl(const std::string&) override { return std::nullopt; }
  std::optional<bool> TxChecksum(const std::string&) override { return std::nullopt; }
  vnet::Result<std::vector<vnet::live::Listener>> Listeners(const std::vector<uint16_t>&) override {
    return std::vector<vnet::live::Listener>{};
  }
  std::optional<vnet::live::Process> ProcessFromPidFile(const std::string&) override {
    return std::nullopt;
  }
  vnet::Result<vnet::live::FileState> ReadFile(const std::string&) override {
    return vnet::live::FileState{};
  }
};

void CheckStatus(const vnet::Network& net, const vnet::Backend& b, const vnet::Caps& caps) {
  vnet::apply::Target t{&net, &b, caps};
  EmptyHost host;
  vnet::RecordingCommandRunner runner;
  vnet::apply::RecordingHostWriter writer;
  vnet::apply::Env env{runner, host, writer, /*dry_run=*/true, "", std::chrono::milliseconds(0)};
  auto status = vnet::apply::ReconstructStatus(env, t);
  if (!status.ok()) return;
  const std::string json = vnet::plan::StatusToJson(*status);
  auto back = vnet::plan::StatusFromJson(json, "status.json");
  FUZZ_CHECK(back.ok(), "a status record does not read back", json);
  FUZZ_CHECK(vnet::plan::StatusToJson(*back) == json, "a status record changes on reading", json);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = vnet::xml::ParseNetwork(text, "fuzz.xml");
  if (!parsed.ok() || !vnet::ValidateNetwork(*parsed).empty()) return 0;
  vnet::Network net = std::move(parsed).value();
  if (!vnet::FillDefinitionDefaults(net, [](const std::string&) { return false; }).ok()) return 0;
  for (const vnet::Backend* b : vnet::AllBackends()) {
    for (vnet::Placement p : {vnet::Placement::kRuntime, vnet::Placement::kPersistent}) {
      vnet::Caps caps;
      caps.placement = p;
      const std::string name(b->Name());
      auto r = b->Render(net, caps);
      if (!r.ok()) continue;
      CheckFiles(*r, name);
      CheckCommands(b->Up(net, p), name);
      CheckCommands(b->Down(net, p), name);
      CheckCommands(b->Forget(net, p), name);
      CheckCommands(b->Reapply(net, p), name);
      CheckStatus(net, *b, caps);
    }
  }
  return 0;
}
