#include "backends/ifupdown/eni.h"

#include <cstdio>

namespace vnet::ifupdown {

namespace {

constexpr int kIndent = 4;

bool IsNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == ':' || c == '+' || c == '@' || c == '-';
}

bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool AllOf(const std::string& s, bool (*pred)(char)) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return !s.empty();
}

// Printable ASCII except backslash, and no blank at either end (ifupdown
// strips those, so the value would not round-trip).
bool IsSafeText(const std::string& s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7e || c == '\\') return false;
  }
  return s.empty() || (s.front() != ' ' && s.back() != ' ');
}

Error Refuse(const std::string& what, const std::string& text, const std::string& why) {
  return MakeError(ErrorKind::kInvalidInput, "cannot write " + what + " " + QuoteForMessage(text) +
                                                 " to an ifupdown file: " + why);
}

Status CheckOption(const EniOption& opt) {
  if (!AllOf(opt.key, IsKeyChar)) return Refuse("option", opt.key, "only [a-z0-9_-] is allowed");
  if (opt.value.empty() || !IsSafeText(opt.value)) {
    return Refuse(
        "value of option '" + opt.key + "'", opt.value,
        "it is empty, has a control character or backslash, or starts or ends with a blank");
  }
  return OkStatus();
}

Result<std::string> SerializeStanza(const EniStanza& stanza) {
  VNET_TRY(CheckEniIfaceName(stanza.iface));
  std::string out = "iface " + stanza.iface + " " + stanza.family + " " + stanza.method + "\n";
  for (const EniOption& opt : stanza.options) {
    VNET_TRY(CheckOption(opt));
    out += std::string(kIndent, ' ') + opt.key + " " + opt.value + "\n";
  }
  return out;
}

}  // namespace

Status CheckEniIfaceName(const std::string& name) {
  if (AllOf(name, IsNameChar)) return OkStatus();
  return Refuse("interface name", name, "only [A-Za-z0-9_.:+@-] is allowed");
}

std::string QuoteForMessage(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x",
                    static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "'";
}

Result<std::string> SerializeEni(const EniFile& file) {
  std::string out;
  for (const std::string& comment : file.comments) {
    if (!IsSafeText(comment))
      return Refuse("comment", comment, "it has a control character or backslash");
    out += comment.empty() ? "#\n" : "# " + comment + "\n";
  }
  for (const std::string& iface : file.auto_ifaces) {
    VNET_TRY(CheckEniIfaceName(iface));
    out += "auto " + iface + "\n";
  }
  for (const EniStanza& stanza : file.stanzas) {
    VNET_ASSIGN_OR_RETURN(std::string text, SerializeStanza(stanza));
    out += text;
  }
  return out;
}

}  // namespace vnet::ifupdown
