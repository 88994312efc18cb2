// The addresses other managers' connections put on links -- NetworkManager
// keyfiles, systemd-networkd .network files, ifupdown stanzas -- read from
// their files, so doctor sees a clash before the connection is even up. The
// parsers are pure and tolerant: what they cannot read is left out.
#pragma once

#include <optional>
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

/// A NetworkManager connection's claim on links: NetworkManager takes
/// `iface` whenever the connection is up, and makes it a port of
/// `controller` (a bridge's name; keyfiles may also name it by UUID).
struct NmConnection {
  std::string file;
  std::string id;          // [connection] id (the file's name when it has none)
  std::string iface;       // interface-name; empty: any link it matches
  std::string controller;  // controller= (master= before NetworkManager 1.46)
};

/// [connection] id, interface-name, controller/master; nullopt for a file
/// with no [connection] section.
std::optional<NmConnection> ParseNmConnection(std::string_view text, const std::string& file);

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
/// NetworkManager's keyfile directories (persistent, and in-memory profiles).
extern const char* const kNmKeyfileDirs[2];

}  // namespace vnet::doctor
