#include "core/live/processes.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <climits>
#include <memory>
#include <string>

#include "core/live/files.h"

namespace vnet::live {
namespace {

struct DirCloser {
  void operator()(DIR* dir) const { closedir(dir); }
};
using DirHandle = std::unique_ptr<DIR, DirCloser>;

std::optional<std::string> ReadLink(const std::string& path) {
  std::string target(PATH_MAX, '\0');
  ssize_t n = readlink(path.c_str(), target.data(), target.size());
  if (n < 0) return std::nullopt;
  target.resize(static_cast<size_t>(n));
  return target;
}

std::vector<std::string> SplitNul(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\0', start);
    if (end == std::string::npos) end = text.size();
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// "socket:[12345]" -> 12345.
std::optional<uint64_t> SocketInode(std::string_view link) {
  constexpr std::string_view kPrefix = "socket:[";
  if (!link.starts_with(kPrefix) || !link.ends_with(']')) return std::nullopt;
  link = link.substr(kPrefix.size(), link.size() - kPrefix.size() - 1);
  uint64_t inode = 0;
  auto [end, ec] = std::from_chars(link.data(), link.data() + link.size(), inode);
  if (ec != std::errc() || end != link.data() + link.size()) return std::nullopt;
  return inode;
}

// Which of `inodes` process `pid` holds a descriptor on.
void ScanFds(int pid, const std::set<uint64_t>& inodes, std::map<uint64_t, std::vector<int>>& out) {
  const std::string fd_dir = "/proc/" + std::to_string(pid) + "/fd";
  DirHandle dir(opendir(fd_dir.c_str()));
  if (!dir) return;         // gone, or not ours to read
  std::set<uint64_t> seen;  // a socket dup'ed onto several fds counts once
  while (dirent* entry = readdir(dir.get())) {
    std::optional<std::string> link = ReadLink(fd_dir + "/" + entry->d_name);
    std::optional<uint64_t> inode = link ? SocketInode(*link) : std::nullopt;
    if (inode && inodes.contains(*inode) && seen.insert(*inode).second) {
      out[*inode].push_back(pid);
    }
  }
}

}  // namespace

std::optional<int> ParsePid(std::string_view text) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  int pid = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), pid);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || pid <= 0) {
    return std::nullopt;
  }
  return pid;
}

std::optional<Process> ReadProcess(int pid) {
  if (pid <= 0) return std::nullopt;
  const std::string dir = "/proc/" + std::to_string(pid);
  struct stat st {};
  if (stat(dir.c_str(), &st) != 0) return std::nullopt;
  Process process;
  process.pid = pid;
  process.exe = ReadLink(dir + "/exe").value_or("");
  std::optional<std::string> cmdline = ReadSmallFile(dir + "/cmdline", 1024 * 1024);
  if (!cmdline) return std::nullopt;  // exited between the two reads
  process.argv = SplitNul(*cmdline);
  return process;
}

std::map<uint64_t, std::vector<int>> PidsHoldingSockets(const std::set<uint64_t>& inodes) {
  std::map<uint64_t, std::vector<int>> out;
  if (inodes.empty()) return out;
  DirHandle proc(opendir("/proc"));
  if (!proc) return out;
  while (dirent* entry = readdir(proc.get())) {
    std::optional<int> pid = ParsePid(entry->d_name);
    if (pid) ScanFds(*pid, inodes, out);
  }
  return out;
}

}  // namespace vnet::live
