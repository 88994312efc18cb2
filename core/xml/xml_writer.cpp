#include "core/xml/xml_writer.h"

namespace vnet::xml {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
          out += c;
        }
    }
  }
  return out;
}

std::string AttrText(std::string_view name, std::string_view value) {
  std::string out = " ";
  out += name;
  out += "='";
  out += Escape(value);
  out += "'";
  return out;
}

void XmlWriter::Line(std::string_view text) {
  out_.append(static_cast<size_t>(indent_), ' ');
  out_ += text;
  out_ += '\n';
}

}  // namespace vnet::xml
