#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/net/address.h"

namespace vnet {

/// <dns><forwarder addr domain/>.
struct DnsForwarder {
  std::optional<IpAddr> addr;
  std::optional<std::string> domain;
  SourceLoc loc;
};

/// <dns><txt name value/>.
struct DnsTxt {
  std::string name;
  std::string value;
  SourceLoc loc;
};

/// <dns><srv service protocol domain target port priority weight/>.
struct DnsSrv {
  std::string service;
  std::string protocol;
  std::optional<std::string> domain;
  std::optional<std::string> target;
  std::optional<uint32_t> port;
  std::optional<uint32_t> priority;
  std::optional<uint32_t> weight;
  SourceLoc loc;
};

/// <dns><host ip><hostname>…</hostname></host>.
struct DnsHost {
  IpAddr ip;
  std::vector<std::string> hostnames;
  SourceLoc loc;
  /// False only in a net-update fragment without ip= (a delete may name the
  /// record by its hostname alone); `ip` then means nothing.
  bool has_ip = true;
};

/// <dns enable forwardPlainNames>.
struct Dns {
  std::optional<bool> enable;
  std::optional<bool> forward_plain_names;
  std::vector<DnsForwarder> forwarders;
  std::vector<DnsTxt> txts;
  std::vector<DnsHost> hosts;
  std::vector<DnsSrv> srvs;
  SourceLoc loc;

  bool Empty() const {
    return !enable && !forward_plain_names && forwarders.empty() && txts.empty() && hosts.empty() &&
           srvs.empty();
  }
};

/// <domain name localOnly/>.
struct Domain {
  std::string name;
  std::optional<bool> local_only;
  SourceLoc loc;
};

}  // namespace vnet
