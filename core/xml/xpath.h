// dumpxml --xpath EXPR [--wrap], as virsh 9.0's virshDumpXML: the printed
// definition re-read without blank text, the expression evaluated, and each
// node of the node set printed (libxml2's xmlNodeDump, indented) on its own,
// or with --wrap all of them copied under one <nodes> element (attributes
// become its attributes). Measured against virsh: a node set comes back in
// document order; an empty one prints nothing; an expression that is not a
// node set (string(), count()) is "internal error: Incorrect xpath 'EXPR'",
// exit 1; one libxml2 cannot parse prints libxml2's error and selects
// nothing (exit 0).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vnet::xml {

struct XPathOutput {
  enum class Kind { kNodes, kNotNodeSet, kInvalid };
  Kind kind = Kind::kNodes;
  /// kNodes and kInvalid (an empty set): each node and a newline, or with
  /// --wrap the <nodes> element.
  std::string text;
  std::string message;  // kInvalid: libxml2's error ("Invalid expression")
};

/// `xml` is a document vnetctl printed (well formed, its own output).
XPathOutput SelectXPath(std::string_view xml, const std::string& expr, bool wrap);

}  // namespace vnet::xml
