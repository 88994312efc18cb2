// A systemd unit-style INI file (systemd.syntax(7)) as data: ordered sections
// with ordered keys, serialized once. Sections may repeat ([Route]).
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace vnet {

struct IniEntry {
  std::string key;
  std::string value;
  SourceLoc origin;  // the XML element the value came from, for errors
};

struct IniSection {
  std::string name;
  std::vector<IniEntry> entries;

  void Put(std::string key, std::string value, SourceLoc origin = {});
};

struct IniFile {
  std::vector<std::string> header_comments;  // written as "# TEXT" lines before the first section
  std::vector<IniSection> sections;

  /// Appends a new section (a repeated name makes a second section).
  IniSection& AddSection(std::string name);
};

/// "[Section]\nKey=Value\n…" with one blank line between sections. Refuses
/// (kInvalidInput, at the entry's origin) any value that could change the
/// file's structure or meaning: control characters, whitespace, quotes and
/// backslashes (systemd unquotes and splits list values, and a trailing
/// backslash continues the line), and section or key names other than
/// [A-Za-z0-9].
Result<std::string> SerializeIni(const IniFile& file);

}  // namespace vnet
