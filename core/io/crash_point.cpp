#include "core/io/crash_point.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <string>

namespace vnet::io {

namespace {

void Trace(const char* file, const std::string& line) {
  int fd = open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return;
  std::string text = line + "\n";
  (void)!write(fd, text.data(), text.size());
  close(fd);
}

}  // namespace

void CrashPoint(std::string_view point) {
  const char* at = std::getenv("VNETCTL_CRASH_AT");
  const char* trace = std::getenv("VNETCTL_CRASH_TRACE");
  if (at == nullptr && trace == nullptr) return;
  static std::map<std::string, int, std::less<>> seen;
  const int n = ++seen[std::string(point)];
  const std::string id = std::string(point) + "#" + std::to_string(n);
  if (trace != nullptr) Trace(trace, id);
  if (at != nullptr && (id == at || (n == 1 && point == at))) kill(getpid(), SIGKILL);
}

}  // namespace vnet::io
