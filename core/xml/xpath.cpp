#include "core/xml/xpath.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include <memory>

#include "core/xml/libxml_ptr.h"

namespace vnet::xml {

namespace {

// The first error libxml2 raises while the expression is compiled, kept
// instead of printed.
void Keep(void* data, xmlError* error) {
  auto* message = static_cast<std::string*>(data);
  if (message->empty() && error && error->message) {
    *message = error->message;
    while (!message->empty() && message->back() == '\n') message->pop_back();
  }
}

// virXMLNodeToString: xmlNodeDump of `node` with libxml2's indentation.
std::string Dump(xmlDoc* doc, xmlNode* node) {
  LibxmlPtr<xmlBuffer, xmlBufferFree> buf(xmlBufferCreate());
  xmlNodeDump(buf.get(), doc, node, 0, 1);
  return reinterpret_cast<const char*>(xmlBufferContent(buf.get()));
}

}  // namespace

XPathOutput SelectXPath(std::string_view xml, const std::string& expr, bool wrap) {
  XPathOutput out;
  // As virsh: blank text dropped, so that each node is indented afresh.
  LibxmlPtr<xmlDoc, xmlFreeDoc> doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()),
                                                  "network.xml", nullptr,
                                                  XML_PARSE_NOBLANKS | XML_PARSE_NONET));
  if (!doc) {
    out.kind = XPathOutput::Kind::kInvalid;
    out.message = "cannot re-read the definition";
    return out;
  }
  LibxmlPtr<xmlXPathContext, xmlXPathFreeContext> ctxt(xmlXPathNewContext(doc.get()));
  std::string message;
  xmlStructuredErrorFunc old = xmlStructuredError;
  void* old_ctx = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc(&message, Keep);
  LibxmlPtr<xmlXPathObject, xmlXPathFreeObject> obj(
      xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expr.c_str()), ctxt.get()));
  xmlSetStructuredErrorFunc(old_ctx, old);
  if (!obj) {
    // virsh goes on with an empty node set (with --wrap, "<nodes/>").
    out.kind = XPathOutput::Kind::kInvalid;
    out.message = message.empty() ? "Invalid expression" : message;
  } else if (obj->type != XPATH_NODESET) {
    out.kind = XPathOutput::Kind::kNotNodeSet;
    return out;
  }
  xmlNodeSet* set = obj ? obj->nodesetval : nullptr;
  const int n = set ? set->nodeNr : 0;
  if (!wrap) {
    for (int i = 0; i < n; ++i) out.text += Dump(doc.get(), set->nodeTab[i]) + "\n";
    return out;
  }
  LibxmlPtr<xmlDoc, xmlFreeDoc> wrapped(xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0")));
  xmlNode* root = xmlNewNode(nullptr, reinterpret_cast<const xmlChar*>("nodes"));
  xmlDocSetRootElement(wrapped.get(), root);
  for (int i = 0; i < n; ++i) {
    xmlNode* copy = xmlDocCopyNode(set->nodeTab[i], wrapped.get(), 1);
    if (copy && !xmlAddChild(root, copy)) xmlFreeNode(copy);
  }
  out.text = Dump(doc.get(), root) + "\n";
  return out;
}

}  // namespace vnet::xml
