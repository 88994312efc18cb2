// Waits for something that may change a network's state: a file created,
// written, moved or removed in one of the store's directories (inotify), or
// a link added, removed, or set up or down (rtnetlink's link group). The
// caller then looks again; nothing here interprets the change. `vnetctl
// event` runs it in a loop: a watcher with no daemon behind it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/error.h"

namespace vnet::live {

class ChangeWatch {
 public:
  enum class Woke { kChanged, kTimedOut, kInterrupted };

  /// Watches `dirs` (those that exist now; the others are looked for again
  /// at every Wait, so a directory made later is watched from then on) and,
  /// with `links`, the host's links.
  static Result<ChangeWatch> Open(std::vector<std::string> dirs, bool links);

  ChangeWatch(ChangeWatch&& other) noexcept;
  ChangeWatch& operator=(ChangeWatch&&) = delete;
  ChangeWatch(const ChangeWatch&) = delete;
  ChangeWatch& operator=(const ChangeWatch&) = delete;
  ~ChangeWatch();

  /// Until a change, `timeout`, or a signal (kInterrupted: poll's EINTR).
  /// Everything pending is read, so one burst of changes wakes once.
  Result<Woke> Wait(std::chrono::milliseconds timeout);

 private:
  ChangeWatch(int inotify, int netlink, std::vector<std::string> dirs)
      : inotify_(inotify), netlink_(netlink), dirs_(std::move(dirs)) {}
  void WatchDirs();

  int inotify_ = -1;
  int netlink_ = -1;
  std::vector<std::string> dirs_;
};

}  // namespace vnet::live
