// libFuzzer: the network XML parser. Anything may come in; nothing may crash.
// A document that parses and validates is what `define` stores: formatted (as
// define formats it) it must parse again to the same document, or the store
// would hold a definition it cannot read back.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/validate/validate.h"
#include "core/xml/format.h"
#include "core/xml/parse.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto net = vnet::xml::ParseNetwork(text, "fuzz.xml");
  if (!net.ok()) return 0;
  if (!vnet::ValidateNetwork(*net).empty()) return 0;
  vnet::Network stored = std::move(net).value();
  if (!vnet::FillDefinitionDefaults(stored, [](const std::string&) { return false; }).ok()) {
    return 0;
  }
  vnet::xml::FormatOptions inactive;
  inactive.inactive = true;
  const std::string once = vnet::xml::FormatNetwork(stored, inactive);
  auto again = vnet::xml::ParseNetwork(once, "stored.xml");
  FUZZ_CHECK(again.ok(), "a stored definition does not parse back", once);
  FUZZ_CHECK(vnet::ValidateNetwork(*again).empty(), "a stored definition no longer validates",
             once);
  const std::string twice = vnet::xml::FormatNetwork(*again, inactive);
  FUZZ_CHECK(twice == once, "format -> parse -> format changed the document", once + "\n" + twice);
  return 0;
}
