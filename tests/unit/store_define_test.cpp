// The define pipeline and the built-in default network, with the real parser,
// formatter and validator.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/store/default_network.h"
#include "core/store/define_network.h"
#include "core/xml/parse.h"
#include "tests/unit/store_test_util.h"

namespace vnet {
namespace {

using testing::Slurp;
using testing::TempRoot;

constexpr const char* kUuid1 = "0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b5c";

Store OpenRealStore(const TempRoot& root) {
  StoreOptions opts;
  opts.root = root.path();
  opts.parser = &xml::ParseNetwork;
  opts.seed = &DefaultDefinitions;
  auto store = Store::Open(opts);
  REQUIRE_MESSAGE(store.ok(), store.error().Format());
  return std::move(store).value();
}

Network Parse(const std::string& text) {
  auto net = xml::ParseNetwork(text, "test.xml");
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  return std::move(net).value();
}

std::string NatNetwork(const std::string& name, const std::string& extra) {
  return "<network>\n  <name>" + name + "</name>\n" + extra +
         "  <forward mode='nat'/>\n"
         "  <ip address='10.10.0.1' prefix='24'/>\n"
         "</network>\n";
}

TEST_CASE("the embedded default network is libvirt's default.xml byte for byte") {
  const std::string path = std::string(VNET_CONFORMANCE_DIR) + "/extra/default.xml";
  REQUIRE_MESSAGE(std::filesystem::exists(path), "missing " << path);
  CHECK(std::string(kDefaultNetworkXml) == Slurp(path));
}

TEST_CASE("a new store holds default with a generated uuid and MAC") {
  TempRoot root;
  Store store = OpenRealStore(root);
  auto net = store.LookupByName("default");
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  CHECK(net->persistent);
  CHECK_FALSE(net->active);
  CHECK_FALSE(net->autostart);
  CHECK(net->Bridge() == "virbr0");
  REQUIRE(net->config->mac);
  CHECK(net->config->mac->ToString().rfind("52:54:00:", 0) == 0);
  CHECK(net->config->Mode() == ForwardMode::kNat);
  CHECK(store.Warnings().empty());
}

TEST_CASE("define fills the lowest free bridge, skipping other networks' bridges") {
  TempRoot root;
  Store store = OpenRealStore(root);
  DefineResult result = DefineNetwork(store, Parse(NatNetwork("a", "")), {});
  REQUIRE_MESSAGE(result.errors.empty(), result.errors.front().Format());
  CHECK(result.network->BridgeName() == "virbr1");  // virbr0 belongs to default
  REQUIRE(result.network->uuid);
  CHECK(store.LookupByName("a")->Bridge() == "virbr1");

  DefineResult probed = DefineNetwork(store, Parse(NatNetwork("b", "")),
                                      [](const std::string& n) { return n == "virbr2"; });
  REQUIRE(probed.errors.empty());
  CHECK(probed.network->BridgeName() == "virbr3");
}

TEST_CASE("redefining without a uuid keeps the stored one") {
  TempRoot root;
  Store store = OpenRealStore(root);
  const std::string with_uuid = "  <uuid>" + std::string(kUuid1) + "</uuid>\n";
  REQUIRE(DefineNetwork(store, Parse(NatNetwork("a", with_uuid)), {}).errors.empty());
  DefineResult again = DefineNetwork(store, Parse(NatNetwork("a", "")), {});
  REQUIRE_MESSAGE(again.errors.empty(), again.errors.front().Format());
  CHECK(again.network->uuid->ToString() == kUuid1);
  CHECK(again.network->BridgeName() == "virbr1");  // its own bridge is not "taken"
}

TEST_CASE("an explicit bridge of another network is refused, nothing written") {
  TempRoot root;
  Store store = OpenRealStore(root);
  DefineResult result =
      DefineNetwork(store, Parse(NatNetwork("a", "  <bridge name='virbr0'/>\n")), {});
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].Format() ==
        "test.xml:3: internal error: bridge name 'virbr0' already in use. (/network/bridge)");
  CHECK(result.errors[0].kind == ErrorKind::kOperationInvalid);
  CHECK_FALSE(result.network);
  CHECK_FALSE(std::filesystem::exists(root.At("etc/vnetctl/networks/a.xml")));
}

TEST_CASE("every validation error is returned and nothing is written") {
  TempRoot root;
  Store store = OpenRealStore(root);
  const std::string text =
      "<network>\n"
      "  <name>bad</name>\n"
      "  <forward mode='nat'/>\n"
      "  <ip address='192.168.60.1' netmask='255.255.255.0'>\n"
      "    <dhcp>\n"
      "      <range start='192.168.70.2' end='192.168.70.254'/>\n"
      "    </dhcp>\n"
      "  </ip>\n"
      "  <route address='10.1.0.0' prefix='16' gateway='10.9.9.9'/>\n"
      "</network>\n";
  DefineResult result = DefineNetwork(store, Parse(text), {});
  REQUIRE(result.errors.size() >= 2);
  CHECK(result.errors[0].Format() ==
        "test.xml:6: internal error: range 192.168.70.2 - 192.168.70.254 is not entirely "
        "within network 192.168.60.1/24 (/network/ip[1]/dhcp/range[1])");
  CHECK_FALSE(std::filesystem::exists(root.At("etc/vnetctl/networks/bad.xml")));
}

TEST_CASE("a stored definition reads back to the same document") {
  TempRoot root;
  Store store = OpenRealStore(root);
  DefineResult result = DefineNetwork(store, Parse(NatNetwork("a", "")), {});
  REQUIRE(result.errors.empty());
  auto stored = store.LookupByName("a");
  REQUIRE(stored.ok());
  CHECK(MakeDefinition(*stored->config).xml == MakeDefinition(*result.network).xml);
  CHECK(Slurp(root.At("etc/vnetctl/networks/a.xml")) ==
        DefinitionFileContent("a", MakeDefinition(*result.network).xml));
}

}  // namespace
}  // namespace vnet
