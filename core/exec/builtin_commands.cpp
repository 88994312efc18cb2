#include "core/exec/builtin_commands.h"

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <thread>

#include "core/live/nft_api.h"

namespace vnet {

namespace {

std::string_view BaseName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// ---- nft -----------------------------------------------------------------------

std::optional<CommandResult> Nft(const std::vector<std::string>& argv) {
  if (argv.size() < 2) return std::nullopt;
  const bool from_file = argv.size() == 3 && argv[1] == "-f";
  std::string command;
  if (!from_file) {
    // nft joins its arguments with spaces and parses the result as one
    // command line; any option changes how it runs: left to the program.
    for (size_t i = 1; i < argv.size(); ++i) {
      if (argv[i].empty() || argv[i][0] == '-') return std::nullopt;
      if (i > 1) command += ' ';
      command += argv[i];
    }
  }
  auto nft = live::LoadNftApi();
  auto ctx = live::NewBufferedNftCtx();
  if (!nft.ok() || !ctx.ok()) return std::nullopt;  // the nft program may still work
  const live::NftApi& api = **nft;
  int rc = from_file ? api.nft_run_cmd_from_filename(ctx->get(), argv[2].c_str())
                     : api.nft_run_cmd_from_buffer(ctx->get(), command.c_str());
  CommandResult r;
  r.exit_code = rc == 0 ? 0 : 1;
  const char* out = api.nft_ctx_get_output_buffer(ctx->get());
  const char* err = api.nft_ctx_get_error_buffer(ctx->get());
  r.out = out != nullptr ? out : "";
  r.err = err != nullptr ? err : "";
  return r;
}

// ---- start-stop-daemon --stop ----------------------------------------------------

struct StopRequest {
  std::string pidfile;
  std::string exec;
  bool oknodo = false;
  int retry_seconds = 0;  // 0: signal only, do not wait
};

std::optional<StopRequest> ParseStop(const std::vector<std::string>& argv) {
  StopRequest req;
  bool stop = false;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    const bool has_value = i + 1 < argv.size();
    if (a == "--stop" || a == "-K") {
      stop = true;
    } else if (a == "--quiet" || a == "-q") {
    } else if (a == "--oknodo" || a == "-o") {
      req.oknodo = true;
    } else if ((a == "--retry" || a == "-R") && has_value) {
      const std::string& v = argv[++i];
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), req.retry_seconds);
      // A schedule (TERM/5/KILL/5) has its own meaning: left to the program.
      if (ec != std::errc() || end != v.data() + v.size() || req.retry_seconds <= 0) {
        return std::nullopt;
      }
    } else if ((a == "--pidfile" || a == "-p") && has_value) {
      req.pidfile = argv[++i];
    } else if ((a == "--exec" || a == "-x") && has_value) {
      req.exec = argv[++i];
    } else {
      return std::nullopt;
    }
  }
  if (!stop || req.pidfile.empty() || req.exec.empty()) return std::nullopt;
  return req;
}

// The PID in the pid file, if that process runs `exec` (same file, as
// start-stop-daemon compares /proc/PID/exe with --exec by device and inode).
std::optional<pid_t> MatchingProcess(const StopRequest& req) {
  std::ifstream in(req.pidfile);
  long pid = 0;
  // Only a real PID: 0 and -1 would signal a process group or everything.
  if (!(in >> pid) || pid <= 1 || pid > std::numeric_limits<pid_t>::max()) return std::nullopt;
  struct stat want {
  }, have{};
  if (stat(req.exec.c_str(), &want) != 0) return std::nullopt;
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

std::optional<CommandResult> Stop(const std::vector<std::string>& argv) {
  std::optional<StopRequest> req = ParseStop(argv);
  if (!req) return std::nullopt;
  CommandResult r;
  std::optional<pid_t> pid = MatchingProcess(*req);
  if (!pid || kill(*pid, SIGTERM) != 0) {
    r.exit_code = req->oknodo ? 0 : 1;  // nothing to stop
    return r;
  }
  if (req->retry_seconds == 0 || WaitGone(*pid, req->retry_seconds)) {
    r.exit_code = 0;
    return r;
  }
  kill(*pid, SIGKILL);
  r.exit_code = WaitGone(*pid, req->retry_seconds) ? 0 : 2;
  return r;
}

}  // namespace

std::optional<CommandResult> RunBuiltin(const std::vector<std::string>& argv,
                                        const std::string& stdin_data) {
  if (argv.empty() || !stdin_data.empty()) return std::nullopt;
  const std::string_view name = BaseName(argv[0]);
  if (name == "nft") return Nft(argv);
  if (name == "start-stop-daemon") return Stop(argv);
  return std::nullopt;
}

}  // namespace vnet
