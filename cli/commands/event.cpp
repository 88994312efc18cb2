// vnetctl event [NETWORK] --event lifecycle [--loop] [--timeout S] [--timestamp]
// vnetctl event --list                                         (virsh net-event)
//
// libvirt emits lifecycle events from its daemon; vnetctl has none, so the
// command watches for itself while it runs: the store's directories
// (inotify) and the host's links (rtnetlink), and after each change it
// compares the networks with what it saw before (core/store/network_events.h).
// A network is running while it is active and its bridge is up on the live
// host: one taken down by hand (`ip link del virbr0`) is "Stopped". Each
// look at the store holds vnetctl's lock shared, so a change is seen once the
// command making it is done, as libvirt emits its event once the operation is
// complete.
#include <fcntl.h>
#include <net/if.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/virsh_args.h"
#include "core/live/change_watch.h"
#include "core/store/network_events.h"
#include "core/xml/format.h"

namespace vnet::cli {

namespace {

constexpr std::string_view kLifecycle = "lifecycle";
// A look at everything even without a wake-up: a store directory that did
// not exist yet, or a bridge under --root (no netlink there).
constexpr std::chrono::milliseconds kRescan{1000};

volatile sig_atomic_t g_interrupted = 0;
void OnInterrupt(int) { g_interrupted = 1; }

// SIGINT ends the loop as it does virsh's ("event loop interrupted"); no
// SA_RESTART, so that poll() returns. It stays caught until the process
// exits: the count still has to be printed, and one Ctrl-C can arrive twice
// (timeout(1) and a shell send it to the process and to its group; in CI the
// second one killed the command after the loop had ended, before its count).
void CatchInterrupt() {
  g_interrupted = 0;
  struct sigaction sa {};
  sa.sa_handler = OnInterrupt;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
}

bool BridgeUp(const std::string& bridge) {
  std::ifstream in("/sys/class/net/" + bridge + "/flags");
  unsigned long flags = 0;
  return in >> std::hex >> flags && (flags & IFF_UP) != 0;
}

// Holds vnetctl's lock shared while it lives (nothing if there is no lock
// file yet: nothing has changed the store then).
class SharedLock {
 public:
  explicit SharedLock(const std::string& path)
      : fd_(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) {
    if (fd_ >= 0) (void)flock(fd_, LOCK_SH);
  }
  ~SharedLock() {
    if (fd_ >= 0) close(fd_);
  }
  SharedLock(const SharedLock&) = delete;
  SharedLock& operator=(const SharedLock&) = delete;

 private:
  int fd_;
};

std::string InRoot(const Context& ctx, std::string_view rel) {
  return (ctx.OnHostRoot() ? "" : ctx.root) + "/" + std::string(rel);
}

// "inode:mtime" of a network's definition file ("" if there is none).
std::string FileIdentity(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return "";
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

Result<NetworkSnapshots> Look(const Context& ctx, const Store& store) {
  SharedLock lock(InRoot(ctx, Store::kRunDir) + "/" + std::string(Store::kLockName));
  VNET_ASSIGN_OR_RETURN(std::vector<StoredNetwork> nets, store.List());
  NetworkSnapshots out;
  for (const StoredNetwork& n : nets) {
    NetworkSnapshot& s = out[n.name];
    s.persistent = n.persistent;
    s.running = n.active;
    if (n.active && ctx.OnHostRoot() && n.Current().HasManagedBridge()) {
      s.running = BridgeUp(n.Bridge());
    }
    if (n.config) {
      s.definition = xml::FormatNetwork(*n.config, {/*inactive=*/true});
      s.definition_file = FileIdentity(store.DefinitionPath(n.name));
    }
  }
  return out;
}

// "2026-12-06 13:56:38.876+0000", libvirt's virTimeStringNowRaw (UTC).
std::string Timestamp() {
  auto now = std::chrono::system_clock::now();
  std::time_t secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[48];
  std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03d+0000", static_cast<int>(ms.count()));
  return buf;
}

// Printed as it happens (a script reads the lines while the loop runs).
void Print(const Context& ctx, const EventCmd::Options& opts, const NetworkEvent& e) {
  std::string line;
  const std::string stamp = opts.timestamp ? Timestamp() : "";
  if (ctx.json) {
    nlohmann::json j{
        {"event", kLifecycle}, {"network", e.network}, {"detail", LifecycleEventName(e.event)}};
    if (opts.timestamp) j["timestamp"] = stamp;
    line = j.dump() + "\n";
  } else {
    line = (opts.timestamp ? stamp + ": " : "") + "event 'lifecycle' for network " + e.network +
           ": " + std::string(LifecycleEventName(e.event)) + "\n";
  }
  std::fputs(line.c_str(), stdout);
  std::fflush(stdout);
}

Status CheckOptions(const EventCmd::Options& opts) {
  if (opts.list) return OkStatus();
  if (opts.event.empty()) {
    return MakeError(ErrorKind::kUsage, "either --list or --event <type> is required");
  }
  if (opts.event != kLifecycle) {
    return MakeError(ErrorKind::kUsage, "unknown event type " + opts.event);
  }
  return OkStatus();
}

}  // namespace

void EventCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("network", opts.network, "filter by network name or uuid",
                     /*required=*/false);
  app.add_option("--event", opts.event, "which event type to wait for (lifecycle)");
  app.add_flag("--loop", opts.loop, "loop until timeout or interrupt, rather than one-shot");
  app.add_option("--timeout", opts.timeout, "timeout seconds")->check(CLI::PositiveNumber);
  app.add_flag("--list", opts.list, "list valid event types");
  app.add_flag("--timestamp", opts.timestamp, "show timestamp for each printed event");
}

RunResult EventCmd::Run(const Context& ctx, const Options& opts) {
  VNET_TRY(CheckOptions(opts));
  if (opts.list) {
    Output out;
    out.text = std::string(kLifecycle) + "\n";
    out.json = nlohmann::json{{"events", {kLifecycle}}};
    return out;
  }
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  std::string only;
  if (!opts.network.empty()) {
    VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
    only = net.name;
  }
  VNET_ASSIGN_OR_RETURN(
      live::ChangeWatch watch,
      live::ChangeWatch::Open({InRoot(ctx, Store::kConfigDir), InRoot(ctx, Store::kLiveDir),
                               InRoot(ctx, Store::kBootDir)},
                              /*links=*/ctx.OnHostRoot()));
  CatchInterrupt();
  VNET_ASSIGN_OR_RETURN(NetworkSnapshots seen, Look(ctx, store));
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::seconds(opts.timeout);
  int count = 0;
  std::string ended;  // why the loop ended, if not by the one-shot event
  bool done = false;
  while (!done) {
    auto wait = kRescan;
    if (opts.timeout > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        ended = "event loop timed out\n";
        break;
      }
      wait = std::min(wait, left);
    }
    VNET_ASSIGN_OR_RETURN(live::ChangeWatch::Woke woke, watch.Wait(wait));
    if (woke == live::ChangeWatch::Woke::kInterrupted || g_interrupted) {
      ended = "event loop interrupted\n";
      break;
    }
    VNET_ASSIGN_OR_RETURN(NetworkSnapshots now, Look(ctx, store));
    for (const NetworkEvent& e : LifecycleEvents(seen, now)) {
      if (!only.empty() && e.network != only) continue;
      Print(ctx, opts, e);
      ++count;
      if (!opts.loop) {
        done = true;
        break;
      }
    }
    seen = std::move(now);
  }
  Output out;
  out.text = ended + "events received: " + std::to_string(count) + "\n";
  out.json = nlohmann::json{{"events_received", count},
                            {"timed_out", ended.starts_with("event loop timed out")},
                            {"interrupted", ended.starts_with("event loop interrupted")}};
  // virsh's net-event succeeds only if it saw an event.
  if (count == 0) out.exit = ExitCode::kFailure;
  return out;
}

}  // namespace vnet::cli
