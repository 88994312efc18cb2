#include "backends/registry.h"

#include "backends/ifupdown/ifupdown_backend.h"
#include "backends/netplan/netplan_backend.h"
#include "backends/networkd/networkd_backend.h"
#include "backends/networkmanager/networkmanager_backend.h"

namespace vnet {

const std::vector<const Backend*>& AllBackends() {
  static const NetworkManagerBackend nm;
  static const NetworkdBackend networkd;
  static const NetplanBackend netplan;
  static const IfupdownBackend ifupdown;
  static const std::vector<const Backend*> all = {&nm, &networkd, &netplan, &ifupdown};
  return all;
}

const Backend* FindBackend(std::string_view name) {
  for (const Backend* b : AllBackends()) {
    if (b->Name() == name) return b;
  }
  return nullptr;
}

std::string BackendNames() {
  std::string names;
  for (const Backend* b : AllBackends()) {
    if (!names.empty()) names += ", ";
    names += b->Name();
  }
  return names;
}

namespace {

const BackendReport* Report(const BackendChoice& c, std::string_view name) {
  for (const auto& r : c.reports) {
    if (r.backend->Name() == name) return &r;
  }
  return nullptr;
}

// netplan drives networkd or NetworkManager: when it has configuration of
// its own and its renderer runs, networks belong in netplan's files.
void ChooseAuto(BackendChoice& c) {
  if (const auto* np = Report(c, "netplan");
      np && np->availability.running && !np->availability.unusable) {
    c.chosen = np->backend;
    c.reason = "netplan: " + np->availability.reason;
    return;
  }
  for (const auto& r : c.reports) {
    if (r.availability.running && !r.availability.unusable) {
      c.chosen = r.backend;
      c.reason = std::string(r.backend->Name()) + ": " + r.availability.reason;
      return;
    }
  }
  for (const auto& r : c.reports) {
    if (r.availability.installed && !r.availability.unusable) {
      c.chosen = r.backend;
      c.reason = std::string(r.backend->Name()) +
                 ": no manager is running; the first installed one in the order " + BackendNames();
      return;
    }
  }
  c.reason = "none of " + BackendNames() + " is installed";
}

}  // namespace

Result<BackendChoice> ChooseBackend(std::string_view requested, const HostProbe& probe) {
  BackendChoice c;
  for (const Backend* b : AllBackends()) c.reports.push_back({b, b->Detect(probe)});
  if (requested.empty() || requested == "auto") {
    ChooseAuto(c);
    return c;
  }
  const Backend* b = FindBackend(requested);
  if (!b) {
    return MakeError(ErrorKind::kUsage, "unknown backend '" + std::string(requested) +
                                            "' (expected auto, " + BackendNames() + ")");
  }
  if (const auto* r = Report(c, b->Name()); r && r->availability.unusable) {
    return MakeError(ErrorKind::kUnavailable,
                     "backend " + std::string(b->Name()) +
                         " cannot work on this host: " + *r->availability.unusable);
  }
  c.chosen = b;
  c.reason = std::string(b->Name()) + ": requested with --backend or VNETCTL_BACKEND";
  return c;
}

}  // namespace vnet
