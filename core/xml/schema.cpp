#include "core/xml/schema.h"

#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include <memory>

#include "core/xml/libxml_ptr.h"
#include "core/xml/xml_doc.h"

namespace vnet::xml {

namespace {

struct Collected {
  std::vector<std::pair<std::string, int>> errors;  // message, line
};

void Collect(void* data, xmlError* error) {
  if (!error || !error->message) return;
  std::string message = error->message;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  static_cast<Collected*>(data)->errors.emplace_back(message, error->line);
}

}  // namespace

std::vector<Error> ValidateAgainstSchema(std::string_view text, const std::string& source,
                                         const std::string& schema) {
  Result<DocPtr> doc = ParseDocument(text, source);
  if (!doc.ok()) return {doc.error()};
  Collected schema_errors;
  LibxmlPtr<xmlRelaxNGParserCtxt, xmlRelaxNGFreeParserCtxt> parser(
      xmlRelaxNGNewParserCtxt(schema.c_str()));
  xmlRelaxNGSetParserStructuredErrors(parser.get(), Collect, &schema_errors);
  LibxmlPtr<xmlRelaxNG, xmlRelaxNGFree> rng(parser ? xmlRelaxNGParse(parser.get()) : nullptr);
  if (!rng) {
    return {
        MakeError(ErrorKind::kUnavailable, "--validate needs libvirt's schema " + schema +
                                               " (Debian package libvirt0), which cannot be read")};
  }
  Collected found;
  LibxmlPtr<xmlRelaxNGValidCtxt, xmlRelaxNGFreeValidCtxt> valid(xmlRelaxNGNewValidCtxt(rng.get()));
  xmlRelaxNGSetValidStructuredErrors(valid.get(), Collect, &found);
  if (xmlRelaxNGValidateDoc(valid.get(), doc->get()) == 0) return {};
  std::vector<Error> out;
  const std::string head =
      "XML document failed to validate against schema: Unable to validate "
      "doc against " +
      schema;
  for (const auto& [message, line] : found.errors) {
    Error e = MakeError(ErrorKind::kInvalidInput, head + ": " + message);
    e.where.file = source;
    e.where.line = line;
    out.push_back(std::move(e));
  }
  if (out.empty()) out.push_back(MakeError(ErrorKind::kInvalidInput, head));
  return out;
}

}  // namespace vnet::xml
