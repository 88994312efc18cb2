#include "core/live/change_watch.h"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace vnet::live {

namespace {

constexpr uint32_t kDirEvents = IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM |
                                IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF | IN_ONLYDIR;

Error SystemError(const std::string& what) {
  return MakeError(ErrorKind::kSystem, what + ": " + std::strerror(errno));
}

// Reads whatever is queued on a non-blocking descriptor.
void Drain(int fd) {
  char buf[8192];
  while (read(fd, buf, sizeof buf) > 0) {
  }
}

}  // namespace

Result<ChangeWatch> ChangeWatch::Open(std::vector<std::string> dirs, bool links) {
  int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (in < 0) return SystemError("inotify_init1");
  int nl = -1;
  if (links) {
    nl = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
    sockaddr_nl addr{};
    addr.nl_family = AF_NETLINK;
    addr.nl_groups = RTMGRP_LINK;
    if (nl < 0 || bind(nl, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      Error e = SystemError("rtnetlink link events");
      if (nl >= 0) close(nl);
      close(in);
      return e;
    }
  }
  ChangeWatch watch(in, nl, std::move(dirs));
  watch.WatchDirs();
  return watch;
}

ChangeWatch::ChangeWatch(ChangeWatch&& other) noexcept
    : inotify_(other.inotify_), netlink_(other.netlink_), dirs_(std::move(other.dirs_)) {
  other.inotify_ = other.netlink_ = -1;
}

ChangeWatch::~ChangeWatch() {
  if (inotify_ >= 0) close(inotify_);
  if (netlink_ >= 0) close(netlink_);
}

// Adding a watch that exists already is harmless (the same descriptor), so
// every Wait tries them all: a directory made since (the first start makes
// /run/vnetctl/networks) is watched from then on.
void ChangeWatch::WatchDirs() {
  for (const std::string& dir : dirs_) (void)inotify_add_watch(inotify_, dir.c_str(), kDirEvents);
}

Result<ChangeWatch::Woke> ChangeWatch::Wait(std::chrono::milliseconds timeout) {
  WatchDirs();
  pollfd fds[2] = {{inotify_, POLLIN, 0}, {netlink_, POLLIN, 0}};
  const nfds_t n = netlink_ >= 0 ? 2 : 1;
  int ready = poll(fds, n, static_cast<int>(timeout.count()));
  if (ready < 0) {
    if (errno == EINTR) return Woke::kInterrupted;
    return SystemError("poll");
  }
  if (ready == 0) return Woke::kTimedOut;
  for (nfds_t i = 0; i < n; ++i) {
    if (fds[i].revents) Drain(fds[i].fd);
  }
  return Woke::kChanged;
}

}  // namespace vnet::live
