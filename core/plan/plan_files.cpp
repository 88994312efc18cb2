// The file and companion parts of PlanStart.
#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string_view>

#include "core/plan/plan_internal.h"

namespace vnet::plan {

namespace {

std::string Octal(unsigned mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", mode & 07777);
  return buf;
}

std::string FileDifference(const RenderedFile& want, const live::FileState& have) {
  if (!have.exists) return "missing";
  bool want_link = !want.symlink_target.empty();
  if (want_link != have.is_symlink)
    return want_link ? "is not a symbolic link" : "is a symbolic link";
  if (want_link) {
    return have.symlink_target == want.symlink_target ? "" : "points at " + have.symlink_target;
  }
  if (have.content != want.content) return "content differs";
  if (have.mode != want.mode) return "mode " + Octal(have.mode) + ", wants " + Octal(want.mode);
  return "";
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// "counter packets N bytes M" becomes "counter": counters count traffic.
std::string WithoutCounterValues(std::string line) {
  static constexpr std::string_view kCounter = "counter packets ";
  for (size_t at = line.find(kCounter); at != std::string::npos; at = line.find(kCounter, at + 1)) {
    if (at > 0 && line[at - 1] != ' ' && line[at - 1] != '\t') continue;
    size_t p = at + kCounter.size();
    size_t p_end = line.find(' ', p);
    if (p_end == std::string::npos || !AllDigits(std::string_view(line).substr(p, p_end - p)))
      continue;
    if (line.compare(p_end, 7, " bytes ") != 0) continue;
    size_t b = p_end + 7;
    size_t b_end = std::min(line.find(' ', b), line.size());
    if (!AllDigits(std::string_view(line).substr(b, b_end - b))) continue;
    line.erase(at + 7, b_end - (at + 7));  // keep "counter"
  }
  return line;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    // Rule handles are not part of a rule's meaning.
    if (auto pos = line.find(" # handle "); pos != std::string::npos) line.resize(pos);
    // Counters count traffic; a record taken with them must still compare.
    out.push_back(WithoutCounterValues(std::move(line)));
  }
  return out;
}

std::string Trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  return s;
}

/// The first rule that one listing has and the other lacks.
std::string NftDifference(const std::string& recorded, const std::string& live) {
  std::vector<std::string> a = Lines(recorded), b = Lines(live);
  for (const std::string& l : a) {
    if (std::find(b.begin(), b.end(), l) == b.end()) return "rule missing: " + Trim(l);
  }
  for (const std::string& l : b) {
    if (std::find(a.begin(), a.end(), l) == a.end()) return "extra rule: " + Trim(l);
  }
  return "";
}

bool Exists(const Observed& have, const std::string& path) {
  auto it = have.files.find(path);
  return it != have.files.end() && it->second.exists;
}

}  // namespace

void PlanManagerCopies(const std::vector<std::string>& copies, const NetworkStatus* before,
                       const Observed& have, StepSink& out) {
  for (const std::string& path : copies) {
    bool ours = before &&
                std::find(before->files.begin(), before->files.end(), path) != before->files.end();
    if (ours || !Exists(have, path)) continue;
    out.Add(Action::kDelete, Object::kFile, path,
            "a copy of the network's configuration that the manager saved; it would outlast the "
            "network",
            false, FileRole::kNative);
  }
}

void PlanFiles(const Desired& want, const NetworkStatus* before, const Observed& have,
               StepSink& out) {
  for (const DesiredFile& f : want.files) {
    auto it = have.files.find(f.file.path);
    live::FileState none;
    std::string diff = FileDifference(f.file, it == have.files.end() ? none : it->second);
    if (diff.empty()) continue;
    Action a = diff == "missing" ? Action::kCreate : Action::kModify;
    out.Add(a, Object::kFile, f.file.path, diff, false, f.file.role);
  }
  PlanManagerCopies(want.manager_copies, before, have, out);
  if (!before) return;
  for (const std::string& path : before->files) {
    bool wanted = std::any_of(want.files.begin(), want.files.end(),
                              [&](const DesiredFile& f) { return f.file.path == path; });
    auto it = have.files.find(path);
    if (!wanted && it != have.files.end() && it->second.exists) {
      out.Add(Action::kDelete, Object::kFile, path, "no longer part of the network", false,
              before->RoleOf(path));
    }
  }
}

void PlanCompanions(const Desired& want, const NetworkStatus* before, const Observed& have,
                    StepSink& out) {
  Plan so_far{want.network, want.backend, before != nullptr, out.steps, {}, {}};
  for (const std::string& key : want.sysctls) {
    auto it = have.sysctls.find(key);
    if (it == have.sysctls.end() || it->second != "1") {
      out.Add(Action::kModify, Object::kSysctl, key,
              it == have.sysctls.end() ? "missing" : "is " + it->second + ", wants 1", false);
    }
  }
  std::string table = "inet " + want.nft_table;
  if (!want.nft_table.empty()) {
    if (!have.nft_listing) {
      out.Add(Action::kCreate, Object::kNftTable, table, "missing", false);
    } else if (so_far.HasFile(FileRole::kFirewall)) {
      out.Add(Action::kModify, Object::kNftTable, table, "its ruleset file changes", false);
    } else if (before && !before->nft_listing.empty()) {
      std::string diff = NftDifference(before->nft_listing, *have.nft_listing);
      if (!diff.empty()) out.Add(Action::kModify, Object::kNftTable, table, diff, false);
    }
  } else if (before && !before->nft_table.empty() && have.nft_listing) {
    out.Add(Action::kDelete, Object::kNftTable, "inet " + before->nft_table,
            "the network no longer needs firewall rules", false);
  }
  if (want.dnsmasq && !have.dnsmasq) {
    out.Add(Action::kCreate, Object::kDnsmasq, want.dnsmasq_pid_file, "not running", false);
  } else if (want.dnsmasq && (so_far.HasFile(FileRole::kDnsmasqConf) ||
                              !IsOurDnsmasq(*have.dnsmasq, want.dnsmasq_conf))) {
    out.Add(Action::kRestart, Object::kDnsmasq, want.dnsmasq_pid_file, "its configuration changes",
            false);
  } else if (want.dnsmasq && so_far.HasFile(FileRole::kDnsmasqHosts)) {
    out.Add(Action::kReload, Object::kDnsmasq, want.dnsmasq_pid_file,
            "re-reads its hosts files (SIGHUP)", false);
  } else if (want.dnsmasq) {
    for (uint16_t port : want.dnsmasq_ports) {
      if (std::find(have.dnsmasq_ports.begin(), have.dnsmasq_ports.end(), port) ==
          have.dnsmasq_ports.end()) {
        out.Add(Action::kRestart, Object::kDnsmasq, want.dnsmasq_pid_file,
                "does not listen on UDP port " + std::to_string(port), false);
        break;
      }
    }
  } else if (have.dnsmasq) {
    out.Add(Action::kDelete, Object::kDnsmasq, have.dnsmasq->exe,
            "the network no longer needs DHCP or DNS", false);
  }
}

}  // namespace vnet::plan
