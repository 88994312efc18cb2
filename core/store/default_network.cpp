#include "core/store/default_network.h"

#include "core/store/define_network.h"
#include "core/validate/validate.h"
#include "core/xml/parse.h"

namespace vnet {

const std::string_view kDefaultNetworkXml = R"(<network>
  <name>default</name>
  <bridge name='virbr0'/>
  <forward/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
    </dhcp>
  </ip>
</network>
)";

Result<std::vector<Definition>> DefaultDefinitions() {
  VNET_ASSIGN_OR_RETURN(Network net, xml::ParseNetwork(kDefaultNetworkXml, "default.xml"));
  // The bridge name is explicit, so nothing is probed.
  VNET_TRY(FillDefinitionDefaults(net, [](const std::string&) { return false; }));
  return std::vector<Definition>{MakeDefinition(net)};
}

}  // namespace vnet
