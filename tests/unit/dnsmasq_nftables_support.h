// Test helpers for the companion renderers: building model Networks in C++,
// temporary directories, and running dnsmasq / nft by argv (never a shell).
#pragma once

#include <doctest/doctest.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/model/network.h"

extern char** environ;

namespace vnet::testing {

inline IpAddr Addr(const char* text) {
  auto addr = IpAddr::Parse(text);
  REQUIRE_MESSAGE(addr, "bad address in test: ", std::string(text));
  return *addr;
}

inline Ip MakeIp(const char* address, uint32_t prefix) {
  Ip ip;
  ip.address = Addr(address);
  ip.prefix = prefix;
  return ip;
}

inline Ip WithRange(Ip ip, const char* start, const char* end) {
  if (!ip.dhcp) ip.dhcp = Dhcp{};
  ip.dhcp->ranges.push_back(DhcpRange{Addr(start), Addr(end), std::nullopt, {}});
  return ip;
}

inline Network MakeNetwork(const char* name, ForwardMode mode, const char* bridge) {
  Network net;
  net.name = name;
  if (mode != ForwardMode::kNone) {
    net.forward = Forward{};
    net.forward->mode = mode;
  }
  net.bridge = Bridge{};
  net.bridge->name = bridge;
  return net;
}

/// libvirt's stock `default` network (src/network/default.xml.in).
inline Network DefaultNetwork() {
  Network net = MakeNetwork("default", ForwardMode::kNat, "virbr0");
  net.ips.push_back(WithRange(MakeIp("192.168.122.1", 24), "192.168.122.2", "192.168.122.254"));
  return net;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot read ", path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void WriteFile(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  REQUIRE_MESSAGE(out, "cannot write ", path.string());
  out << content;
}

/// A fresh directory under $TMPDIR, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "vnet-test-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct ToolResult {
  int exit_status = -1;
  std::string output;  // stdout and stderr together
};

/// Runs argv[0] (an absolute path) with the given arguments and waits.
inline ToolResult RunTool(const std::vector<std::string>& args) {
  int fds[2];
  REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  ToolResult result;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof(buf))) > 0;) result.output.append(buf, n);
  close(fds[0]);
  REQUIRE_MESSAGE(rc == 0, "cannot run ", args[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

/// A tool the test needs: a missing one fails the test, never skips it.
inline void RequireTool(const char* path) {
  REQUIRE_MESSAGE(access(path, X_OK) == 0, std::string(path),
                  " is required for this test but is missing");
}

}  // namespace vnet::testing
