// A tiny model of an interfaces(5) file (ifupdown's "ENI" format): an
// optional comment header, `auto` lines and iface stanzas with ordered
// options. Serialized once, so every value passes the same checks.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace vnet::ifupdown {

struct EniOption {
  std::string key;    // e.g. "address", "bridge_stp", "post-up"
  std::string value;  // the rest of the line
};

struct EniStanza {
  std::string iface;   // interface name
  std::string family;  // "inet" / "inet6"
  std::string method;  // "static" / "manual"
  std::vector<EniOption> options;
};

struct EniFile {
  std::vector<std::string> comments;  // written as "# TEXT" lines before everything else
  std::vector<std::string> auto_ifaces;
  std::vector<EniStanza> stanzas;
};

/// The file's text. Refuses (kInvalidInput) an interface name outside
/// [A-Za-z0-9_.:+@-], an option key outside [a-z0-9_-], and any comment or
/// value that is empty (values only), has a control character, a backslash
/// (line continuation) or leading/trailing blanks: each would change the
/// meaning of the file rather than just its content.
Result<std::string> SerializeEni(const EniFile& file);

/// OkStatus if `name` can be written as an interface name (see SerializeEni).
Status CheckEniIfaceName(const std::string& name);

/// `text` with control characters and backslashes escaped C-style, in single
/// quotes, for error messages.
std::string QuoteForMessage(const std::string& text);

}  // namespace vnet::ifupdown
