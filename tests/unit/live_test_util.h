// Helpers for the core/live tests, which read the REAL kernel. Every object
// they create lives in a network namespace private to one thread (unshare on
// that thread only), so the host's own namespace is never touched, and the
// namespace disappears with the thread.
#pragma once

#include <doctest/doctest.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "core/exec/command_runner.h"

namespace vnet::live_testing {

inline constexpr const char* kIp = "/usr/sbin/ip";
inline constexpr const char* kNft = "/usr/sbin/nft";

/// These tests must run as root (CI does): not being root is a failure, not a
/// reason to skip, so that a run without root can never look green.
inline void RequireRootAndTools() {
  REQUIRE_MESSAGE(geteuid() == 0,
                  "the live tests read the real kernel inside private network namespaces and "
                  "must run as root (sudo ./build/tests/vnet_unit_tests -tc='*live*')");
  REQUIRE_MESSAGE(access(kIp, X_OK) == 0, kIp, " is required to create test links");
  REQUIRE_MESSAGE(access(kNft, X_OK) == 0, kNft, " is required to load a test table");
}

/// Runs a command on the calling thread (hence in its network namespace);
/// "" on success, otherwise what failed. Never asserts: it runs off the main
/// thread, where doctest assertions must not throw.
inline std::string Run(const std::vector<std::string>& argv, const std::string& input = {}) {
  SystemCommandRunner runner;
  CommandResult r = runner.Run(argv, input);
  if (r.exit_code == 0) return "";
  return FormatCommandLine(argv) + " exited " + std::to_string(r.exit_code) + ": " + r.err;
}

/// Runs every command in order, stopping at the first failure.
inline std::string RunAll(const std::vector<std::vector<std::string>>& commands) {
  for (const auto& argv : commands) {
    if (std::string error = Run(argv); !error.empty()) return error;
  }
  return "";
}

/// Runs `body` on a new thread that first moves into a fresh network
/// namespace; returns the body's error text ("" = fine). The caller asserts
/// on whatever the body stored, after the thread (and namespace) are gone.
inline std::string InPrivateNetns(const std::function<std::string()>& body) {
  std::string error;
  std::thread worker([&] {
    if (unshare(CLONE_NEWNET) != 0) {
      error = std::string("unshare(CLONE_NEWNET): ") + std::strerror(errno);
      return;
    }
    error = body();
  });
  worker.join();
  return error;
}

/// A fresh directory under /tmp (with `subdir` made inside), removed at scope
/// exit: the root a HostReader reads files and pid files below.
struct TempRoot {
  std::filesystem::path path;
  explicit TempRoot(const std::string& subdir) {
    char tmpl[] = "/tmp/vnet-live-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path = tmpl;
    std::filesystem::create_directories(path / subdir);
  }
  ~TempRoot() { std::filesystem::remove_all(path); }
  TempRoot(const TempRoot&) = delete;
  TempRoot& operator=(const TempRoot&) = delete;
};

}  // namespace vnet::live_testing
