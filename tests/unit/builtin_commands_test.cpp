// Commands run in-process instead of as processes (core/exec/builtin_commands).
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

std::vector<std::string> StopArgs(const std::string& pidfile, const std::string& exec) {
  return {"start-stop-daemon", "--stop", "--quiet", "--oknodo", "--retry", "5",
          "--pidfile",         pidfile,  "--exec",  exec};
}

TEST_CASE("start-stop-daemon --stop: the pid file's process running --exec is stopped") {
  TempRoot root;
  Sleeper child;
  const std::string pidfile = root.At("sleep.pid");
  std::ofstream(pidfile) << child.pid << "\n";
  const std::string sleep_bin = std::filesystem::canonical("/bin/sleep").string();

  // Another program named: not that process, nothing to stop.
  auto other = RunBuiltin(StopArgs(pidfile, "/bin/true"), "");
  REQUIRE(other);
  CHECK(other->exit_code == 0);  // --oknodo
  CHECK_FALSE(child.Exited());

  auto stopped = RunBuiltin(StopArgs(pidfile, sleep_bin), "");
  REQUIRE(stopped);
  CHECK(stopped->exit_code == 0);
  int status = 0;
  REQUIRE(waitpid(child.pid, &status, 0) == child.pid);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGTERM);
  child.pid = 0;  // reaped: nothing for the destructor to do
}

TEST_CASE("start-stop-daemon: no process, and forms that are left to the program") {
  TempRoot root;
  std::vector<std::string> missing = StopArgs(root.At("none.pid"), "/bin/sleep");
  auto ok = RunBuiltin(missing, "");
  REQUIRE(ok);
  CHECK(ok->exit_code == 0);
  std::erase(missing, "--oknodo");
  auto nothing = RunBuiltin(missing, "");
  REQUIRE(nothing);
  CHECK(nothing->exit_code == 1);

  CHECK_FALSE(RunBuiltin({"start-stop-daemon", "--start", "--exec", "/bin/true"}, ""));
  CHECK_FALSE(RunBuiltin({"start-stop-daemon", "--stop", "--retry", "TERM/5/KILL/5", "--pidfile",
                          "p", "--exec", "/bin/sleep"},
                         ""));
  CHECK_FALSE(RunBuiltin({"start-stop-daemon", "--stop", "--name", "x"}, ""));
  CHECK_FALSE(RunBuiltin(StopArgs("p", "/bin/sleep"), "stdin text"));
}

TEST_CASE("nft: plain commands and -f FILE run through libnftables; options do not") {
  CHECK_FALSE(RunBuiltin({"nft", "-c", "-f", "/x"}, ""));
  CHECK_FALSE(RunBuiltin({"/usr/sbin/nft", "-j", "list", "ruleset"}, ""));
  CHECK_FALSE(RunBuiltin({"nft"}, ""));
  CHECK_FALSE(RunBuiltin({"nmcli", "connection", "reload"}, ""));
  // A file that does not exist fails before anything reaches the kernel.
  auto missing = RunBuiltin({"/usr/sbin/nft", "-f", "/nonexistent/vnetctl-test.nft"}, "");
  REQUIRE(missing);
  CHECK(missing->exit_code == 1);
  CHECK_FALSE(missing->err.empty());
}

}  // namespace
}  // namespace vnet
