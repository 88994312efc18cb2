// Internal to core/xml: a libxml2 document behind RAII, the safety checks
// done before and after parsing, and small node helpers (attributes, child
// lists, element paths, source locations).
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace vnet::xml {

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

/// Parses `text` with no network, no DTD loading and no entity expansion.
/// Refuses oversized input, NUL bytes, DOCTYPEs and entities. Syntax errors
/// become "XML error: <libxml2 message>" at the line libxml2 reports.
Result<DocPtr> ParseDocument(std::string_view text, const std::string& source);

/// The root element; ParseDocument guarantees there is one.
xmlNode* Root(const DocPtr& doc);

/// The element's local name.
std::string_view Name(const xmlNode* node);
/// Attribute value, or nullopt when absent (namespace-less attributes only).
std::optional<std::string> Prop(const xmlNode* node, const char* name);
/// Element children named `name` (no namespace), in document order.
std::vector<xmlNode*> Children(const xmlNode* node, std::string_view name);
/// First element child named `name`, or nullptr.
xmlNode* Child(const xmlNode* node, std::string_view name);
/// Text content of the element (all descendant text).
std::string Content(const xmlNode* node);

/// XPath-like path: /network/ip[1]/dhcp/host[2]. Elements that may repeat
/// always carry their 1-based index among same-named siblings.
std::string ElementPath(const xmlNode* node);
/// file, line and path of `node`; `attr` adds "/@attr" to the path.
SourceLoc LocOf(const std::string& source, const xmlNode* node, std::string_view attr = {});

}  // namespace vnet::xml
