#include "core/validate/rules.h"

namespace vnet::validate {

std::string Subst(std::string_view tmpl, std::initializer_list<std::string_view> args) {
  std::string out;
  auto next = args.begin();
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '%' && i + 1 < tmpl.size() && tmpl[i + 1] == 's' && next != args.end()) {
      out += *next++;
      ++i;
    } else {
      out += tmpl[i];
    }
  }
  return out;
}

void Report(Errors& errs, Code code, std::string_view message, const SourceLoc& where,
            std::string_view attr) {
  SourceLoc loc = where;
  // <forward dev='...'> stands for an <interface> whose location already
  // names the attribute (/network/forward/@dev).
  const std::string suffix = "/@" + std::string(attr);
  if (!attr.empty() && !loc.path.empty() && !loc.path.ends_with(suffix)) loc.path += suffix;
  errs.push_back(LibvirtError(code, message, std::move(loc)));
}

bool HasBandwidth(const std::optional<Bandwidth>& bw) {
  return bw && (bw->inbound || bw->outbound);
}

bool BandwidthAllowed(const Network& net) {
  return net.HasManagedBridge() ||
         (net.Mode() == ForwardMode::kBridge && !net.BridgeName().empty());
}

std::string ModeName(const Network& net) { return std::string(ForwardModeName(net.Mode())); }

}  // namespace vnet::validate
