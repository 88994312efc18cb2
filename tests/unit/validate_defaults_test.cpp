#include <doctest/doctest.h>

#include <set>

#include "tests/unit/validate_test_util.h"

using namespace vnet;           // NOLINT
using namespace vnet::testing;  // NOLINT

namespace {

auto TakenSet(std::set<std::string> names) {
  return [names = std::move(names)](const std::string& n) { return names.count(n) > 0; };
}

}  // namespace

TEST_CASE("defaults: uuid, bridge name and MAC for a managed-bridge network") {
  Network net = NatNetwork();
  net.bridge.reset();
  REQUIRE(FillDefinitionDefaults(net, TakenSet({"virbr0", "virbr1"})).ok());
  REQUIRE(net.uuid.has_value());
  CHECK((net.uuid->bytes[6] >> 4) == 4);
  REQUIRE(net.bridge.has_value());
  CHECK(net.bridge->name == "virbr2");
  CHECK_FALSE(net.bridge->stp.has_value());  // the formatter writes the defaults
  CHECK_FALSE(net.bridge->delay.has_value());
  REQUIRE(net.mac.has_value());
  CHECK(net.mac->ToString().rfind("52:54:00:", 0) == 0);
}

TEST_CASE("defaults keep what is given") {
  Network net = NatNetwork();
  net.uuid = Uuid::Parse("c7a5fdbd-edaf-9455-926a-d65c16db1809");
  net.mac = Mac("52:54:00:aa:bb:cc");
  net.bridge->name = "mybr";
  REQUIRE(FillDefinitionDefaults(net, TakenSet({"mybr"})).ok());
  CHECK(net.uuid->ToString() == "c7a5fdbd-edaf-9455-926a-d65c16db1809");
  CHECK(net.mac->ToString() == "52:54:00:aa:bb:cc");
  CHECK(net.bridge->name == "mybr");
}

TEST_CASE("defaults expand a %d template") {
  Network net = NatNetwork();
  net.bridge->name = "lab%dbr";
  REQUIRE(FillDefinitionDefaults(net, TakenSet({"lab0br"})).ok());
  CHECK(net.bridge->name == "lab1br");
  net.bridge->name = "x%d%d";  // not a usable template: libvirt falls back to virbr%d
  REQUIRE(FillDefinitionDefaults(net, TakenSet({})).ok());
  CHECK(net.bridge->name == "virbr0");
}

TEST_CASE("defaults fail when every bridge name is taken") {
  Network net = NatNetwork();
  net.bridge.reset();
  Status s = FillDefinitionDefaults(net, [](const std::string&) { return true; });
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message == "internal error: Bridge generation exceeded max id 256");
}

TEST_CASE("defaults: no bridge or MAC outside managed-bridge modes") {
  Network net = ModeNetwork(ForwardMode::kPassthrough, "pt");
  REQUIRE(FillDefinitionDefaults(net, TakenSet({})).ok());
  CHECK(net.uuid.has_value());
  CHECK_FALSE(net.bridge.has_value());
  CHECK_FALSE(net.mac.has_value());
}

TEST_CASE("random MACs and uuids differ") {
  Network a = NatNetwork(), b = NatNetwork();
  REQUIRE(FillDefinitionDefaults(a, TakenSet({})).ok());
  REQUIRE(FillDefinitionDefaults(b, TakenSet({})).ok());
  CHECK(a.uuid != b.uuid);
  CHECK(a.mac != b.mac);
}
