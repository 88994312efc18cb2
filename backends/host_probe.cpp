#include "backends/host_probe.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "core/exec/command_runner.h"

namespace vnet {

bool SystemHostProbe::Exists(const std::string& path) const {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::vector<std::string> SystemHostProbe::ListDir(const std::string& path) const {
  std::vector<std::string> names;
  DIR* d = opendir(path.c_str());
  if (!d) return names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> SystemHostProbe::ReadFile(const std::string& path) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool SystemHostProbe::ProcessRunning(std::string_view comm) const {
  if (!comms_) {
    comms_.emplace();
    for (const auto& pid : ListDir("/proc")) {
      if (!std::all_of(pid.begin(), pid.end(), [](char c) { return std::isdigit(c); })) continue;
      if (auto c = ReadFile("/proc/" + pid + "/comm")) {
        while (!c->empty() && c->back() == '\n') c->pop_back();
        comms_->push_back(*c);
      }
    }
  }
  return std::find(comms_->begin(), comms_->end(), comm) != comms_->end();
}

std::optional<std::string> SystemHostProbe::CommandOutput(
    const std::vector<std::string>& argv) const {
  CommandResult r = runner_.Run(argv);
  if (r.exit_code != 0) return std::nullopt;
  return r.out;
}

}  // namespace vnet
