#include "core/apply/transaction.h"

#include <algorithm>
#include <optional>
#include <thread>

#include "backends/files.h"
#include "core/apply/run_commands.h"
#include "core/io/crash_point.h"
#include "core/plan/companion.h"
#include "core/plan/firewalld.h"
#include "core/plan/observe.h"

namespace vnet::apply {

namespace {

using plan::Action;
using plan::FileRole;
using plan::Object;

/// What a rollback needs: every file as it was, and the sysctls.
struct Snapshot {
  std::map<std::string, live::FileState> files;
  std::map<std::string, std::string> sysctls;
  std::vector<std::string> ports;  // of an active network's bridge
};

/// Polls the host until `done(plan)` or the settle time is over; returns the
/// last plan.
template <typename Done>
Result<plan::Plan> Settle(Env& env, const plan::Desired& want, const plan::NetworkStatus* before,
                          bool needs_down, Done done) {
  auto deadline = std::chrono::steady_clock::now() + env.settle;
  for (;;) {
    VNET_ASSIGN_OR_RETURN(plan::Observed have, plan::Observe(env.reader, &want, before));
    plan::Plan p = plan::PlanStart(want, before, have, needs_down);
    if (done(p) || std::chrono::steady_clock::now() >= deadline) return p;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

Status WriteFiles(Env& env, const plan::Desired& want, const plan::Plan& p) {
  for (const plan::Step& s : p.steps) {
    if (s.object != Object::kFile) continue;
    if (s.action == Action::kDelete) {
      VNET_TRY(env.writer.Remove(s.name));
      continue;
    }
    for (const plan::DesiredFile& f : want.files) {
      if (f.file.path == s.name) VNET_TRY(env.writer.Write(f.file));
    }
  }
  return OkStatus();
}

// A companion is left to the manager's hooks where the backend has them
// (ifupdown) and the change (re)applies the native configuration.
bool LeftToHooks(const plan::Companion& c, const Backend& b, bool reapply) {
  return c.StartedByManagerHooks() && b.RunsCompanions() && reapply;
}

// A companion that retries (dnsmasq) may find the kernel still holding its
// old instance's DNS socket right after a stop ("Address already in use"):
// try again briefly.
Status RunCompanion(Env& env, const plan::Companion& c, const Commands& cmds) {
  Status done = RunAll(env, cmds);
  for (int i = 0; !done.ok() && c.RetriesStart() && !env.dry_run && i < 10; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    done = RunAll(env, cmds);
  }
  return done;
}

/// Carries out the plan's steps of the companions that come up in `phase`.
Status StartCompanions(Env& env, plan::Phase phase, const Target& t, const plan::Desired& want,
                       const plan::Plan& p, bool reapply) {
  for (const plan::Companion* c : plan::Companions()) {
    if (c->When() != phase || LeftToHooks(*c, *t.backend, reapply)) continue;
    VNET_TRY(RunCompanion(env, *c, c->Start(*t.net, want, p)));
  }
  return OkStatus();
}

/// Undoes, in reverse order, what the companions of `phase` did.
void UndoCompanions(Env& env, plan::Phase phase, const Backend& b, const plan::Undoing& u,
                    std::vector<std::string>& notes) {
  const auto& all = plan::Companions();
  for (auto c = all.rbegin(); c != all.rend(); ++c) {
    // Bringing the previous network back up (b.Up) runs its hooks too.
    if ((*c)->When() != phase || (u.old && LeftToHooks(**c, b, true))) continue;
    Commands cmds = (*c)->Undo(u);
    if (u.old && (*c)->RetriesStart()) {  // the previous one started again
      Status done = RunCompanion(env, **c, cmds);
      if (!done.ok()) notes.push_back(done.error().message);
      continue;
    }
    RunBestEffort(env, cmds, notes);
    if (!u.old) {
      for (const std::string& path : (*c)->Leftovers(u.net)) (void)env.writer.Remove(path);
    }
  }
}

/// Stops, in reverse order, the companions of `phase` of a recorded network.
void StopCompanions(Env& env, plan::Phase phase, const Network& net,
                    const plan::NetworkStatus& status, std::vector<std::string>& notes) {
  const auto& all = plan::Companions();
  for (auto c = all.rbegin(); c != all.rend(); ++c) {
    if ((*c)->When() != phase) continue;
    RunBestEffort(env, (*c)->Stop(net, status), notes);
    for (const std::string& path : (*c)->Leftovers(net)) (void)env.writer.Remove(path);
  }
}

/// The ports (guests' taps) of a bridge, which a manager that re-applies by
/// recreating the bridge (ifupdown) would leave detached.
std::vector<std::string> PortsOf(const live::HostState& kernel, const std::string& bridge) {
  std::vector<std::string> ports;
  if (bridge.empty()) return ports;
  for (const live::Link& l : kernel.links) {
    if (l.master == bridge) ports.push_back(l.name);
  }
  return ports;
}

Commands Replug(const std::vector<std::string>& ports, const std::string& bridge) {
  Commands cmds;
  for (const std::string& port : ports) {
    cmds.push_back({{"ip", "link", "set", "dev", port, "master", bridge}, /*may_fail=*/true});
  }
  return cmds;
}

/// The leases a takeover carries, for the dnsmasq about to start (the
/// snapshot holds the lease file as it was, so a rollback puts it back).
Status WriteInheritedLeases(Env& env, const Target& t, const plan::Desired& want) {
  if (!t.inherited || t.inherited->dnsmasq_leases.empty() || !want.dnsmasq) return OkStatus();
  return env.writer.Write(
      RenderedFile(DnsmasqLeasePath(t.net->name), t.inherited->dnsmasq_leases, 0644));
}

/// The change itself, in libvirt's order: the companions that come before
/// the bridge (passages, firewalld's zone, the nftables table, forwarding),
/// the bridge and its addresses, then dnsmasq.
Status Execute(Env& env, const Target& t, const Current& cur, const plan::Desired& want,
               const plan::Plan& p, const Snapshot& snap) {
  const Backend& b = *t.backend;
  bool active = cur.status != nullptr;
  bool reapply = !active || p.KernelDiffers() || p.HasFile(FileRole::kNative);
  bool recreated = active && reapply && b.ReapplyNeedsDown();
  if (recreated) {
    VNET_TRY(RunAll(env, b.Down(*cur.net, cur.status->placement)));
  }
  VNET_TRY(WriteFiles(env, want, p));
  if (!active) VNET_TRY(WriteInheritedLeases(env, t, want));
  VNET_TRY(Fault(env, "files-written"));
  VNET_TRY(StartCompanions(env, plan::Phase::kBeforeBridge, t, want, p, reapply));
  if (reapply) {
    // A bridge that is up gets the gentler re-apply that keeps guests' ports
    // (ifupdown's Down above already removed it).
    bool bridge_up = active && !want.bridge.empty() && !b.ReapplyNeedsDown() &&
                     !p.HasStep(Object::kLink, Action::kCreate);
    VNET_TRY(
        RunAll(env, bridge_up ? b.Reapply(*t.net, want.placement) : b.Up(*t.net, want.placement)));
    if (!env.dry_run) {
      VNET_ASSIGN_OR_RETURN(plan::Plan left,
                            Settle(env, want, cur.status, b.ReapplyNeedsDown(),
                                   [](const plan::Plan& q) { return !q.KernelDiffers(); }));
      (void)left;  // the final verification reports what is still missing
    }
    // a port that went away is no error
    if (recreated) RunAll(env, Replug(snap.ports, want.bridge)).ok();
    if (!active && t.inherited) RunAll(env, Replug(t.inherited->ports, want.bridge)).ok();
  }
  VNET_TRY(StartCompanions(env, plan::Phase::kAfterBridge, t, want, p, reapply));
  return Fault(env, "activated");
}

std::string Remaining(const plan::Plan& p) {
  return "the host still differs from the network:\n" + plan::FormatPlan(p, false);
}

Status Verify(Env& env, const Target& t, const Current& cur, const plan::Desired& want,
              const plan::Plan& done, plan::Observed& seen) {
  if (env.dry_run) return OkStatus();
  // After the table was (re)loaded from a changed ruleset, the listing
  // recorded at the last start no longer describes it: the table must exist,
  // and its new listing becomes the record.
  std::optional<plan::NetworkStatus> after;
  if (cur.status) {
    after = *cur.status;
    if (done.Has(plan::Object::kNftTable) || done.HasFile(FileRole::kFirewall)) {
      after->nft_listing.clear();
    }
  }
  const plan::NetworkStatus* before = after ? &*after : nullptr;
  VNET_ASSIGN_OR_RETURN(plan::Plan left, Settle(env, want, before, t.backend->ReapplyNeedsDown(),
                                                [](const plan::Plan& q) { return q.Empty(); }));
  if (!left.Empty()) return MakeError(ErrorKind::kSystem, Remaining(left));
  VNET_ASSIGN_OR_RETURN(seen, plan::Observe(env.reader, &want, before));
  return Fault(env, "verified");
}

void WaitLinkGone(Env& env, const std::string& bridge) {
  if (bridge.empty()) return;
  auto deadline = std::chrono::steady_clock::now() + env.settle;
  while (std::chrono::steady_clock::now() < deadline) {
    auto k = env.reader.ReadKernel();
    if (!k.ok() || !k->FindLink(bridge)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

/// Puts the host back: the previous network's files and activation, or
/// nothing at all when it was not active.
std::vector<std::string> Rollback(Env& env, const Target& t, const Current& cur,
                                  const plan::Desired& want, const plan::Plan& p,
                                  const Snapshot& snap) {
  std::vector<std::string> notes;
  const Backend& b = *t.backend;
  const plan::Undoing undo{*t.net, want, p, cur.net, cur.status};
  if (!cur.status) {
    UndoCompanions(env, plan::Phase::kAfterBridge, b, undo, notes);
    RunBestEffort(env, b.Down(*t.net, want.placement), notes);
  } else if (b.ReapplyNeedsDown()) {
    RunBestEffort(env, b.Down(*t.net, want.placement), notes);
  }
  for (const auto& [path, state] : snap.files) {
    Status s = env.writer.Restore(path, state);
    if (!s.ok()) notes.push_back(s.error().message);
  }
  for (const auto& [key, value] : snap.sysctls) {
    Status s = env.writer.WriteSysctl(key, value);
    if (!s.ok()) notes.push_back(s.error().message);
  }
  if (!cur.status) {
    RunBestEffort(env, b.Forget(*t.net, want.placement), notes);
    UndoCompanions(env, plan::Phase::kBeforeBridge, b, undo, notes);
    WaitLinkGone(env, want.bridge);
    return notes;
  }
  const Network& old = *cur.net;
  Placement pl = cur.status->placement;
  UndoCompanions(env, plan::Phase::kBeforeBridge, b, undo, notes);
  std::vector<std::string> reapply_notes;
  RunBestEffort(env, b.ReapplyNeedsDown() ? b.Up(old, pl) : b.Reapply(old, pl), reapply_notes);
  if (!reapply_notes.empty()) RunBestEffort(env, b.Up(old, pl), notes);
  if (b.ReapplyNeedsDown()) RunAll(env, Replug(snap.ports, old.BridgeName())).ok();
  UndoCompanions(env, plan::Phase::kAfterBridge, b, undo, notes);
  // Wait until the managers brought the old network back.
  Caps caps = t.caps;
  caps.placement = pl;
  auto old_want = plan::Desire(old, b, caps);
  if (old_want.ok()) {
    auto left = Settle(env, *old_want, cur.status, b.ReapplyNeedsDown(),
                       [](const plan::Plan& q) { return q.Empty(); });
    if (left.ok() && !left->Empty()) notes.push_back(Remaining(*left));
  }
  return notes;
}

Snapshot TakeSnapshot(const plan::Observed& have, const Current& cur, const std::string& name,
                      live::HostReader& reader) {
  Snapshot snap;
  snap.files = have.files;
  if (cur.status) snap.ports = PortsOf(have.kernel, cur.status->bridge);
  if (!cur.status) {
    // A first start creates the lease file; a rollback removes it again.
    auto lease = reader.ReadFile(DnsmasqLeasePath(name));
    if (lease.ok()) snap.files[DnsmasqLeasePath(name)] = *lease;
    snap.sysctls = have.sysctls;
  }
  return snap;
}

// What a start of `net` makes, as its status record names it: the part a
// verified start records and a killed start's reconstruction shares.
plan::NetworkStatus StatusOf(const Network& net, const plan::Desired& want,
                             const plan::Observed* seen) {
  plan::NetworkStatus s;
  s.name = net.name;
  s.uuid = net.uuid ? net.uuid->ToString() : "";
  s.backend = want.backend;
  s.placement = want.placement;
  s.bridge = want.bridge;
  for (const plan::DesiredFile& f : want.files) {
    s.files.push_back(f.file.path);
    if (f.file.role != FileRole::kNative) s.roles[f.file.path] = f.file.role;
  }
  s.manager_copies = want.manager_copies;
  if (seen && !want.bridge.empty()) {
    s.verified.push_back("link " + want.bridge);
    for (const live::Address& a : want.addresses) {
      s.verified.push_back("address " + a.ip.ToString() + "/" + std::to_string(a.prefix));
    }
  }
  for (const plan::Companion* c : plan::Companions()) c->Record(want, seen, s);
  if (seen) {
    for (const auto& f : want.files) s.verified.push_back("file " + f.file.path);
  }
  return s;
}

plan::NetworkStatus MakeStatus(const Target& t, const Current& cur, const plan::Desired& want,
                               const plan::Observed& seen, const Snapshot& snap) {
  plan::NetworkStatus s = StatusOf(*t.net, want, &seen);
  s.sysctls_before = cur.status ? cur.status->sysctls_before : snap.sysctls;
  return s;
}

/// Which of the zones and policies the choice asks about firewalld's
/// configuration holds: its files, the package's in /usr/lib and the
/// administrator's in /etc.
plan::FirewalldConfig ReadFirewalldConfig(live::HostReader& reader) {
  plan::FirewalldConfig config;
  auto has = [&](const std::string& kind, const std::string& name) {
    for (const char* dir : {"/etc/firewalld/", "/usr/lib/firewalld/"}) {
      auto f = reader.ReadFile(dir + kind + "/" + name + ".xml");
      if (f.ok() && f->exists) return true;
    }
    return false;
  };
  for (const std::string& z : plan::FirewalldZonesAsked()) {
    if (has("zones", z)) config.zones.insert(z);
  }
  for (const std::string& p : plan::FirewalldPoliciesAsked()) {
    if (has("policies", p)) config.policies.insert(p);
  }
  return config;
}

void AddOnce(std::vector<std::string>& refs, const std::string& ref) {
  if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(ref);
}

/// What the network needs on this host: rendered with the passages its
/// record keeps and those the host's firewall asks for now, so that what
/// boots it (the unit, ifupdown's hooks) makes them again before Docker or
/// ufw put their drop policy back.
Result<plan::Desired> DesireOnHost(Env& env, const Target& t, const Current& cur) {
  Caps caps = t.caps;
  if (cur.status) caps.passages = cur.status->passages;
  VNET_ASSIGN_OR_RETURN(plan::Desired want, plan::Desire(*t.net, *t.backend, caps));
  // No table of its own (and no zone named): the firewall is not read.
  if (want.nft_table.empty() && !(t.net->bridge && t.net->bridge->zone)) return want;
  VNET_ASSIGN_OR_RETURN(std::vector<live::FirewallChain> chains, env.reader.FirewallChains());
  const bool firewalld = plan::FirewalldRunning(chains);
  VNET_ASSIGN_OR_RETURN(caps.firewalld_zone,
                        plan::ChooseFirewalldZone(
                            *t.net, firewalld,
                            firewalld ? ReadFirewalldConfig(env.reader) : plan::FirewalldConfig{}));
  want.firewalld_zone = caps.firewalld_zone;  // what PlanFirewall leaves to the zone
  const size_t rendered = caps.passages.size();
  for (const plan::Blocked& b : plan::PlanFirewall(want, chains)) {
    if (b.passage) AddOnce(caps.passages, b.chain);
  }
  for (const std::string& ref : plan::PassagesIn(want.bridge, chains)) AddOnce(caps.passages, ref);
  if (caps.passages.size() == rendered && caps.firewalld_zone.empty()) return want;
  return plan::Desire(*t.net, *t.backend, caps);
}

}  // namespace

Result<bool> LeftByKilledStart(Env& env, const Target& t) {
  VNET_ASSIGN_OR_RETURN(plan::Desired want, plan::Desire(*t.net, *t.backend, t.caps));
  for (const plan::DesiredFile& f : want.files) {
    if (f.file.role != FileRole::kNative) continue;
    VNET_ASSIGN_OR_RETURN(live::FileState state, env.reader.ReadFile(f.file.path));
    if (state.exists) return true;
  }
  return false;
}

Result<plan::NetworkStatus> ReconstructStatus(Env& env, const Target& t) {
  // As that start desired it on this host (its firewalld zone); where that
  // fails now (firewalld without a zone), as rendered.
  Result<plan::Desired> want = DesireOnHost(env, t, Current{});
  if (!want.ok()) want = plan::Desire(*t.net, *t.backend, t.caps);
  if (!want.ok()) return want.error();
  plan::NetworkStatus s = StatusOf(*t.net, *want, nullptr);
  // The passages it made before it was killed: vnetctl's chains for its bridge.
  VNET_ASSIGN_OR_RETURN(std::vector<live::FirewallChain> chains, env.reader.FirewallChains());
  s.passages = plan::PassagesIn(want->bridge, chains);
  return s;
}

Result<plan::Plan> PlanConverge(Env& env, const Target& t, const Current& cur) {
  VNET_ASSIGN_OR_RETURN(plan::Desired want, DesireOnHost(env, t, cur));
  VNET_ASSIGN_OR_RETURN(plan::Observed have, plan::Observe(env.reader, &want, cur.status));
  return plan::PlanStart(want, cur.status, have, t.backend->ReapplyNeedsDown());
}

Result<Outcome> Converge(Env& env, const Target& t, const Current& cur) {
  VNET_ASSIGN_OR_RETURN(plan::Desired want, DesireOnHost(env, t, cur));
  VNET_ASSIGN_OR_RETURN(plan::Observed have, plan::Observe(env.reader, &want, cur.status));
  Outcome out;
  out.plan = plan::PlanStart(want, cur.status, have, t.backend->ReapplyNeedsDown());
  out.warnings = want.warnings;
  for (const plan::Blocked& b : out.plan.blocked) {
    out.warnings.push_back("the host's firewall (" + b.chain + ") blocks network " + t.net->name +
                           ": " + b.why);
  }
  Snapshot snap = TakeSnapshot(have, cur, t.net->name, env.reader);
  if (out.plan.Empty() && cur.status) {
    out.status = MakeStatus(t, cur, want, have, snap);
    return out;
  }
  Status done = Execute(env, t, cur, want, out.plan, snap);
  plan::Observed seen;
  if (done.ok()) done = Verify(env, t, cur, want, out.plan, seen);
  if (!done.ok()) {
    if (env.dry_run) return done.error();
    std::vector<std::string> notes = Rollback(env, t, cur, want, out.plan, snap);
    Error e = done.error();
    e.message += notes.empty() ? "; the previous state was restored"
                               : "; restoring the previous state also failed: " + notes.front();
    return e;
  }
  out.status = MakeStatus(t, cur, want, env.dry_run ? have : seen, snap);
  return out;
}

namespace {

std::string Leftovers(const plan::Plan& p) {
  return "destroy left things behind:\n" + plan::FormatPlan(p, false);
}

}  // namespace

Result<plan::Plan> Destroy(Env& env, const Backend& b, const Network& net,
                           const plan::NetworkStatus& status, bool forget_leases) {
  VNET_ASSIGN_OR_RETURN(plan::Observed have, plan::Observe(env.reader, nullptr, &status));
  plan::Plan before = plan::PlanDestroy(status, have);
  std::vector<std::string> notes;
  StopCompanions(env, plan::Phase::kAfterBridge, net, status, notes);
  RunBestEffort(env, b.Down(net, status.placement), notes);
  if (!env.dry_run) io::CrashPoint("destroy:down");
  for (const std::string& path : status.files) {
    Status s = env.writer.Remove(path);
    if (!s.ok()) notes.push_back(s.error().message);
  }
  for (const std::string& path : status.manager_copies) (void)env.writer.Remove(path);
  if (!env.dry_run) io::CrashPoint("destroy:files-removed");
  if (forget_leases) (void)env.writer.Remove(DnsmasqLeasePath(net.name));
  RunBestEffort(env, b.Forget(net, status.placement), notes);
  StopCompanions(env, plan::Phase::kBeforeBridge, net, status, notes);
  if (env.dry_run) return before;
  auto deadline = std::chrono::steady_clock::now() + env.settle;
  for (;;) {
    VNET_ASSIGN_OR_RETURN(have, plan::Observe(env.reader, nullptr, &status));
    plan::Plan left = plan::PlanDestroy(status, have);
    if (left.Empty()) return before;
    if (std::chrono::steady_clock::now() >= deadline) {
      std::string msg = Leftovers(left);
      for (const std::string& n : notes) msg += "  " + n + "\n";
      return MakeError(ErrorKind::kSystem, msg);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace vnet::apply
