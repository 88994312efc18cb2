#include "core/live/sockets.h"

#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <set>
#include <string>

#include "core/live/files.h"
#include "core/live/processes.h"

namespace vnet::live {
namespace {

struct Table {
  const char* proto;
  Family family;
  bool tcp;
  bool required;  // udp6/tcp6 are absent when IPv6 is disabled
};
constexpr Table kTables[] = {{"udp", Family::kIpv4, false, true},
                             {"udp6", Family::kIpv6, false, false},
                             {"tcp", Family::kIpv4, true, true},
                             {"tcp6", Family::kIpv6, true, false}};

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t pos = 0;
  while (pos < line.size()) {
    size_t start = line.find_first_not_of(' ', pos);
    if (start == std::string_view::npos) break;
    size_t end = std::min(line.find(' ', start), line.size());
    fields.push_back(line.substr(start, end - start));
    pos = end;
  }
  return fields;
}

template <typename T>
bool ParseHex(std::string_view text, T& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, 16);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

// The kernel prints the address as 32-bit words in host byte order (%08X of
// each s6_addr32 / s_addr), so each word is parsed and stored back as such.
bool ParseAddr(std::string_view hex, Family family, IpAddr& out) {
  out = IpAddr{};
  out.family = family;
  if (hex.size() != static_cast<size_t>(out.Bytes()) * 2) return false;
  for (size_t word = 0; word * 8 < hex.size(); ++word) {
    uint32_t value = 0;
    if (!ParseHex(hex.substr(word * 8, 8), value)) return false;
    std::memcpy(out.bytes.data() + word * 4, &value, sizeof(value));
  }
  return true;
}

std::optional<ProcNetSocket> ParseRow(std::string_view line, Family family) {
  std::vector<std::string_view> f = Fields(line);
  if (f.size() < 10) return std::nullopt;
  const size_t colon = f[1].find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  ProcNetSocket row;
  if (!ParseAddr(f[1].substr(0, colon), family, row.addr) ||
      !ParseHex(f[1].substr(colon + 1), row.port) || !ParseHex(f[3], row.state)) {
    return std::nullopt;
  }
  auto [end, ec] = std::from_chars(f[9].data(), f[9].data() + f[9].size(), row.inode);
  if (ec != std::errc() || end != f[9].data() + f[9].size()) return std::nullopt;
  return row;
}

// The next message of a netlink datagram (`at`, `left` bytes), checked as
// NLMSG_OK would, or nullptr at its end. Written out because NLMSG_OK mixes
// signed and unsigned lengths (clang's -Wsign-compare).
const nlmsghdr* NextMessage(const char*& at, size_t& left) {
  if (left < sizeof(nlmsghdr)) return nullptr;
  const auto* h = reinterpret_cast<const nlmsghdr*>(at);
  if (h->nlmsg_len < sizeof(nlmsghdr) || h->nlmsg_len > left) return nullptr;
  const size_t step = std::min<size_t>(NLMSG_ALIGN(h->nlmsg_len), left);
  at += step;
  left -= step;
  return h;
}

// Listening TCP sockets through NETLINK_SOCK_DIAG, as `ss -ltn` asks: the
// kernel then walks only its listening table. /proc/net/tcp also walks the
// established hash, which is sized by the machine's memory and walked again
// for every page read: ~10 ms per table on a host with nothing established.
// nullopt when the kernel cannot answer (no tcp_diag): /proc is read instead.
std::optional<std::vector<ProcNetSocket>> DiagListeningTcp(Family family) {
  int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return std::nullopt;
  struct {
    nlmsghdr nlh;
    inet_diag_req_v2 req;
  } msg{};
  msg.nlh.nlmsg_len = sizeof msg;
  msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  msg.req.sdiag_family = family == Family::kIpv4 ? AF_INET : AF_INET6;
  msg.req.sdiag_protocol = IPPROTO_TCP;
  msg.req.idiag_states = 1u << kTcpListen;
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  std::optional<std::vector<ProcNetSocket>> rows;
  if (sendto(fd, &msg, sizeof msg, 0, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) < 0) {
    close(fd);
    return rows;
  }
  alignas(nlmsghdr) char buf[32768];
  std::vector<ProcNetSocket> found;
  for (bool done = false; !done;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    const char* at = buf;
    size_t left = static_cast<size_t>(n);
    while (const nlmsghdr* h = NextMessage(at, left)) {
      if (h->nlmsg_type == NLMSG_DONE) {
        rows = std::move(found);
        done = true;
        break;
      }
      if (h->nlmsg_type == NLMSG_ERROR) {
        done = true;
        break;
      }
      if (h->nlmsg_len < sizeof(nlmsghdr) + sizeof(inet_diag_msg)) continue;  // truncated
      const auto* d = reinterpret_cast<const inet_diag_msg*>(reinterpret_cast<const char*>(h) +
                                                             NLMSG_ALIGN(sizeof(nlmsghdr)));
      ProcNetSocket row;
      row.addr.family = family;
      std::memcpy(row.addr.bytes.data(), d->id.idiag_src, static_cast<size_t>(row.addr.Bytes()));
      row.port = ntohs(d->id.idiag_sport);
      row.state = d->idiag_state;
      row.inode = d->idiag_inode;
      found.push_back(row);
    }
  }
  close(fd);
  return rows;
}

Status CollectTable(const Table& table, const std::vector<uint16_t>& ports,
                    std::vector<Listener>& out, std::vector<uint64_t>& inodes) {
  std::vector<ProcNetSocket> rows;
  if (auto diag = table.tcp ? DiagListeningTcp(table.family) : std::nullopt) {
    rows = std::move(*diag);
  } else {
    const std::string path = std::string("/proc/thread-self/net/") + table.proto;
    std::optional<std::string> text = ReadSmallFile(path);
    if (!text && table.required) return MakeError(ErrorKind::kSystem, "cannot read " + path);
    if (!text) return OkStatus();
    rows = ParseProcNet(*text, table.family);
  }
  for (const ProcNetSocket& row : rows) {
    if (table.tcp && row.state != kTcpListen) continue;
    if (std::find(ports.begin(), ports.end(), row.port) == ports.end()) continue;
    out.push_back(Listener{table.proto, row.addr, row.port, "", {}, {}});
    inodes.push_back(row.inode);
  }
  return OkStatus();
}

}  // namespace

std::vector<ProcNetSocket> ParseProcNet(std::string_view text, Family family) {
  std::vector<ProcNetSocket> rows;
  size_t pos = text.find('\n');  // the first line is the column header
  while (pos != std::string_view::npos && pos < text.size()) {
    size_t end = std::min(text.find('\n', pos + 1), text.size());
    if (auto row = ParseRow(text.substr(pos + 1, end - pos - 1), family)) rows.push_back(*row);
    pos = end;
  }
  return rows;
}

namespace {

// "dnsmasq" for /usr/sbin/dnsmasq; "" when the process is gone or a kernel thread.
std::string ProgramOf(int pid) {
  std::optional<Process> p = ReadProcess(pid);
  if (!p || p->exe.empty()) return "";
  return p->exe.substr(p->exe.rfind('/') + 1);
}

}  // namespace

Result<std::vector<Listener>> ReadListeners(const std::vector<uint16_t>& ports) {
  std::vector<Listener> listeners;
  std::vector<uint64_t> inodes;  // parallel to listeners
  for (const Table& table : kTables) VNET_TRY(CollectTable(table, ports, listeners, inodes));
  // Inode 0 is a socket whose owner already closed it: nobody holds it.
  std::set<uint64_t> wanted(inodes.begin(), inodes.end());
  wanted.erase(0);
  std::map<uint64_t, std::vector<int>> pids = PidsHoldingSockets(wanted);
  for (size_t i = 0; i < listeners.size(); ++i) {
    if (auto it = pids.find(inodes[i]); it != pids.end()) listeners[i].pids = it->second;
    for (int pid : listeners[i].pids) listeners[i].programs.push_back(ProgramOf(pid));
  }
  return listeners;
}

}  // namespace vnet::live
