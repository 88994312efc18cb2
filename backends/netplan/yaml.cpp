#include "backends/netplan/yaml.h"

#include <algorithm>

namespace vnet {

namespace {

bool IsPlainChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

bool IsPrintableAscii(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x20 && u < 0x7f;
}

Result<std::string> PlainText(const std::string& s) {
  if (s.empty() || !std::all_of(s.begin(), s.end(), IsPlainChar)) {
    return MakeError(ErrorKind::kInvalidInput,
                     "cannot write a netplan value: '" + s + "' is not a plain YAML token");
  }
  return s;
}

Result<std::string> QuotedText(const std::string& s) {
  if (!std::all_of(s.begin(), s.end(), IsPrintableAscii)) {
    return MakeError(ErrorKind::kInvalidInput,
                     "cannot write a netplan value: it contains a control or non-ASCII character");
  }
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

Result<std::string> ScalarText(const YamlNode& n) {
  return n.kind() == YamlNode::Kind::kQuoted ? QuotedText(n.text()) : PlainText(n.text());
}

bool IsScalar(const YamlNode& n) {
  return n.kind() == YamlNode::Kind::kPlain || n.kind() == YamlNode::Kind::kQuoted;
}

bool IsEmptyCollection(const YamlNode& n) { return n.items().empty() && n.entries().empty(); }

Status EmitNode(const YamlNode& n, int indent, std::string& out);

// The text after "key:" or "-": " value" for scalars and empty collections,
// else a newline and the nested block.
Status EmitAfterColon(const YamlNode& v, int indent, std::string& out) {
  if (IsScalar(v)) {
    VNET_ASSIGN_OR_RETURN(std::string text, ScalarText(v));
    out += " " + text + "\n";
    return OkStatus();
  }
  if (IsEmptyCollection(v)) {
    out += v.kind() == YamlNode::Kind::kSequence ? " []\n" : " {}\n";
    return OkStatus();
  }
  out += "\n";
  return EmitNode(v, indent + 2, out);
}

Status EmitMapping(const YamlNode& n, int indent, std::string& out, bool first_inline) {
  bool first = true;
  for (const YamlNode::Entry& e : n.entries()) {
    if (!(first && first_inline)) out += std::string(indent, ' ');
    first = false;
    VNET_ASSIGN_OR_RETURN(std::string key, e.quote_key ? QuotedText(e.key) : PlainText(e.key));
    out += key + ":";
    VNET_TRY(EmitAfterColon(e.value, indent, out));
  }
  return OkStatus();
}

Status EmitSequence(const YamlNode& n, int indent, std::string& out) {
  for (const YamlNode& item : n.items()) {
    out += std::string(indent, ' ') + "-";
    if (item.kind() == YamlNode::Kind::kMapping && !IsEmptyCollection(item)) {
      out += " ";
      VNET_TRY(EmitMapping(item, indent + 2, out, /*first_inline=*/true));
    } else {
      VNET_TRY(EmitAfterColon(item, indent, out));
    }
  }
  return OkStatus();
}

Status EmitNode(const YamlNode& n, int indent, std::string& out) {
  if (n.kind() == YamlNode::Kind::kMapping) return EmitMapping(n, indent, out, false);
  return EmitSequence(n, indent, out);
}

}  // namespace

YamlNode YamlNode::Plain(std::string text) {
  YamlNode n;
  n.text_ = std::move(text);
  return n;
}

YamlNode YamlNode::Quoted(std::string text) {
  YamlNode n;
  n.kind_ = Kind::kQuoted;
  n.text_ = std::move(text);
  return n;
}

YamlNode YamlNode::Sequence() {
  YamlNode n;
  n.kind_ = Kind::kSequence;
  return n;
}

YamlNode YamlNode::Mapping() {
  YamlNode n;
  n.kind_ = Kind::kMapping;
  return n;
}

YamlNode& YamlNode::Append(YamlNode item) {
  items_.push_back(std::move(item));
  return items_.back();
}

YamlNode& YamlNode::Set(std::string key, YamlNode value, bool quote_key) {
  entries_.push_back(Entry{std::move(key), quote_key, std::move(value)});
  return entries_.back().value;
}

Result<std::string> SerializeYaml(const YamlNode& root, const std::vector<std::string>& comments) {
  std::string out;
  for (const std::string& c : comments) {
    if (!std::all_of(c.begin(), c.end(), IsPrintableAscii)) {
      return MakeError(ErrorKind::kInvalidInput,
                       "cannot write a netplan comment: it contains a control or non-ASCII "
                       "character");
    }
    out += "# " + c + "\n";
  }
  if (root.kind() != YamlNode::Kind::kMapping) {
    return MakeError(ErrorKind::kInvalidInput, "a netplan document must be a mapping");
  }
  VNET_TRY(EmitNode(root, 0, out));
  return out;
}

}  // namespace vnet
