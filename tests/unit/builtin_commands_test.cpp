// Typed host actions done in-process (core/exec/builtin_commands).
#include "core/exec/builtin_commands.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/unit/store_test_util.h"

namespace vnet {
namespace {

using testing::TempRoot;

// A child running `sleep 30`, reaped at the end.
struct Sleeper {
  pid_t pid = -1;
  Sleeper() {
    pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      execl("/bin/sleep", "sleep", "30", static_cast<char*>(nullptr));
      _exit(127);
    }
    REQUIRE(pid > 0);
    // Wait until the child runs sleep (its exe is no longer the test's).
    const std::string exe = "/proc/" + std::to_string(pid) + "/exe";
    for (int i = 0; i < 500 && std::filesystem::read_symlink(exe).filename() != "sleep"; ++i) {
      usleep(2000);
    }
  }
  ~Sleeper() {
    // Only ever our own child: kill(-1) or kill(0) would signal every
    // process we may signal.
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
  bool Exited() const {
    int status = 0;
    return waitpid(pid, &status, WNOHANG) == pid;
  }
};

HostAction Stop(const std::string& pidfile, const std::string& exec) {
  return StopPidfileDaemon{pidfile, exec, 5};
}

TEST_CASE("stopping a pid-file daemon: the pid file's process running the program is stopped") {
  TempRoot root;
  Sleeper child;
  const std::string pidfile = root.At("sleep.pid");
  std::ofstream(pidfile) << child.pid << "\n";
  const std::string sleep_bin = std::filesystem::canonical("/bin/sleep").string();

  // Another program named: not that process, nothing to stop.
  auto other = RunBuiltin(Stop(pidfile, "/bin/true"));
  REQUIRE(other);
  CHECK(other->exit_code == 0);  // --oknodo
  CHECK_FALSE(child.Exited());

  auto stopped = RunBuiltin(Stop(pidfile, sleep_bin));
  REQUIRE(stopped);
  CHECK(stopped->exit_code == 0);
  int status = 0;
  REQUIRE(waitpid(child.pid, &status, 0) == child.pid);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGTERM);
  child.pid = 0;  // reaped: nothing for the destructor to do
}

TEST_CASE("stopping a pid-file daemon: no pid file, or a PID that could signal a group") {
  TempRoot root;
  auto ok = RunBuiltin(Stop(root.At("none.pid"), "/bin/sleep"));
  REQUIRE(ok);
  CHECK(ok->exit_code == 0);
  for (const char* pid : {"0", "-1", "1"}) {
    std::ofstream(root.At("bad.pid")) << pid << "\n";
    auto r = RunBuiltin(Stop(root.At("bad.pid"), "/bin/sleep"));
    REQUIRE(r);
    CHECK(r->exit_code == 0);  // nothing signalled
  }
}

TEST_CASE("reloading a pid-file daemon: SIGHUP to the process running the program, else exit 1") {
  TempRoot root;
  Sleeper child;
  const std::string pidfile = root.At("sleep.pid");
  std::ofstream(pidfile) << child.pid << "\n";
  const std::string sleep_bin = std::filesystem::canonical("/bin/sleep").string();

  // Another program named: nothing signalled, and that is a failure (no --oknodo).
  auto other = RunBuiltin(HangUpPidfileDaemon{pidfile, "/bin/true"});
  REQUIRE(other);
  CHECK(other->exit_code == 1);
  CHECK_FALSE(child.Exited());
  auto none = RunBuiltin(HangUpPidfileDaemon{root.At("none.pid"), sleep_bin});
  REQUIRE(none);
  CHECK(none->exit_code == 1);

  auto hup = RunBuiltin(HangUpPidfileDaemon{pidfile, sleep_bin});
  REQUIRE(hup);
  CHECK(hup->exit_code == 0);
  int status = 0;
  REQUIRE(waitpid(child.pid, &status, 0) == child.pid);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGHUP);  // sleep does not catch it
  child.pid = 0;
}

TEST_CASE("nft actions run through libnftables; -v says so") {
  REQUIRE(BuiltinAvailable(NftScript{"/x"}));  // libnftables1 is a dependency
  // A file that does not exist fails before anything reaches the kernel.
  auto missing = RunBuiltin(NftScript{"/nonexistent/vnetctl-test.nft"});
  REQUIRE(missing);
  CHECK(missing->exit_code == 1);
  CHECK_FALSE(missing->err.empty());
  CHECK(DescribeBuiltin(NftScript{"/run/vnetctl/nft/default.nft"}) ==
        "nft -f /run/vnetctl/nft/default.nft   (in-process: libnftables)");
  CHECK(DescribeBuiltin(NftCommand{"delete table inet vnetctl_default"}) ==
        "nft delete table inet vnetctl_default   (in-process: libnftables)");
  CHECK(DescribeBuiltin(Stop("/run/d.pid", "/usr/sbin/dnsmasq")) ==
        "stop the process in /run/d.pid if it runs /usr/sbin/dnsmasq: SIGTERM, SIGKILL after 5 "
        "s   (in-process)");
  CHECK(DescribeBuiltin(HangUpPidfileDaemon{"/run/d.pid", "/usr/sbin/dnsmasq"}) ==
        "send SIGHUP to the process in /run/d.pid if it runs /usr/sbin/dnsmasq   (in-process)");
}

TEST_CASE("a recording runner sees a typed action as its command-line equivalent") {
  RecordingCommandRunner rec;
  rec.Perform(NftScript{"/f.nft"}, {"/usr/sbin/nft", "-f", "/f.nft"});
  REQUIRE(rec.commands.size() == 1);
  CHECK(rec.commands[0] == std::vector<std::string>{"/usr/sbin/nft", "-f", "/f.nft"});
}

}  // namespace
}  // namespace vnet
