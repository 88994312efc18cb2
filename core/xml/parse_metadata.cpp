#include "core/xml/parse_metadata.h"

#include <libxml/globals.h>

#include <memory>

#include "core/xml/libxml_ptr.h"

namespace vnet::xml {

namespace {

bool HasNamespace(const xmlNode* node, const char* href) {
  return node->ns != nullptr && node->ns->href != nullptr &&
         xmlStrEqual(node->ns->href, reinterpret_cast<const xmlChar*>(href));
}

bool IsBlankText(const xmlNode* node) {
  return node->type == XML_TEXT_NODE && xmlIsBlankNode(node) == 1;
}

bool HasElementChild(const xmlNode* node) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) return true;
  }
  return false;
}

void Unlink(xmlNode* node) {
  xmlUnlinkNode(node);
  xmlFreeNode(node);
}

// libvirt parses with blanks dropped between elements, so that libxml2 can
// re-indent on output; do the same on our copy.
void DropBlankText(xmlNode* node) {
  const bool element_content = HasElementChild(node);
  for (xmlNode* c = node->children; c != nullptr;) {
    xmlNode* next = c->next;
    if (element_content && IsBlankText(c)) {
      Unlink(c);
    } else if (c->type == XML_ELEMENT_NODE) {
      DropBlankText(c);
    }
    c = next;
  }
}

// libvirt's virXMLNodeSanitizeNamespaces.
void SanitizeNamespaces(xmlNode* node) {
  for (xmlNode* child = node->children; child != nullptr;) {
    if (child->ns == nullptr || child->ns->href == nullptr) {
      xmlNode* dupl = child;
      child = child->next;
      Unlink(dupl);
      continue;
    }
    for (xmlNode* next = child->next; next != nullptr;) {
      xmlNode* after = next->next;
      if (next->ns != nullptr && xmlStrEqual(child->ns->href, next->ns->href)) Unlink(next);
      next = after;
    }
    child = child->next;
  }
}

std::string Dump(xmlNode* node) {
  LibxmlPtr<xmlBuffer, xmlBufferFree> buf(xmlBufferCreate());
  const int old_indent = xmlIndentTreeOutput;
  xmlIndentTreeOutput = 1;
  xmlNodeDump(buf.get(), node->doc, node, 1, 1);
  xmlIndentTreeOutput = old_indent;
  return reinterpret_cast<const char*>(xmlBufferContent(buf.get()));
}

// The text between the start tag and the end tag of a dumped element.
std::string InnerText(const std::string& dump) {
  const size_t open_end = dump.find('>');
  if (open_end == std::string::npos || dump[open_end - 1] == '/') return {};
  const size_t close = dump.rfind("</");
  if (close == std::string::npos || close < open_end) return {};
  return dump.substr(open_end + 1, close - open_end - 1);
}

}  // namespace

std::optional<std::string> ExtractMetadata(const xmlNode* root) {
  const xmlNode* node = Child(root, "metadata");
  if (node == nullptr) return std::nullopt;
  // libvirt keeps an empty <metadata/> (also one whose children were all
  // dropped below), and formats it again: so must vnetctl, or a stored
  // definition would change each time it is read and written back.
  if (!HasElementChild(node)) return std::string();
  LibxmlPtr<xmlNode, xmlFreeNode> copy(xmlCopyNode(const_cast<xmlNode*>(node), 1));
  if (!copy) return std::nullopt;
  DropBlankText(copy.get());
  SanitizeNamespaces(copy.get());
  return InnerText(Dump(copy.get()));
}

Result<std::vector<std::string>> ParseDnsmasqOptions(const ParseCtx& ctx, const xmlNode* root) {
  std::vector<std::string> options;
  for (const xmlNode* group = root->children; group != nullptr; group = group->next) {
    if (group->type != XML_ELEMENT_NODE || Name(group) != "options" ||
        !HasNamespace(group, kDnsmasqNamespace)) {
      continue;
    }
    for (const xmlNode* opt = group->children; opt != nullptr; opt = opt->next) {
      if (opt->type != XML_ELEMENT_NODE || Name(opt) != "option" ||
          !HasNamespace(opt, kDnsmasqNamespace)) {
        continue;
      }
      std::optional<std::string> value = Prop(opt, "value");
      if (!value) {
        return ctx.Fail(opt, "value",
                        std::string(kInternalError) + "No dnsmasq options value specified");
      }
      options.push_back(*value);
    }
  }
  return options;
}

}  // namespace vnet::xml
