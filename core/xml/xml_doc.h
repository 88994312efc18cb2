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
#include "core/model/child_lines.h"

namespace vnet::xml {

/// Frees a document, and the arena its nodes came from (ParseDocument).
struct DocDeleter {
  void operator()(xmlDoc* doc) const;
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

/// Records where each element child of `node` (outside any namespace) starts.
void AddChildLines(const xmlNode* node, ChildLines& out);
/// Text content of the element (all descendant text).
std::string Content(const xmlNode* node);

/// Makes locating elements in document order cheap: remembers, per element
/// name, the last element whose sibling index was computed (so locating each
/// of N consecutive siblings -- a network's 10,000 <host> elements -- walks
/// back to the previous one, not to the first: O(N) for the document, not
/// O(N^2)), and the path of the last parent. Valid for one document only.
class ElementPathCache {
 public:
  /// 1-based index of `node` among its same-named element siblings.
  int IndexOf(const xmlNode* node);
  /// ElementPath(parent), computed once for consecutive children.
  const std::string& PathOf(const xmlNode* parent);

 private:
  struct Seen {
    const xmlNode* node;
    int index;
  };
  std::vector<Seen> last_;  // one per element name
  const xmlNode* parent_ = nullptr;
  std::string parent_path_;
};

/// XPath-like path: /network/ip[1]/dhcp/host[2]. Elements that may repeat
/// always carry their 1-based index among same-named siblings. `cache`
/// (optional) makes document-order calls cheap.
std::string ElementPath(const xmlNode* node, ElementPathCache* cache = nullptr);
/// file, line and path of `node`; `attr` adds "/@attr" to the path.
SourceLoc LocOf(const std::string& source, const xmlNode* node, std::string_view attr = {},
                ElementPathCache* cache = nullptr);

}  // namespace vnet::xml
