// A tiny YAML document model for netplan files: ordered mappings, sequences
// and scalars, serialized once in block style. Strings that come from the
// network definition are always double-quoted; only fixed tokens, numbers and
// booleans are written plain.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace vnet {

class YamlNode {
 public:
  enum class Kind { kPlain, kQuoted, kSequence, kMapping };

  /// A plain scalar: numbers, true/false, schema tokens ([A-Za-z0-9._-]+).
  static YamlNode Plain(std::string text);
  /// A double-quoted scalar for data: addresses, names.
  static YamlNode Quoted(std::string text);
  static YamlNode Sequence();
  static YamlNode Mapping();

  /// Appends to a sequence; returns the new item.
  YamlNode& Append(YamlNode item);
  /// Appends key: value to a mapping (keys keep insertion order); returns the
  /// value. `quote_key` for keys that come from data (a bridge name).
  YamlNode& Set(std::string key, YamlNode value, bool quote_key = false);

  Kind kind() const { return kind_; }
  const std::string& text() const { return text_; }
  const std::vector<YamlNode>& items() const { return items_; }
  struct Entry;
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  Kind kind_ = Kind::kPlain;
  std::string text_;
  std::vector<YamlNode> items_;
  std::vector<Entry> entries_;
};

struct YamlNode::Entry {
  std::string key;
  bool quote_key = false;
  YamlNode value;
};

/// "# COMMENT" lines, then `root` (a mapping) in block style with two-space
/// indentation. Refuses (kInvalidInput) a plain scalar or key outside
/// [A-Za-z0-9._-], and any quoted text or comment holding a control or
/// non-ASCII character (YAML treats NEL, LS and PS as line breaks).
Result<std::string> SerializeYaml(const YamlNode& root, const std::vector<std::string>& comments);

}  // namespace vnet
