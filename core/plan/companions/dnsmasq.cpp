// The network's dnsmasq (DHCP, DNS and RA exactly as libvirt configures them;
// backends/common/dnsmasq.h renders its configuration and hosts files):
// started once the bridge has its addresses, restarted when its
// configuration changes, sent SIGHUP when only its hosts files do (leases
// stay), stopped first when the network goes.
#include "backends/common/dnsmasq.h"

#include <algorithm>

#include "backends/common/companion_runtime.h"
#include "backends/files.h"
#include "core/plan/companion.h"
#include "core/plan/plan_internal.h"

namespace vnet::plan {

namespace {

class Dnsmasq final : public Companion {
 public:
  std::string_view Name() const override { return "dnsmasq"; }
  Phase When() const override { return Phase::kAfterBridge; }
  bool StartedByManagerHooks() const override { return true; }
  bool RetriesStart() const override { return true; }

  void Desire(const Network& net, const Backend&, const Caps&, Desired& want) const override {
    if (!net.HasManagedBridge() || !NeedsDnsmasq(net)) return;
    want.dnsmasq = true;
    want.dnsmasq_pid_file = DnsmasqPidPath(net.name);
    want.dnsmasq_conf = DnsmasqConfPath(net.name, want.placement);
    for (const Ip& ip : net.ips) {
      if (ip.HasDhcp()) want.dnsmasq_ports.push_back(ip.IsIpv4() ? 67 : 547);
    }
    if (!(net.dns && net.dns->enable == false)) want.dnsmasq_ports.push_back(53);
  }

  void PlanStart(const Desired& want, const NetworkStatus*, const Observed& have,
                 Plan& out) const override {
    StepSink steps{out.steps};
    const std::string& pid = want.dnsmasq_pid_file;
    if (!want.dnsmasq) {
      if (have.dnsmasq) {
        steps.Add(Action::kDelete, Object::kDnsmasq, have.dnsmasq->exe,
                  "the network no longer needs DHCP or DNS", false);
      }
    } else if (!have.dnsmasq) {
      steps.Add(Action::kCreate, Object::kDnsmasq, pid, "not running", false);
    } else if (out.HasFile(FileRole::kDnsmasqConf) ||
               !IsOurDnsmasq(*have.dnsmasq, want.dnsmasq_conf)) {
      steps.Add(Action::kRestart, Object::kDnsmasq, pid, "its configuration changes", false);
    } else if (out.HasFile(FileRole::kDnsmasqHosts)) {
      steps.Add(Action::kReload, Object::kDnsmasq, pid, "re-reads its hosts files (SIGHUP)", false);
    } else if (auto port = MissingPort(want, have)) {
      steps.Add(Action::kRestart, Object::kDnsmasq, pid,
                "does not listen on UDP port " + std::to_string(*port), false);
    }
  }

  void PlanStop(const NetworkStatus&, const Observed& have, Plan& out) const override {
    if (!have.dnsmasq) return;
    StepSink{out.steps}.Add(Action::kDelete, Object::kDnsmasq, have.dnsmasq->exe,
                            "stops with the network", false);
  }

  Commands Start(const Network& net, const Desired& want, const Plan& plan) const override {
    if (plan.HasStep(Object::kDnsmasq, Action::kDelete)) return DnsmasqStop(net);
    if (plan.HasStep(Object::kDnsmasq, Action::kRestart)) {
      Commands cmds = DnsmasqStop(net);
      Append(cmds, DnsmasqStart(net, want.placement));
      return cmds;
    }
    if (plan.HasStep(Object::kDnsmasq, Action::kCreate)) {
      return DnsmasqStart(net, want.placement);
    }
    if (plan.HasStep(Object::kDnsmasq, Action::kReload)) return DnsmasqReload(net);
    return {};
  }

  Commands Stop(const Network& net, const NetworkStatus&) const override {
    return DnsmasqStop(net);
  }

  // dnsmasq leaves its pid file behind.
  std::vector<std::string> Leftovers(const Network& net) const override {
    return {DnsmasqPidPath(net.name)};
  }

  // The previous dnsmasq again, with the configuration put back before.
  Commands Undo(const Undoing& u) const override {
    if (!u.old) return DnsmasqStop(u.net);
    if (!u.old_status->dnsmasq) return {};
    Commands cmds = DnsmasqStop(*u.old);
    Append(cmds, DnsmasqStart(*u.old, u.old_status->placement));
    return cmds;
  }

  void Record(const Desired& want, const Observed* seen, NetworkStatus& s) const override {
    s.dnsmasq = want.dnsmasq;
    if (!seen) return;
    if (seen->dnsmasq) s.verified.push_back("dnsmasq pid " + std::to_string(seen->dnsmasq->pid));
    for (uint16_t port : seen->dnsmasq_ports) {
      s.verified.push_back("udp port " + std::to_string(port));
    }
  }

 private:
  static std::optional<uint16_t> MissingPort(const Desired& want, const Observed& have) {
    for (uint16_t port : want.dnsmasq_ports) {
      if (std::find(have.dnsmasq_ports.begin(), have.dnsmasq_ports.end(), port) ==
          have.dnsmasq_ports.end()) {
        return port;
      }
    }
    return std::nullopt;
  }
};

}  // namespace

const Companion& DnsmasqCompanion() {
  static const Dnsmasq kDnsmasq;
  return kDnsmasq;
}

}  // namespace vnet::plan
