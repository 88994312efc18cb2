// A NetworkManager keyfile (GKeyFile syntax, nm-settings-keyfile(5)) as data:
// ordered sections of ordered keys, serialized once.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace vnet {

struct KeyfileSection {
  std::string name;
  std::vector<std::pair<std::string, std::string>> entries;
};

class Keyfile {
 public:
  /// The section called `name`, appended (empty) if it does not exist yet.
  /// Sections keep the order in which they were first named.
  KeyfileSection& Section(const std::string& name);
  /// Appends `key=value` to section `section`.
  void Set(const std::string& section, std::string key, std::string value);

  const std::vector<KeyfileSection>& sections() const { return sections_; }

  /// "[name]\nkey=value\n…", sections separated by one blank line, as libnm
  /// writes them. Refuses (kInvalidInput) a section or key name outside
  /// [A-Za-z0-9._-], and a value that GKeyFile would read back differently:
  /// one with a control character (newline included), a backslash (GKeyFile's
  /// escape character) or a leading or trailing blank.
  Result<std::string> Serialize() const;

 private:
  std::vector<KeyfileSection> sections_;
};

}  // namespace vnet
