// The fault-test hooks (core/io/crash_point.h) and what a killed run leaves:
// temporary files removed by the next write, a half-made start's bridge
// adopted rather than refused.
#include "core/io/crash_point.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/apply/host_checks.h"
#include "core/io/dir.h"
#include "core/xml/parse.h"

namespace vnet {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  TempDir() {
    char tmpl[] = "/tmp/vnet-crash-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string path;
};

// Runs `body` in a child process with VNETCTL_CRASH_AT / _TRACE set there only.
int InChild(const char* at, const std::string& trace, void (*body)()) {
  pid_t pid = fork();
  if (pid == 0) {
    if (at) setenv("VNETCTL_CRASH_AT", at, 1);
    if (!trace.empty()) setenv("VNETCTL_CRASH_TRACE", trace.c_str(), 1);
    body();
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

void ThreePoints() {
  io::CrashPoint("a");
  io::CrashPoint("b");
  io::CrashPoint("a");
}

TEST_CASE("crash points: traced with their occurrence, SIGKILL where asked") {
  TempDir dir;
  std::string trace = dir.path + "/trace";
  int status = InChild(nullptr, trace, ThreePoints);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  std::ifstream in(trace);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str() == "a#1\nb#1\na#2\n");

  status = InChild("a#2", "", ThreePoints);
  CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
  status = InChild("b", "", ThreePoints);
  CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
  status = InChild("c", "", ThreePoints);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  // Without the variables nothing happens (the production path).
  io::CrashPoint("a");
}

TEST_CASE("a killed write's temporary file goes with the next write or removal") {
  TempDir dir;
  auto d = io::Dir::Open(dir.path, "", false);
  REQUIRE(d.ok());
  const std::string stale = dir.path + "/.n1.xml.tmpabcd1234";
  const std::string other = dir.path + "/.n1.xml.tmp-not-ours";
  std::ofstream(stale) << "<network><name>n1";  // cut off mid-write
  std::ofstream(other) << "x";
  REQUIRE(d->WriteFileAtomic("n1.xml", "<network/>", 0600).ok());
  CHECK_FALSE(fs::exists(stale));
  CHECK(fs::exists(other));  // not a name vnetctl's writes make
  std::ofstream(stale) << "again";
  REQUIRE(d->Remove("n1.xml").ok());
  CHECK_FALSE(fs::exists(stale));
  std::ofstream(dir.path + "/.lnk.tmpabcd1234") << "";
  REQUIRE(d->Symlink("/etc/vnetctl/networks/n1.xml", "lnk").ok());
  CHECK_FALSE(fs::exists(dir.path + "/.lnk.tmpabcd1234"));
}

TEST_CASE("a bridge a killed start left is adopted, a stranger's is refused") {
  auto net = xml::ParseNetwork(
      "<network><name>n</name><forward mode='nat'/><bridge name='virbr5'/>"
      "<ip address='10.5.0.1' prefix='24'/></network>",
      "t.xml");
  REQUIRE(net.ok());
  live::HostState host;
  live::Link br;
  br.name = "virbr5";
  host.links.push_back(br);
  auto refused = apply::CheckHost(*net, host, {});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message ==
        "internal error: bridge name 'virbr5' is used by a device on this host that vnetctl "
        "does not own");
  CHECK(apply::CheckHost(*net, host, {}, /*bridge_is_ours=*/true).ok());
}

}  // namespace
}  // namespace vnet
