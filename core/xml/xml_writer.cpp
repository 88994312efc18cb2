#include "core/xml/xml_writer.h"

#include <algorithm>

namespace vnet::xml {

namespace {

bool Plain(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 0x20 || c == '\t' || c == '\n' || c == '\r') && c != '<' && c != '>' && c != '&' &&
         c != '"' && c != '\'';
}

}  // namespace

std::string Escape(std::string_view text) {
  if (std::all_of(text.begin(), text.end(), Plain)) return std::string(text);
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

void XmlWriter::Line(std::string_view text, std::string_view tail) {
  out_.append(static_cast<size_t>(indent_), ' ');
  out_ += text;
  out_ += tail;
  out_ += '\n';
}

}  // namespace vnet::xml
