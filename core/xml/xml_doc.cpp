#include "core/xml/xml_doc.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/xml/parse.h"

namespace vnet::xml {

namespace {

constexpr char kEntityMessage[] = "XML error: DOCTYPE and entity declarations are not allowed";

// Elements that may appear more than once under their parent; their paths
// always carry an index so that a path does not change when a sibling is added.
constexpr std::array<std::string_view, 16> kRepeatable = {
    "ip",  "route",     "portgroup", "range",    "host",   "forwarder", "txt",        "srv",
    "tag", "interface", "address",   "hostname", "option", "options",   "parameters", "pf"};

// Collects the first fatal error libxml2 reports while a parse runs (like
// libvirt, namespace warnings are not fatal), and keeps libxml2 from printing
// anything itself.
struct ErrorCollector {
  std::string message;
  int line = 0;
  bool seen = false;
};

void CollectError(void* data, xmlError* error) {
  auto* collector = static_cast<ErrorCollector*>(data);
  if (collector->seen || error == nullptr || error->level < XML_ERR_FATAL) return;
  collector->seen = true;
  collector->message = error->message ? error->message : "unknown error";
  while (!collector->message.empty() &&
         (collector->message.back() == '\n' || collector->message.back() == ' ')) {
    collector->message.pop_back();
  }
  // libxml2 puts details on a second line ("...indicate encoding !\nBytes:
  // 0xFF ..."); an error is one line.
  std::replace(collector->message.begin(), collector->message.end(), '\n', ' ');
  collector->line = error->line;
}

void IgnoreGenericError(void*, const char*, ...) {}

// Installs the collector for the current thread and restores the previous
// handlers when it goes out of scope.
class ScopedErrorHandler {
 public:
  explicit ScopedErrorHandler(ErrorCollector* collector)
      : old_structured_(xmlStructuredError),
        old_structured_ctx_(xmlStructuredErrorContext),
        old_generic_(xmlGenericError),
        old_generic_ctx_(xmlGenericErrorContext) {
    xmlSetStructuredErrorFunc(collector, CollectError);
    xmlSetGenericErrorFunc(nullptr, IgnoreGenericError);
  }
  ~ScopedErrorHandler() {
    xmlSetStructuredErrorFunc(old_structured_ctx_, old_structured_);
    xmlSetGenericErrorFunc(old_generic_ctx_, old_generic_);
  }
  ScopedErrorHandler(const ScopedErrorHandler&) = delete;
  ScopedErrorHandler& operator=(const ScopedErrorHandler&) = delete;

 private:
  xmlStructuredErrorFunc old_structured_;
  void* old_structured_ctx_;
  xmlGenericErrorFunc old_generic_;
  void* old_generic_ctx_;
};

Error InputError(const std::string& source, std::string message, int line = 0) {
  return MakeError(ErrorKind::kInvalidInput, std::move(message), SourceLoc{source, line, ""});
}

Status CheckRawInput(std::string_view text, const std::string& source) {
  if (text.size() > kMaxXmlBytes) {
    return InputError(source, "XML error: document is larger than the limit of " +
                                  std::to_string(kMaxXmlBytes) + " bytes");
  }
  // libxml2 gives up on an empty buffer without reporting why.
  if (text.empty()) return InputError(source, "XML error: Document is empty", 1);
  if (text.find('\0') != std::string_view::npos) {
    return InputError(source, "XML error: document contains a NUL byte");
  }
  // Refused before libxml2 sees them, so no entity is ever expanded.
  size_t at = std::min(text.find("<!DOCTYPE"), text.find("<!ENTITY"));
  if (at != std::string_view::npos) {
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    return InputError(source, kEntityMessage, line);
  }
  return OkStatus();
}

bool HasEntityNodes(const xmlNode* node) {
  for (; node != nullptr; node = node->next) {
    if (node->type == XML_ENTITY_REF_NODE || node->type == XML_ENTITY_DECL ||
        node->type == XML_DTD_NODE) {
      return true;
    }
    if (node->type == XML_ELEMENT_NODE && HasEntityNodes(node->children)) return true;
  }
  return false;
}

bool IsRepeatable(std::string_view name) {
  return std::find(kRepeatable.begin(), kRepeatable.end(), name) != kRepeatable.end();
}

// The index is cached in the node's _private field, which libxml2 leaves to
// applications: paths are built for every element in document order, and
// walking all previous siblings each time made a document with tens of
// thousands of <host> elements take minutes (quadratic).
int SiblingIndex(const xmlNode* node) {
  int index = 1;
  for (const xmlNode* n = node->prev; n != nullptr; n = n->prev) {
    if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, node->name)) continue;
    if (n->_private != nullptr) {
      index += static_cast<int>(reinterpret_cast<intptr_t>(n->_private));
      break;
    }
    ++index;
  }
  const_cast<xmlNode*>(node)->_private = reinterpret_cast<void*>(static_cast<intptr_t>(index));
  return index;
}

}  // namespace

Result<DocPtr> ParseDocument(std::string_view text, const std::string& source) {
  VNET_TRY(CheckRawInput(text, source));
  ErrorCollector collector;
  DocPtr doc;
  {
    ScopedErrorHandler handler(&collector);
    constexpr int kOptions =
        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
    doc.reset(
        xmlReadMemory(text.data(), static_cast<int>(text.size()), nullptr, nullptr, kOptions));
  }
  if (!doc || collector.seen) {
    std::string message = collector.seen ? collector.message : "failed to parse xml document";
    return InputError(source, "XML error: " + message, collector.line);
  }
  if (doc->intSubset != nullptr || doc->extSubset != nullptr || HasEntityNodes(doc->children)) {
    return InputError(source, kEntityMessage);
  }
  if (xmlDocGetRootElement(doc.get()) == nullptr) {
    return InputError(source, "internal error: missing root element");
  }
  return doc;
}

xmlNode* Root(const DocPtr& doc) { return xmlDocGetRootElement(doc.get()); }

std::string_view Name(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

std::optional<std::string> Prop(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return std::nullopt;
  std::string result(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return result;
}

std::vector<xmlNode*> Children(const xmlNode* node, std::string_view name) {
  std::vector<xmlNode*> result;
  for (xmlNode* n = node->children; n != nullptr; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && n->ns == nullptr && Name(n) == name) result.push_back(n);
  }
  return result;
}

xmlNode* Child(const xmlNode* node, std::string_view name) {
  for (xmlNode* n = node->children; n != nullptr; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && n->ns == nullptr && Name(n) == name) return n;
  }
  return nullptr;
}

std::string Content(const xmlNode* node) {
  xmlChar* value = xmlNodeGetContent(node);
  if (value == nullptr) return {};
  std::string result(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return result;
}

std::string ElementPath(const xmlNode* node) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return {};
  std::string step = "/";
  if (node->ns != nullptr && node->ns->prefix != nullptr) {
    step += reinterpret_cast<const char*>(node->ns->prefix);
    step += ':';
  }
  step += Name(node);
  const bool is_root = node->parent == nullptr || node->parent->type != XML_ELEMENT_NODE;
  if (!is_root && IsRepeatable(Name(node))) step += "[" + std::to_string(SiblingIndex(node)) + "]";
  return (is_root ? std::string() : ElementPath(node->parent)) + step;
}

SourceLoc LocOf(const std::string& source, const xmlNode* node, std::string_view attr) {
  std::string path = ElementPath(node);
  if (!attr.empty()) path += "/@" + std::string(attr);
  return SourceLoc{source, static_cast<int>(xmlGetLineNo(node)), std::move(path)};
}

}  // namespace vnet::xml
