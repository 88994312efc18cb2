// libFuzzer: the network XML parser. Anything may come in; nothing may crash.
// A document that parses and validates is what `define` stores, formatted as
// define formats it. That stored text must parse and validate again, or the
// store would hold a definition it cannot read back.
//
// It need not come back byte for byte, because libvirt's does not: libvirtd
// 9.0 saves a <bandwidth> whose rates are all zero as an empty element (and
// prints it until its next restart); re-reading its own saved file drops it
// (tests/conformance/vnetctl/reload/ holds both of libvirt's outputs). vnetctl
// stores what libvirt saves and prints what libvirt prints after the re-read.
// So the invariant is: the re-read differs from the stored text only by what
// libvirt's re-read drops, and from then on format -> parse -> format is
// stable.
#include <cstddef>
#include <cstdint>
#include <regex>
#include <string>

#include "core/validate/validate.h"
#include "core/xml/format.h"
#include "core/xml/parse.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

// What libvirt's parser drops when it re-reads a saved definition: a
// <bandwidth> element with nothing in it, at any depth.
std::string WhatLibvirtRereads(const std::string& saved) {
  static const std::regex kEmptyBandwidth("\\n *<bandwidth>\\n *</bandwidth>");
  return std::regex_replace(saved, kEmptyBandwidth, "");
}

}  // namespace

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
  FUZZ_CHECK(twice == WhatLibvirtRereads(once),
             "re-reading a stored definition changed more than libvirt's re-read does",
             once + "\n" + twice);
  auto thrice = vnet::xml::ParseNetwork(twice, "reread.xml");
  FUZZ_CHECK(thrice.ok(), "a re-read definition does not parse back", twice);
  FUZZ_CHECK(vnet::xml::FormatNetwork(*thrice, inactive) == twice,
             "format -> parse -> format of a re-read definition is not stable", twice);
  return 0;
}
