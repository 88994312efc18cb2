// Internal to core/xml: the per-section formatters behind FormatNetwork,
// each a transcription of the libvirt function named beside it.
#pragma once

#include "core/model/network.h"
#include "core/xml/xml_writer.h"

namespace vnet::xml {

// format_forward.cpp
void FormatForward(XmlWriter& w, const Forward& fwd, bool inactive);  // in virNetworkDefFormatBuf
void FormatBridge(XmlWriter& w, const Network& net);

// format_dns.cpp
void FormatDns(XmlWriter& w, const Dns& dns);  // virNetworkDNSDefFormat

// format_ip.cpp
void FormatIp(XmlWriter& w, const Ip& ip);           // virNetworkIPDefFormat
void FormatRoute(XmlWriter& w, const Route& route);  // virNetDevIPRouteFormat

// format_port_profile.cpp
void FormatVlan(XmlWriter& w, const Vlan& vlan);              // virNetDevVlanFormat
void FormatBandwidth(XmlWriter& w, const Bandwidth& bw);      // virNetDevBandwidthFormat
void FormatVirtualPort(XmlWriter& w, const VirtualPort& vp);  // virNetDevVPortProfileFormat
void FormatPortgroupTo(XmlWriter& w, const Portgroup& pg);    // virPortGroupDefFormat

inline const char* YesNo(bool value) { return value ? "yes" : "no"; }

}  // namespace vnet::xml
