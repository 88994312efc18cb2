// The file part of PlanStart.
#include <algorithm>
#include <cstdio>
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

}  // namespace vnet::plan
