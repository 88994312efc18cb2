// activation_commands BACKEND FILE.xml runtime|persistent STEP: prints the
// commands of one activation step, one per line, as tab-separated fields:
// "must" or "may_fail", then argv. For tests/native/activation.sh, which runs
// them against the real managers: the commands under test are the ones
// backends/ produce, never a copy in the script. STEP is up, down, forget,
// reapply (NetworkManagerReapply), firewall-up, firewall-down,
// forwarding-up, dnsmasq-start, dnsmasq-stop, dnsmasq-reload; or
// runs-companions / reapply-needs-down, which print "yes" or "no".
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "backends/common/companion_runtime.h"
#include "backends/networkmanager/activate.h"
#include "backends/registry.h"
#include "core/validate/validate.h"
#include "core/xml/parse.h"

namespace {

using vnet::Commands;
using vnet::Network;
using vnet::Placement;

using StepFn = std::function<Commands(const vnet::Backend&, const Network&, Placement)>;

const std::map<std::string, StepFn>& Steps() {
  static const std::map<std::string, StepFn> steps = {
      {"up", [](const auto& b, const auto& n, auto p) { return b.Up(n, p); }},
      {"down", [](const auto& b, const auto& n, auto p) { return b.Down(n, p); }},
      {"forget", [](const auto& b, const auto& n, auto p) { return b.Forget(n, p); }},
      {"reapply",
       [](const auto&, const auto& n, auto p) { return vnet::NetworkManagerReapply(n, p); }},
      {"firewall-up", [](const auto&, const auto& n, auto p) { return vnet::FirewallUp(n, p); }},
      {"firewall-down", [](const auto&, const auto& n, auto) { return vnet::FirewallDown(n); }},
      {"forwarding-up", [](const auto&, const auto& n, auto) { return vnet::ForwardingUp(n); }},
      {"dnsmasq-start",
       [](const auto&, const auto& n, auto p) { return vnet::DnsmasqStart(n, p); }},
      {"dnsmasq-stop", [](const auto&, const auto& n, auto) { return vnet::DnsmasqStop(n); }},
      {"dnsmasq-reload", [](const auto&, const auto& n, auto) { return vnet::DnsmasqReload(n); }},
  };
  return steps;
}

int Fail(const std::string& message) {
  std::cerr << "activation_commands: " << message << "\n";
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) return Fail("usage: BACKEND FILE.xml runtime|persistent STEP");
  const vnet::Backend* backend = vnet::FindBackend(argv[1]);
  if (!backend) return Fail(std::string("no backend ") + argv[1]);
  std::ifstream in(argv[2]);
  std::stringstream text;
  text << in.rdbuf();
  vnet::Result<Network> net = vnet::xml::ParseNetwork(text.str(), argv[2]);
  if (!net.ok()) return Fail(net.error().message);
  std::vector<vnet::Error> errors = vnet::ValidateNetwork(net.value());
  if (!errors.empty()) return Fail(errors.front().message);
  const std::string placement = argv[3], step = argv[4];
  if (placement != "runtime" && placement != "persistent") return Fail("bad placement");
  Placement p = placement == "runtime" ? Placement::kRuntime : Placement::kPersistent;
  if (step == "runs-companions" || step == "reapply-needs-down") {
    bool yes = step == "runs-companions" ? backend->RunsCompanions() : backend->ReapplyNeedsDown();
    std::cout << (yes ? "yes" : "no") << "\n";
    return 0;
  }
  auto it = Steps().find(step);
  if (it == Steps().end()) return Fail("unknown step " + step);
  for (const auto& c : it->second(*backend, net.value(), p)) {
    std::cout << (c.may_fail ? "may_fail" : "must");
    for (const auto& arg : c.argv) std::cout << '\t' << arg;
    std::cout << '\n';
  }
  return 0;
}
