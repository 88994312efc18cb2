// The addresses other managers' connections put on links -- NetworkManager
// keyfiles, systemd-networkd .network files, ifupdown stanzas -- read from
// their files, so doctor sees a clash before the connection is even up. The
// parsers are pure and tolerant: what they cannot read is left out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/net/address.h"

namespace vnet::doctor {

struct ConfiguredAddress {
  std::string file;   // where it is configured
  std::string iface;  // the link it is for; empty when the file does not say
  IpAddr addr;
  int prefix = 0;
};

std::vector<ConfiguredAddress> ParseNmKeyfile(std::string_view text, const std::string& file);
std::vector<ConfiguredAddress> ParseNetworkdNetwork(std::string_view text, const std::string& file);
std::vector<ConfiguredAddress> ParseIfupdown(std::string_view text, const std::string& file);

/// The directories and files these live in, and the parser of each kind.
struct ConnectionSource {
  const char* dir;     // absolute on the target system
  const char* suffix;  // ".nmconnection", ".network"; "" for any file
  std::vector<ConfiguredAddress> (*parse)(std::string_view, const std::string&);
};
extern const ConnectionSource kConnectionSources[6];

}  // namespace vnet::doctor
