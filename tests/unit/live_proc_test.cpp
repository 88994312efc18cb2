// Sysctls, listening sockets and pid-file processes against the real kernel;
// sockets are opened by a child forked inside a private network namespace.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/live/host_reader.h"
#include "core/live/sockets.h"
#include "core/live/sysctl.h"
#include "live_test_util.h"

namespace vnet::live {
namespace {

constexpr uint16_t kUdpPort = 6767;
constexpr uint16_t kTcpPort = 6768;
constexpr uint16_t kTcpBoundOnly = 6769;  // bound, never listen()ed

int Bound(int domain, int type, uint16_t port) {
  int fd = socket(domain, type, 0);
  if (domain == AF_INET) {
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof(sa)) != 0) _exit(1);
  } else {
    sockaddr_in6 sa{};
    sa.sin6_family = AF_INET6;
    sa.sin6_port = htons(port);
    if (bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof(sa)) != 0) _exit(1);
  }
  return fd;
}

// Forked in the private netns: opens the sockets, says so on `ready`, then
// waits to be killed. Only async-signal-safe calls (the parent has threads).
[[noreturn]] void ServeSockets(int ready) {
  Bound(AF_INET, SOCK_DGRAM, kUdpPort);
  if (listen(Bound(AF_INET6, SOCK_STREAM, kTcpPort), 4) != 0) _exit(1);
  Bound(AF_INET, SOCK_STREAM, kTcpBoundOnly);
  if (write(ready, "x", 1) != 1) _exit(1);
  for (;;) pause();
}

struct ListenerRun {
  pid_t child = -1;
  Result<std::vector<Listener>> listeners = MakeError(ErrorKind::kSystem, "not run");
};

std::string ReadListenersOfChild(ListenerRun& run) {
  int fds[2];
  if (pipe(fds) != 0) return "pipe failed";
  run.child = fork();
  if (run.child == 0) ServeSockets(fds[1]);
  close(fds[1]);
  char byte = 0;
  const bool ready = read(fds[0], &byte, 1) == 1;
  close(fds[0]);
  if (ready) run.listeners = MakeSystemHostReader()->Listeners({kUdpPort, kTcpPort, kTcpBoundOnly});
  kill(run.child, SIGKILL);
  waitpid(run.child, nullptr, 0);
  return ready ? "" : "the socket child failed";
}

const Listener* Find(const std::vector<Listener>& all, const std::string& proto, uint16_t port) {
  auto it = std::find_if(all.begin(), all.end(),
                         [&](const Listener& l) { return l.proto == proto && l.port == port; });
  return it == all.end() ? nullptr : &*it;
}

TEST_CASE("live listeners: a bound UDP and a listening TCP socket, with the holding pid" *
          doctest::test_suite("root")) {
  live_testing::RequireRootAndTools();
  ListenerRun run;
  std::string error = live_testing::InPrivateNetns([&] { return ReadListenersOfChild(run); });
  REQUIRE_MESSAGE(error.empty(), error);
  REQUIRE_MESSAGE(run.listeners.ok(), (run.listeners.ok() ? "" : run.listeners.error().Format()));
  const std::vector<Listener>& all = *run.listeners;
  CHECK(all.size() == 2);
  const Listener* udp = Find(all, "udp", kUdpPort);
  REQUIRE(udp != nullptr);
  CHECK(udp->addr == IpAddr::Parse("0.0.0.0"));
  CHECK(udp->pids == std::vector<int>{run.child});
  const Listener* tcp = Find(all, "tcp6", kTcpPort);
  REQUIRE(tcp != nullptr);
  CHECK(tcp->addr == IpAddr::Parse("::"));
  CHECK(tcp->pids == std::vector<int>{run.child});
  CHECK(Find(all, "tcp", kTcpBoundOnly) == nullptr);
}

TEST_CASE("live listeners: /proc/net rows parse to address, port, state and inode") {
  if constexpr (std::endian::native != std::endian::little) return;  // sample is x86's
  const char* udp =
      "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
      "timeout inode ref pointer drops\n"
      "  191: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        "
      "0 41217 2 0000000000000000 0\n"
      "garbage line\n";
  std::vector<ProcNetSocket> rows = ParseProcNet(udp, Family::kIpv4);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].addr == IpAddr::Parse("127.0.0.1"));
  CHECK(rows[0].port == 53);
  CHECK(rows[0].state == 7);
  CHECK(rows[0].inode == 41217);
  const char* tcp6 =
      "  sl  local_address                         remote_address                        st "
      "tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
      "   0: 000080FE00000000FF005452FEAB01FE:0016 00000000000000000000000000000000:0000 0A "
      "00000000:00000000 00:00000000 00000000     0        0 999 1 0000000000000000 100 0 0 10 0\n";
  rows = ParseProcNet(tcp6, Family::kIpv6);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].addr == IpAddr::Parse("fe80::5254:ff:fe01:abfe"));
  CHECK(rows[0].port == 22);
  CHECK(rows[0].state == kTcpListen);
  CHECK(rows[0].inode == 999);
}

TEST_CASE("live sysctl: values of the reading thread's namespace; bad keys refused" *
          doctest::test_suite("root")) {
  live_testing::RequireRootAndTools();
  std::optional<std::string> before, after, conf;
  std::string error = live_testing::InPrivateNetns([&] {
    auto reader = MakeSystemHostReader();
    before = reader->Sysctl("net/ipv4/ip_forward");
    std::ofstream("/proc/sys/net/ipv4/ip_forward") << "1\n";
    after = reader->Sysctl("net/ipv4/ip_forward");
    conf = reader->Sysctl("net/ipv6/conf/lo/disable_ipv6");
    return "";
  });
  REQUIRE(error.empty());
  CHECK(before == "0");  // a new namespace starts with forwarding off
  CHECK(after == "1");
  CHECK(conf == "0");
  auto reader = MakeSystemHostReader();
  CHECK(reader->Sysctl("kernel/ostype") == "Linux");
  CHECK_FALSE(reader->Sysctl("net/ipv4/no_such_sysctl").has_value());
  CHECK_FALSE(reader->Sysctl("net/../../etc/passwd").has_value());
  CHECK_FALSE(reader->Sysctl("/etc/passwd").has_value());
  CHECK_FALSE(reader->Sysctl("net/ipv4/ip_forward x").has_value());
  CHECK(ValidSysctlKey("net/ipv4/conf/eth0.100/forwarding"));
}

TEST_CASE("live processes: a pid file names a running process with exe and argv" *
          doctest::test_suite("root")) {
  live_testing::RequireRootAndTools();
  // The pipe's write end is close-on-exec: EOF on the read end means exec
  // has replaced the forked image, so exe and argv are sleep's.
  int exec_done[2];
  REQUIRE(pipe2(exec_done, O_CLOEXEC) == 0);
  pid_t child = fork();
  if (child == 0) {
    execl("/bin/sleep", "/bin/sleep", "30", static_cast<char*>(nullptr));
    _exit(127);
  }
  REQUIRE(child > 0);
  close(exec_done[1]);
  char byte = 0;
  CHECK(read(exec_done[0], &byte, 1) == 0);
  close(exec_done[0]);
  live_testing::TempRoot root("run");
  std::ofstream(root.path / "run/sleep.pid") << child << "\n";
  std::ofstream(root.path / "run/zero.pid") << "0\n";
  std::ofstream(root.path / "run/junk.pid") << "12ab\n";
  std::ofstream(root.path / "run/negative.pid") << "-5\n";
  auto reader = MakeSystemHostReader(root.path);
  std::optional<Process> process = reader->ProcessFromPidFile("/run/sleep.pid");
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  REQUIRE(process.has_value());
  CHECK(process->pid == child);
  CHECK(process->exe == std::filesystem::canonical("/bin/sleep").string());
  CHECK(process->argv == std::vector<std::string>{"/bin/sleep", "30"});
  // The same pid file once the process is gone, and pid files that name none.
  CHECK_FALSE(reader->ProcessFromPidFile("/run/sleep.pid").has_value());
  CHECK_FALSE(reader->ProcessFromPidFile("/run/zero.pid").has_value());
  CHECK_FALSE(reader->ProcessFromPidFile("/run/junk.pid").has_value());
  CHECK_FALSE(reader->ProcessFromPidFile("/run/negative.pid").has_value());
  CHECK_FALSE(reader->ProcessFromPidFile("/run/missing.pid").has_value());
  CHECK_FALSE(reader->ProcessFromPidFile("/run/../run/sleep.pid").has_value());
}

TEST_CASE("live processes: a pid file that is a symbolic link is not trusted") {
  live_testing::TempRoot root("run");
  std::ofstream(root.path / "run/self.pid") << getpid() << "\n";
  std::filesystem::create_symlink("self.pid", root.path / "run/link.pid");
  auto reader = MakeSystemHostReader(root.path);
  std::optional<Process> self = reader->ProcessFromPidFile("/run/self.pid");
  REQUIRE(self.has_value());
  CHECK(self->pid == getpid());
  CHECK(self->exe == std::filesystem::read_symlink("/proc/self/exe").string());
  CHECK_FALSE(reader->ProcessFromPidFile("/run/link.pid").has_value());
}

}  // namespace
}  // namespace vnet::live
