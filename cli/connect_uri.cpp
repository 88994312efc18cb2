#include "cli/connect_uri.h"

#include <algorithm>

namespace vnet::cli {

namespace {

// Scheme "driver[+transport]", then "//[user@]host[:port]" and the path.
struct Uri {
  std::string driver, transport, user, host, port, path;
  std::vector<std::pair<std::string, std::string>> params;
};

// "HOST[:PORT]". An IPv6 address is bracketed ("[::1]:2222", RFC 3986), and
// ssh takes it bare; anything else after the bracket stays in the host, which
// is then refused as not plain.
void SplitHostPort(const std::string& authority, Uri& u) {
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    std::string after = close == std::string::npos ? "x" : authority.substr(close + 1);
    if (after.empty() || after.front() == ':') {
      u.host = authority.substr(1, close - 1);
      if (!after.empty()) u.port = after.substr(1);
    } else {
      u.host = authority;
    }
    return;
  }
  size_t c = authority.rfind(':');
  u.host = authority.substr(0, c);
  if (c != std::string::npos) u.port = authority.substr(c + 1);
}

std::optional<Uri> Split(std::string_view text) {
  Uri u;
  size_t colon = text.find("://");
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string scheme(text.substr(0, colon));
  size_t plus = scheme.find('+');
  u.driver = scheme.substr(0, plus);
  if (plus != std::string::npos) u.transport = scheme.substr(plus + 1);
  std::string_view rest = text.substr(colon + 3);
  size_t query = rest.find('?');
  std::string_view q = query == std::string_view::npos ? "" : rest.substr(query + 1);
  rest = rest.substr(0, query);
  size_t slash = rest.find('/');
  std::string authority(rest.substr(0, slash));
  u.path = slash == std::string_view::npos ? "" : std::string(rest.substr(slash));
  if (size_t at = authority.rfind('@'); at != std::string::npos) {
    u.user = authority.substr(0, at);
    authority = authority.substr(at + 1);
  }
  SplitHostPort(authority, u);
  while (!q.empty()) {
    size_t amp = q.find('&');
    std::string_view kv = q.substr(0, amp);
    size_t eq = kv.find('=');
    u.params.emplace_back(std::string(kv.substr(0, eq)),
                          eq == std::string_view::npos ? "" : std::string(kv.substr(eq + 1)));
    q = amp == std::string_view::npos ? "" : q.substr(amp + 1);
  }
  return u;
}

bool Plain(const std::string& s) {
  return !s.empty() && s.front() != '-' && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ||
           c == ':';
  });
}

Error Refused(std::string_view uri, const std::string& why) {
  return MakeError(ErrorKind::kOperationInvalid,
                   "failed to connect to the hypervisor: " + std::string(uri) + ": " + why);
}

}  // namespace

Result<std::optional<SshTarget>> ParseConnectUri(std::string_view uri) {
  std::optional<Uri> u = Split(uri);
  if (!u) return Refused(uri, "not a libvirt URI (DRIVER[+ssh]://[USER@][HOST][:PORT]/system)");
  if (u->driver != "qemu" && u->driver != "network") {
    return Refused(uri,
                   "vnetctl answers for libvirt's network driver only (qemu:// or network://)");
  }
  if (u->path == "/session") {
    return Refused(uri,
                   "a session instance has no virtual networks of its own; vnetctl manages the "
                   "host's (system) networks: leave out -c, or use qemu:///system");
  }
  if (u->path != "/system") return Refused(uri, "the path must be /system");
  const bool local_host = u->host.empty() || u->host == "localhost";
  if (u->transport.empty() || u->transport == "unix") {
    if (!local_host) return Refused(uri, "a remote host needs the ssh transport (qemu+ssh://)");
    return std::optional<SshTarget>();
  }
  if (u->transport != "ssh" && u->transport != "libssh" && u->transport != "libssh2") {
    return Refused(uri, "transport '" + u->transport + "' is not vnetctl's; use qemu+ssh://");
  }
  if (u->host.empty()) return Refused(uri, "qemu+ssh:// needs a host");
  SshTarget t;
  t.host = u->host;
  t.user = u->user;
  t.port = u->port;
  // Every value reaches ssh's command line: a host, user or port that could
  // read as an option (or is not a plain name) is refused.
  if (!Plain(t.host) || (!t.user.empty() && !Plain(t.user)) ||
      (!t.port.empty() && !std::all_of(t.port.begin(), t.port.end(), ::isdigit))) {
    return Refused(uri, "the host, user or port is not a plain name or number");
  }
  for (const auto& [key, value] : u->params) {
    if (key == "keyfile") t.keyfile = value;
    if (key == "no_verify") t.no_verify = value == "1";
  }
  if (!t.keyfile.empty() && t.keyfile.front() == '-') return Refused(uri, "bad keyfile");
  return std::optional<SshTarget>(t);
}

namespace {

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::vector<std::string> SshArgv(const SshTarget& t, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"ssh", "-o", "BatchMode=yes"};
  if (!t.port.empty()) argv.insert(argv.end(), {"-p", t.port});
  if (!t.user.empty()) argv.insert(argv.end(), {"-l", t.user});
  if (!t.keyfile.empty()) argv.insert(argv.end(), {"-i", t.keyfile});
  // libvirt's no_verify: no host key check, and nothing learnt either.
  if (t.no_verify) {
    argv.insert(argv.end(), {"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                             "-o", "LogLevel=ERROR"});
  }
  argv.insert(argv.end(), {"--", t.host});
  std::string command = "vnetctl";
  for (const std::string& a : args) command += " " + ShellQuote(a);
  argv.push_back(command);
  return argv;
}

}  // namespace vnet::cli
