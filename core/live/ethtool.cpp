#include "core/live/ethtool.h"

#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

namespace vnet::live {

std::optional<bool> ReadTxChecksum(const std::string& ifname) {
  if (ifname.empty() || ifname.size() >= IFNAMSIZ) return std::nullopt;
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::nullopt;
  ethtool_value value{};
  value.cmd = ETHTOOL_GTXCSUM;
  ifreq req{};
  std::memcpy(req.ifr_name, ifname.c_str(), ifname.size() + 1);
  req.ifr_data = reinterpret_cast<char*>(&value);
  int rc = ioctl(fd, SIOCETHTOOL, &req);
  close(fd);
  if (rc != 0) return std::nullopt;
  return value.data != 0;
}

}  // namespace vnet::live
