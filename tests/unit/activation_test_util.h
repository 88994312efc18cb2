// Networks and helpers for the activation tests (tests/unit/activation_*).
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "backends/backend.h"
#include "core/xml/parse.h"

namespace vnet::activation_test {

/// libvirt's default network (tests/golden/default/input.xml).
inline constexpr const char* kDefaultXml = R"(<network>
  <name>default</name>
  <uuid>9a05da11-e96b-47f3-8253-a3a482e445f5</uuid>
  <forward mode='nat'/>
  <bridge name='virbr0' stp='on' delay='0'/>
  <mac address='52:54:00:0a:cd:21'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp>
  </ip>
</network>)";

/// forward mode='bridge' onto a bridge the host already has: no files.
inline constexpr const char* kHostBridgeXml = R"(<network>
  <name>host-bridge</name>
  <forward mode='bridge'/>
  <bridge name='br0'/>
</network>)";

inline Network Parse(const char* xml) {
  Result<Network> net = xml::ParseNetwork(xml, "net.xml");
  REQUIRE(net.ok());
  return net.value();
}

inline ActivationCommand Cmd(std::vector<std::string> argv, bool may_fail = false) {
  return {std::move(argv), may_fail};
}

/// A typed host action (core/exec/host_action.h) and its command-line equivalent.
inline ActivationCommand Builtin(std::vector<std::string> argv, HostAction action,
                                 bool may_fail = false) {
  return {std::move(argv), may_fail, std::move(action)};
}

/// Whether Render(net, placement) writes a file at `path`.
inline bool Renders(const Backend& backend, const Network& net, Placement placement,
                    const std::string& path) {
  Caps caps;
  caps.placement = placement;
  Result<Rendering> r = backend.Render(net, caps);
  REQUIRE(r.ok());
  for (const RenderedFile& f : r.value().files) {
    if (f.path == path) return true;
  }
  return false;
}

}  // namespace vnet::activation_test
