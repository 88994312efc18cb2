#include "core/exec/builtin_commands.h"

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <thread>
#include <variant>

#include "core/live/nft_api.h"

namespace vnet {

namespace {

// ---- nft -----------------------------------------------------------------------

std::optional<CommandResult> Nft(const std::string& file, const std::string& command) {
  auto nft = live::LoadNftApi();
  auto ctx = live::NewBufferedNftCtx();
  if (!nft.ok() || !ctx.ok()) return std::nullopt;  // the nft program may still work
  const live::NftApi& api = **nft;
  int rc = !file.empty() ? api.nft_run_cmd_from_filename(ctx->get(), file.c_str())
                         : api.nft_run_cmd_from_buffer(ctx->get(), command.c_str());
  CommandResult r;
  r.exit_code = rc == 0 ? 0 : 1;
  const char* out = api.nft_ctx_get_output_buffer(ctx->get());
  const char* err = api.nft_ctx_get_error_buffer(ctx->get());
  r.out = out != nullptr ? out : "";
  r.err = err != nullptr ? err : "";
  return r;
}

// ---- stopping a pid-file daemon ------------------------------------------------

// The PID in the pid file, if that process runs `exec` (same file, as
// start-stop-daemon compares /proc/PID/exe with --exec by device and inode).
std::optional<pid_t> MatchingProcess(const std::string& pidfile, const std::string& exec) {
  std::ifstream in(pidfile);
  long pid = 0;
  // Only a real PID: 0 and -1 would signal a process group or everything.
  if (!(in >> pid) || pid <= 1 || pid > std::numeric_limits<pid_t>::max()) return std::nullopt;
  struct stat want {
  }, have{};
  if (stat(exec.c_str(), &want) != 0) return std::nullopt;
  const std::string exe = "/proc/" + std::to_string(pid) + "/exe";
  if (stat(exe.c_str(), &have) != 0) return std::nullopt;
  if (want.st_dev != have.st_dev || want.st_ino != have.st_ino) return std::nullopt;
  return static_cast<pid_t>(pid);
}

// Waits until `pid` has exited, at most `seconds`: through a pidfd where the
// kernel has them, else by polling.
bool WaitGone(pid_t pid, int seconds) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::seconds(seconds);
  int fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (fd >= 0) {
    pollfd p{fd, POLLIN, 0};
    int rc;
    do {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      rc = poll(&p, 1, static_cast<int>(std::max<long>(0, left.count())));
    } while (rc < 0 && errno == EINTR);
    close(fd);
    return rc > 0;
  }
  if (errno == ESRCH) return true;
  while (Clock::now() < deadline) {
    if (kill(pid, 0) != 0 && errno == ESRCH) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return kill(pid, 0) != 0 && errno == ESRCH;
}

CommandResult Stop(const StopPidfileDaemon& req) {
  CommandResult r;
  std::optional<pid_t> pid = MatchingProcess(req.pidfile, req.exec);
  if (!pid || kill(*pid, SIGTERM) != 0) {
    r.exit_code = 0;  // nothing to stop (--oknodo)
    return r;
  }
  if (req.retry_seconds <= 0 || WaitGone(*pid, req.retry_seconds)) {
    r.exit_code = 0;
    return r;
  }
  kill(*pid, SIGKILL);
  r.exit_code = WaitGone(*pid, req.retry_seconds) ? 0 : 2;
  return r;
}

CommandResult HangUp(const HangUpPidfileDaemon& req) {
  CommandResult r;
  std::optional<pid_t> pid = MatchingProcess(req.pidfile, req.exec);
  r.exit_code = pid && kill(*pid, SIGHUP) == 0 ? 0 : 1;
  if (r.exit_code != 0) r.err = "No " + req.exec + " found running; none signalled.\n";
  return r;
}

}  // namespace

std::optional<CommandResult> RunBuiltin(const HostAction& action) {
  if (const auto* a = std::get_if<NftScript>(&action)) return Nft(a->file, "");
  if (const auto* a = std::get_if<NftCommand>(&action)) return Nft("", a->command);
  if (const auto* a = std::get_if<HangUpPidfileDaemon>(&action)) return HangUp(*a);
  return Stop(std::get<StopPidfileDaemon>(action));
}

bool BuiltinAvailable(const HostAction& action) {
  const bool nft =
      std::holds_alternative<NftScript>(action) || std::holds_alternative<NftCommand>(action);
  return !nft || live::LoadNftApi().ok();  // signals need nothing but the kernel
}

std::string DescribeBuiltin(const HostAction& action) {
  constexpr const char* kLib = "   (in-process: libnftables)";
  if (const auto* a = std::get_if<NftScript>(&action)) return "nft -f " + a->file + kLib;
  if (const auto* a = std::get_if<NftCommand>(&action)) return "nft " + a->command + kLib;
  if (const auto* a = std::get_if<HangUpPidfileDaemon>(&action)) {
    return "send SIGHUP to the process in " + a->pidfile + " if it runs " + a->exec +
           "   (in-process)";
  }
  const auto& stop = std::get<StopPidfileDaemon>(action);
  return "stop the process in " + stop.pidfile + " if it runs " + stop.exec +
         ": SIGTERM, SIGKILL after " + std::to_string(stop.retry_seconds) + " s   (in-process)";
}

}  // namespace vnet
