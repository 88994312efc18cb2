#include "backends/probe_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>

namespace vnet {

namespace {

constexpr std::string_view kHeader = "vnetctl-probes 1\n";
// A file changed this recently may change again within the same timestamp
// tick without a new identity (see core/store/store_summary.cpp).
constexpr int64_t kRacyNs = 2'000'000'000;
constexpr char kSep = '\t';

int64_t Nanoseconds(const timespec& t) { return int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec; }

// "INO:SIZE:MTIME:CTIME;" of a file, "" if it cannot be stat'ed or changed
// in the last seconds.
std::string FileIdentity(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return "";
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  const int64_t changed = std::max(Nanoseconds(st.st_mtim), Nanoseconds(st.st_ctim));
  if (Nanoseconds(now) - changed < kRacyNs) return "";
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
         std::to_string(Nanoseconds(st.st_mtim)) + ":" + std::to_string(Nanoseconds(st.st_ctim)) +
         ";";
}

// argv[0] as execvp finds it.
std::string ResolveProgram(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// Tabs, newlines and backslashes escaped, so that one entry is one line.
std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
  }
  return out;
}

std::string Key(const std::vector<std::string>& argv) {
  std::string key;
  for (const std::string& a : argv) key += Escape(a) + "\\0";
  return key;
}

}  // namespace

std::string ProbeIdentity(const std::vector<std::string>& argv) {
  if (argv.empty()) return "";
  const std::string program = ResolveProgram(argv[0]);
  if (program.empty()) return "";
  std::string id = FileIdentity(program);
  if (id.empty()) return "";
  if (argv[0] == "dpkg-query") {
    std::string status = FileIdentity("/var/lib/dpkg/status");
    if (status.empty()) return "";
    id += status;
  }
  return id;
}

void CachingHostProbe::Load() const {
  loaded_ = true;
  std::ifstream in(file_, std::ios::binary);
  if (!in) return;
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  if (!all.starts_with(kHeader)) return;
  std::stringstream lines(all.substr(kHeader.size()));
  for (std::string line; std::getline(lines, line);) {
    size_t a = line.find(kSep);
    size_t b = a == std::string::npos ? a : line.find(kSep, a + 1);
    if (b == std::string::npos) continue;
    entries_[line.substr(0, a)] = {line.substr(a + 1, b - a - 1), Unescape(line.substr(b + 1))};
  }
}

void CachingHostProbe::Save() const {
  std::string text(kHeader);
  for (const auto& [key, e] : entries_) {
    text += key + kSep + e.identity + kSep + Escape(e.output) + "\n";
  }
  const std::string temp = file_ + "." + std::to_string(getpid());
  int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return;
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = close(fd) == 0 && ok;
  if (!ok || rename(temp.c_str(), file_.c_str()) != 0) unlink(temp.c_str());
}

std::optional<std::string> CachingHostProbe::CommandOutput(
    const std::vector<std::string>& argv) const {
  if (file_.empty()) return inner_.CommandOutput(argv);
  const std::string identity = ProbeIdentity(argv);
  if (identity.empty()) return inner_.CommandOutput(argv);
  if (!loaded_) Load();
  const std::string key = Key(argv);
  if (auto it = entries_.find(key); it != entries_.end() && it->second.identity == identity) {
    return it->second.output;
  }
  std::optional<std::string> out = inner_.CommandOutput(argv);
  if (out && save_) {
    entries_[key] = {identity, *out};
    Save();
  }
  return out;
}

}  // namespace vnet
