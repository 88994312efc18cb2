// Where the child elements of one element start, for the errors about a child
// the model keeps no location of its own for (<mtu>, <mac>, <port>, <tftp>):
// each error then names its element's own line, not its parent's.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/error.h"

namespace vnet {

class ChildLines {
 public:
  /// Keeps the first line seen for `name`.
  void Add(std::string_view name, int line) { lines_.emplace(std::string(name), line); }

  /// `parent` with the child's element path and, when the parser saw the
  /// child, its own line (a network built in code keeps the parent's).
  SourceLoc Of(const SourceLoc& parent, std::string_view name) const {
    SourceLoc loc = parent;
    if (!loc.path.empty()) loc.path += "/" + std::string(name);
    std::string_view element = name.starts_with("@") ? std::string_view() : name;
    if (auto it = lines_.find(element); it != lines_.end()) loc.line = it->second;
    return loc;
  }

 private:
  std::map<std::string, int, std::less<>> lines_;
};

}  // namespace vnet
