#include "core/plan/companion.h"

namespace vnet::plan {

const std::vector<const Companion*>& Companions() {
  static const std::vector<const Companion*> kAll = {&PassagesCompanion(), &FirewalldCompanion(),
                                                     &NftablesCompanion(), &ForwardingCompanion(),
                                                     &DnsmasqCompanion()};
  return kAll;
}

void Append(Commands& to, Commands more) {
  for (ActivationCommand& c : more) to.push_back(std::move(c));
}

}  // namespace vnet::plan
