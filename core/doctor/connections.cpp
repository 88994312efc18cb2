#include "core/doctor/connections.h"

#include <optional>
#include <utility>

namespace vnet::doctor {

namespace {

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// Each line, trimmed, without comments and blank lines.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (!line.empty() && line[0] != '#' && line[0] != ';') out.push_back(line);
  }
  return out;
}

// "192.168.122.5/24" (an address without a prefix gets the host prefix).
std::optional<std::pair<IpAddr, int>> Cidr(std::string_view text) {
  size_t slash = text.find('/');
  std::optional<IpAddr> a = IpAddr::Parse(text.substr(0, slash));
  if (!a) return std::nullopt;
  int prefix = a->Bits();
  if (slash != std::string_view::npos) {
    std::string_view p = text.substr(slash + 1);
    if (p.empty() || p.size() > 3 || p.find_first_not_of("0123456789") != std::string_view::npos) {
      return std::nullopt;
    }
    prefix = std::stoi(std::string(p));
    if (prefix > a->Bits()) return std::nullopt;
  }
  return std::make_pair(*a, prefix);
}

std::pair<std::string_view, std::string_view> KeyValue(std::string_view line) {
  size_t eq = line.find('=');
  if (eq == std::string_view::npos) return {};
  return {Trim(line.substr(0, eq)), Trim(line.substr(eq + 1))};
}

void Add(std::vector<ConfiguredAddress>& out, const std::string& file, std::string_view iface,
         std::string_view cidr) {
  if (auto c = Cidr(cidr)) out.push_back({file, std::string(iface), c->first, c->second});
}

// An INI-style file (both keyfiles and .network files are): the link the
// file is for, from `iface_of(section, key, value)`, and each address
// `cidr_of` finds, paired once the whole file is read.
template <typename IfaceOf, typename CidrOf>
std::vector<ConfiguredAddress> ParseIni(std::string_view text, const std::string& file,
                                        IfaceOf iface_of, CidrOf cidr_of) {
  std::vector<ConfiguredAddress> out;
  std::string iface;
  std::vector<std::string_view> cidrs;
  std::string_view section;
  for (std::string_view line : Lines(text)) {
    if (line.front() == '[') {
      section = line;
      continue;
    }
    auto [key, value] = KeyValue(line);
    if (std::optional<std::string_view> i = iface_of(section, key, value)) iface = *i;
    if (std::optional<std::string_view> c = cidr_of(section, key, value)) cidrs.push_back(*c);
  }
  for (std::string_view c : cidrs) Add(out, file, iface, c);
  return out;
}

using Field = std::optional<std::string_view>;

}  // namespace

std::optional<NmConnection> ParseNmConnection(std::string_view text, const std::string& file) {
  NmConnection c{file, file.substr(file.rfind('/') + 1), "", ""};
  bool connection = false;
  std::string_view section;
  for (std::string_view line : Lines(text)) {
    if (line.front() == '[') {
      section = line;
      connection = connection || section == "[connection]";
      continue;
    }
    if (section != "[connection]") continue;
    auto [key, value] = KeyValue(line);
    if (key == "id" && !value.empty()) c.id = value;
    if (key == "interface-name") c.iface = value;
    if (key == "controller" || key == "master") c.controller = value;
  }
  if (!connection) return std::nullopt;
  return c;
}

// [connection] interface-name=X; [ipv4]/[ipv6] address1=A/P[,GW] (also addresses1=).
std::vector<ConfiguredAddress> ParseNmKeyfile(std::string_view text, const std::string& file) {
  return ParseIni(
      text, file,
      [](std::string_view section, std::string_view key, std::string_view value) -> Field {
        if (section == "[connection]" && key == "interface-name") return value;
        return std::nullopt;
      },
      [](std::string_view section, std::string_view key, std::string_view value) -> Field {
        bool addr_key = key.starts_with("address") && key.find_first_of("0123456789") != key.npos;
        if ((section == "[ipv4]" || section == "[ipv6]") && addr_key) {
          return value.substr(0, value.find(','));
        }
        return std::nullopt;
      });
}

// [Match] Name=X; [Network] Address=A/P; [Address] Address=A/P.
std::vector<ConfiguredAddress> ParseNetworkdNetwork(std::string_view text,
                                                    const std::string& file) {
  return ParseIni(
      text, file,
      [](std::string_view section, std::string_view key, std::string_view value) -> Field {
        if (section == "[Match]" && key == "Name") return value.substr(0, value.find(' '));
        return std::nullopt;
      },
      [](std::string_view section, std::string_view key, std::string_view value) -> Field {
        if ((section == "[Network]" || section == "[Address]") && key == "Address") return value;
        return std::nullopt;
      });
}

// "iface X inet static" / "inet6 static", then "address A[/P]" and, for an
// address without a prefix, "netmask M" (or a prefix length for inet6).
std::vector<ConfiguredAddress> ParseIfupdown(std::string_view text, const std::string& file) {
  std::vector<ConfiguredAddress> out;
  std::string iface, address, netmask;
  auto flush = [&] {
    if (address.empty()) return;
    std::string cidr = address;
    if (address.find('/') == std::string::npos && !netmask.empty()) {
      std::optional<IpAddr> m = IpAddr::Parse(netmask);
      std::optional<int> p = m ? PrefixFromNetmask(*m) : std::nullopt;
      cidr += "/" + (p ? std::to_string(*p) : netmask);
    }
    Add(out, file, iface, cidr);
    address.clear();
    netmask.clear();
  };
  for (std::string_view line : Lines(text)) {
    size_t sp = line.find_first_of(" \t");
    std::string_view word = line.substr(0, sp);
    std::string_view rest = sp == std::string_view::npos ? "" : Trim(line.substr(sp));
    if (word == "iface" || word == "auto" || word == "allow-hotplug" || word == "mapping" ||
        word == "source" || word == "source-directory") {
      flush();
      iface = word == "iface" ? std::string(rest.substr(0, rest.find_first_of(" \t"))) : "";
    } else if (word == "address") {
      flush();
      address = rest;
    } else if (word == "netmask") {
      netmask = rest;
    }
  }
  flush();
  return out;
}

const char* const kNmKeyfileDirs[2] = {"/etc/NetworkManager/system-connections",
                                       "/run/NetworkManager/system-connections"};

const ConnectionSource kConnectionSources[6] = {
    {kNmKeyfileDirs[0], ".nmconnection", ParseNmKeyfile},
    {kNmKeyfileDirs[1], ".nmconnection", ParseNmKeyfile},
    {"/etc/systemd/network", ".network", ParseNetworkdNetwork},
    {"/run/systemd/network", ".network", ParseNetworkdNetwork},
    {"/etc/network", "interfaces", ParseIfupdown},
    {"/etc/network/interfaces.d", "", ParseIfupdown},
};

}  // namespace vnet::doctor
