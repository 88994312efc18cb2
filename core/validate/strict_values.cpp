// vnetctl's stricter rules on values (see strict_rules.cpp): duplicate static
// hosts, control characters in text that lands in dnsmasq's files, and names
// dnsmasq reads as DNS names that would split its option tokens.
#include <algorithm>
#include <cctype>
#include <functional>
#include <unordered_map>

#include "core/validate/rules.h"

namespace vnet::validate {

void Strict(Errors& errs, const std::string& message, const SourceLoc& where,
            std::string_view attr) {
  Report(errs, Code::kVnetctl, message + " (libvirt accepts this; vnetctl refuses it)", where,
         attr);
}

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// One host field compared across all hosts of an <ip>.
struct HostKey {
  const char* what;  // "MAC address"
  const char* attr;  // "mac"
  std::function<std::optional<std::string>(const DhcpHost&)> get;
};

const HostKey kHostKeys[] = {
    {"MAC address", "mac",
     [](const DhcpHost& h) { return h.mac ? std::optional(h.mac->ToString()) : std::nullopt; }},
    {"IP address", "ip",
     [](const DhcpHost& h) { return h.ip ? std::optional(h.ip->ToString()) : std::nullopt; }},
    // dnsmasq compares host names without regard to case.
    {"name", "name",
     [](const DhcpHost& h) { return h.name ? std::optional(Lower(*h.name)) : std::nullopt; }},
};

// One pass with a map from each value to the first host that has it: a
// document may hold tens of thousands of hosts, so no pairwise comparison.
void CheckDuplicateKey(Errors& errs, const Ip& ip, const Network& net, const HostKey& key) {
  const auto& hosts = ip.dhcp->hosts;
  std::unordered_map<std::string, size_t> first;
  for (size_t i = 0; i < hosts.size(); ++i) {
    auto vi = key.get(hosts[i]);
    if (!vi) continue;
    auto [it, inserted] = first.emplace(*vi, i);
    if (inserted) continue;
    Strict(errs,
           std::string("static host ") + key.what + " " + *vi + " is used twice in network '" +
               net.name + "' (hosts " + std::to_string(it->second + 1) + " and " +
               std::to_string(i + 1) + " of one <ip>); dnsmasq would honour only one of them",
           hosts[i].loc, key.attr);
  }
}

bool HasControlChar(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

// What dnsmasq reads a value as: a DNS name (one token of a comma- or
// slash-separated option: only [A-Za-z0-9._-] keeps it one token and a name),
// or free text (written quoted where needed). Client ids are libvirt's own
// rule (hex digits and ':').
// A DNS host name goes into a hosts file, where '*' stays part of the name
// (a literal one: NetworkWarnings says so).
enum class Token { kDnsName, kHostsName, kText };

struct Value {
  std::string what;
  const std::string* text;
  const SourceLoc* loc;
  const char* attr;
  Token token = Token::kText;
};

void AddOpt(std::vector<Value>& out, std::string what, const std::optional<std::string>& v,
            const SourceLoc& loc, const char* attr, Token token = Token::kText) {
  if (v) out.push_back({std::move(what), &*v, &loc, attr, token});
}

void CollectDnsValues(std::vector<Value>& out, const Dns& dns) {
  for (const DnsForwarder& f : dns.forwarders)
    AddOpt(out, "DNS forwarder domain", f.domain, f.loc, "domain", Token::kDnsName);
  for (const DnsTxt& t : dns.txts) {
    // libvirt's own rule already refuses ' ' and ',' in the name.
    Token name_token =
        t.name.find_first_of(" ,") == std::string::npos ? Token::kDnsName : Token::kText;
    out.push_back({"DNS TXT record name", &t.name, &t.loc, "name", name_token});
    out.push_back({"DNS TXT record value", &t.value, &t.loc, "value"});
  }
  for (const DnsHost& h : dns.hosts) {
    for (const std::string& n : h.hostnames) {
      out.push_back({"DNS host name", &n, &h.loc, nullptr, Token::kHostsName});
    }
  }
  for (const DnsSrv& s : dns.srvs) {
    AddOpt(out, "DNS SRV domain", s.domain, s.loc, "domain", Token::kDnsName);
    AddOpt(out, "DNS SRV target", s.target, s.loc, "target", Token::kDnsName);
  }
}

void CollectIpValues(std::vector<Value>& out, const Ip& ip) {
  AddOpt(out, "TFTP root", ip.tftp_root, ip.loc, nullptr);
  if (!ip.dhcp) return;
  for (const DhcpHost& h : ip.dhcp->hosts) {
    AddOpt(out, "static host name", h.name, h.loc, "name", Token::kDnsName);
  }
  if (ip.dhcp->bootp)
    out.push_back({"BOOTP file", &ip.dhcp->bootp->file, &ip.dhcp->bootp->loc, "file"});
}

std::vector<Value> ConfigValues(const Network& net) {
  std::vector<Value> out;
  if (net.domain) {
    out.push_back({"domain name", &net.domain->name, &net.domain->loc, "name", Token::kDnsName});
  }
  if (net.bridge) AddOpt(out, "firewalld zone", net.bridge->zone, net.bridge->loc, "zone");
  if (net.dns) CollectDnsValues(out, *net.dns);
  for (const Ip& ip : net.ips) CollectIpValues(out, ip);
  for (const std::string& opt : net.dnsmasq_options) {
    out.push_back({"dnsmasq option", &opt, &net.loc, nullptr});
  }
  return out;
}

// The punctuation a name-like value may hold besides letters and digits.
std::string_view Punct(Token token) { return token == Token::kHostsName ? "-_.*" : "-_."; }

// The first character of a name-like value that would split or end its
// dnsmasq token (',', '/', '#', whitespace, quotes...), or npos.
size_t FirstNonNameChar(std::string_view s, Token token) {
  if (token == Token::kText) return std::string_view::npos;
  const std::string_view punct = Punct(token);
  for (size_t i = 0; i < s.size(); ++i) {
    auto u = static_cast<unsigned char>(s[i]);
    if (u >= 0x80 || (!std::isalnum(u) && punct.find(s[i]) == std::string_view::npos)) return i;
  }
  return std::string_view::npos;
}

std::string ShowNameChar(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u > 0x20 && u < 0x7f) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("0x") + kHex[u >> 4] + kHex[u & 15];
}

}  // namespace

void CheckStrictHostDuplicates(Errors& errs, const Ip& ip, const Network& net) {
  for (const HostKey& key : kHostKeys) CheckDuplicateKey(errs, ip, net, key);
}

void CheckStrictConfigValues(Errors& errs, const Network& net) {
  for (const Value& v : ConfigValues(net)) {
    std::string_view attr = v.attr ? v.attr : std::string_view();
    if (HasControlChar(*v.text)) {
      Strict(errs,
             v.what + " in network '" + net.name +
                 "' contains a control character (such as a newline), which would change the "
                 "meaning of the dnsmasq configuration written from it",
             *v.loc, attr);
      continue;
    }
    size_t bad = FirstNonNameChar(*v.text, v.token);
    if (bad == std::string::npos) continue;
    Strict(errs,
           v.what + " '" + *v.text + "' in network '" + net.name + "' contains " +
               ShowNameChar((*v.text)[bad]) +
               "; dnsmasq reads it as a DNS name: only letters, digits and '" +
               std::string(Punct(v.token)) + "' are allowed",
           *v.loc, attr);
  }
}

}  // namespace vnet::validate
