#include "core/live/host_state.h"

#include <algorithm>

namespace vnet::live {

const Link* HostState::FindLink(const std::string& name) const {
  auto it =
      std::find_if(links.begin(), links.end(), [&](const Link& link) { return link.name == name; });
  return it == links.end() ? nullptr : &*it;
}

}  // namespace vnet::live
