// vnetctl's stricter rules on values (see strict_rules.cpp): duplicate static
// hosts, and control characters in text that lands in dnsmasq's files.
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

// Each host's key is computed once and looked up among the earlier hosts'
// (a network may have 10,000 static hosts): the first earlier host with the
// same key is the one named, as a pairwise scan would.
void CheckDuplicateKey(Errors& errs, const Ip& ip, const Network& net, const HostKey& key) {
  const auto& hosts = ip.dhcp->hosts;
  std::unordered_map<std::string, size_t> first;  // key -> index of its first host
  first.reserve(hosts.size());
  for (size_t i = 0; i < hosts.size(); ++i) {
    auto vi = key.get(hosts[i]);
    if (!vi) continue;
    auto [seen, inserted] = first.try_emplace(*vi, i);
    if (inserted) continue;
    const size_t j = seen->second;
    Strict(errs,
           std::string("static host ") + key.what + " " + *vi + " is used twice in network '" +
               net.name + "' (hosts " + std::to_string(j + 1) + " and " + std::to_string(i + 1) +
               " of one <ip>); dnsmasq would honour only one of them",
           hosts[i].loc, key.attr);
  }
}

bool HasControlChar(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

struct Value {
  std::string what;
  const std::string* text;
  const SourceLoc* loc;
  const char* attr;
};

void AddOpt(std::vector<Value>& out, std::string what, const std::optional<std::string>& v,
            const SourceLoc& loc, const char* attr) {
  if (v) out.push_back({std::move(what), &*v, &loc, attr});
}

void CollectDnsValues(std::vector<Value>& out, const Dns& dns) {
  for (const DnsForwarder& f : dns.forwarders)
    AddOpt(out, "DNS forwarder domain", f.domain, f.loc, "domain");
  for (const DnsTxt& t : dns.txts) {
    out.push_back({"DNS TXT record name", &t.name, &t.loc, "name"});
    out.push_back({"DNS TXT record value", &t.value, &t.loc, "value"});
  }
  for (const DnsHost& h : dns.hosts) {
    for (const std::string& n : h.hostnames) out.push_back({"DNS host name", &n, &h.loc, nullptr});
  }
  for (const DnsSrv& s : dns.srvs) {
    AddOpt(out, "DNS SRV domain", s.domain, s.loc, "domain");
    AddOpt(out, "DNS SRV target", s.target, s.loc, "target");
  }
}

void CollectIpValues(std::vector<Value>& out, const Ip& ip) {
  AddOpt(out, "TFTP root", ip.tftp_root, ip.loc, nullptr);
  if (!ip.dhcp) return;
  for (const DhcpHost& h : ip.dhcp->hosts) AddOpt(out, "static host name", h.name, h.loc, "name");
  if (ip.dhcp->bootp)
    out.push_back({"BOOTP file", &ip.dhcp->bootp->file, &ip.dhcp->bootp->loc, "file"});
}

std::vector<Value> ConfigValues(const Network& net) {
  std::vector<Value> out;
  if (net.domain) out.push_back({"domain name", &net.domain->name, &net.domain->loc, "name"});
  if (net.bridge) AddOpt(out, "firewalld zone", net.bridge->zone, net.bridge->loc, "zone");
  if (net.dns) CollectDnsValues(out, *net.dns);
  for (const Ip& ip : net.ips) CollectIpValues(out, ip);
  for (const std::string& opt : net.dnsmasq_options) {
    out.push_back({"dnsmasq option", &opt, &net.loc, nullptr});
  }
  return out;
}

}  // namespace

void CheckStrictHostDuplicates(Errors& errs, const Ip& ip, const Network& net) {
  for (const HostKey& key : kHostKeys) CheckDuplicateKey(errs, ip, net, key);
}

void CheckStrictConfigValues(Errors& errs, const Network& net) {
  for (const Value& v : ConfigValues(net)) {
    if (!HasControlChar(*v.text)) continue;
    Strict(errs,
           v.what + " in network '" + net.name +
               "' contains a control character (such as a newline), which would change the "
               "meaning of the dnsmasq configuration written from it",
           *v.loc, v.attr ? v.attr : std::string_view());
  }
}

}  // namespace vnet::validate
