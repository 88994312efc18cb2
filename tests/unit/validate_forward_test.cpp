#include <doctest/doctest.h>

#include "tests/unit/validate_test_util.h"

using namespace vnet;           // NOLINT
using namespace vnet::testing;  // NOLINT

TEST_CASE("nat, route and open need an <ip>") {
  for (auto [mode, name] : {std::pair{ForwardMode::kNat, "nat"},
                            {ForwardMode::kRoute, "route"},
                            {ForwardMode::kOpen, "open"}}) {
    Network net = ModeNetwork(mode, "x");
    Error e = FirstError(net);
    CHECK(e.message == std::string("XML error: ") + name +
                           " forwarding requested, but no IP address provided for network 'x'");
    CHECK(e.where.path == "/network/forward");
  }
}

TEST_CASE("one forward interface for nat") {
  Network net = NatNetwork();
  net.forward->interfaces = {{"eth0", {}}, {"eth1", {}}};
  CHECK(First(net) ==
        "XML error: multiple forwarding interfaces specified for network 'default', only one is "
        "supported");
}

TEST_CASE("open network with forward dev (conformance: open-network-with-forward-dev)") {
  Network net = NatNetwork("open");
  net.forward->mode = ForwardMode::kOpen;
  net.forward->interfaces = {{"eth1", {}}};
  CHECK(First(net) ==
        "XML error: forward dev not allowed for network 'open' with forward mode='open'");
}

TEST_CASE("interface listed twice (conformance: passthrough-duplicate)") {
  Network net = ModeNetwork(ForwardMode::kPassthrough, "passthrough-duplicate");
  for (const char* dev : {"eth1", "eth2", "eth3", "eth4", "eth5", "eth3"}) {
    net.forward->interfaces.push_back(
        {dev, Loc("/network/forward/interface[" +
                      std::to_string(net.forward->interfaces.size() + 1) + "]",
                  5)});
  }
  Error e = FirstError(net);
  CHECK(e.message ==
        "XML error: interface 'eth3' can only be listed once in network passthrough-duplicate");
  CHECK(e.where.path == "/network/forward/interface[6]/@dev");
}

TEST_CASE("PCI device listed twice (conformance: hostdev-duplicate)") {
  Network net = ModeNetwork(ForwardMode::kHostdev, "hostdev");
  net.forward->addresses.push_back(PciAddress{0, 3, 0, 1, {}});
  net.forward->addresses.push_back(PciAddress{0, 3, 0, 3, {}});
  net.forward->addresses.push_back(PciAddress{0, 3, 0, 3, {}});
  CHECK(First(net) ==
        "XML error: PCI device '0000:03:00.3' can only be listed once in network hostdev");
}

TEST_CASE("PCI address outside hostdev mode (conformance: passthrough-address-crash)") {
  Network net = ModeNetwork(ForwardMode::kPassthrough, "passthrough_001");
  net.forward->addresses.push_back(PciAddress{0, 4, 0, 1, {}});
  CHECK(First(net) ==
        "unsupported configuration: network 'passthrough_001' has forward mode 'passthrough' but "
        "lists a device by PCI address in the device pool. This is only supported for networks "
        "with forward mode 'hostdev'");
}

TEST_CASE("hostdev pools list PCI addresses, not interfaces") {
  Network net = ModeNetwork(ForwardMode::kHostdev, "hd");
  net.forward->interfaces.push_back({"eth0", {}});
  CHECK(First(net) ==
        "unsupported configuration: hostdev network 'hd' lists 'eth0' in the device pool, but "
        "hostdev networks require all devices to be listed by PCI address, not network device "
        "name");
}

TEST_CASE("pf and interface pool are mutually exclusive") {
  Network net = ModeNetwork(ForwardMode::kPassthrough, "pt");
  net.forward->interfaces.push_back({"eth0", {}});
  net.forward->pf = ForwardInterface{"eth9", {}};
  CHECK(First(net) ==
        "unsupported configuration: <address>, <interface>, and <pf> elements of <forward> in "
        "network pt are mutually exclusive");
}

TEST_CASE("<nat> only in nat mode") {
  Network net = NatNetwork();
  net.forward->mode = ForwardMode::kRoute;
  net.forward->nat.emplace();
  CHECK(First(net) ==
        "XML error: The <nat> element can only be used when <forward> 'mode' is 'nat' in "
        "network default");
}

TEST_CASE("nat address range") {
  Network net = NatNetwork();
  net.forward->nat.emplace();
  net.forward->nat->address = NatAddressRange{Addr("10.0.0.5"), Addr("10.0.0.1"), {}};
  CHECK(First(net) == "internal error: range 10.0.0.5 - 10.0.0.1 is reversed ");
  net.forward->nat->address->end = Addr("10.1.0.1");
  CHECK(First(net) == "internal error: range 10.0.0.5 - 10.1.0.1 is too large (> 65535)");
  net.forward->nat->address->end.reset();
  CHECK(First(net) ==
        "XML error: missing 'end' attribute in <address> element in <nat> in <forward> in "
        "network default");
  net.forward->nat->address = NatAddressRange{Addr("2001:db8::1"), Addr("10.0.0.1"), {}};
  CHECK(First(net) ==
        "XML error: Bad ipv4 start address '2001:db8::1' in <nat> in <forward> in network "
        "'default'");
  net.forward->nat->address = NatAddressRange{Addr("10.0.0.1"), Addr("10.0.0.20"), {}};
  CHECK(First(net) == "");
}

TEST_CASE("nat port range") {
  Network net = NatNetwork();
  net.forward->nat.emplace();
  net.forward->nat->port = NatPortRange{70000, 70001, {}};
  CHECK(First(net) ==
        "Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network "
        "default");
  net.forward->nat->port = NatPortRange{2000, 1000, {}};
  CHECK(First(net) ==
        "Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network default");
  net.forward->nat->port = NatPortRange{1000, 2000, {}};
  CHECK(First(net) == "");
}
