// Internal to core/xml: libvirt's virBuffer as the formatter uses it —
// auto-indented lines and virBufferEscapeString's escaping.
#pragma once

#include <string>
#include <string_view>

namespace vnet::xml {

/// virBufferEscapeString: & < > ' " become entities, other control
/// characters than \t \n \r are dropped.
std::string Escape(std::string_view text);

/// " name='value'" with the value escaped.
std::string AttrText(std::string_view name, std::string_view value);

class XmlWriter {
 public:
  /// Writes one line at the current indentation, adding the newline.
  void Line(std::string_view text);
  /// Line(text + tail), without building the joined string.
  void Line(std::string_view text, std::string_view tail);
  /// Appends text verbatim (no indentation, no newline).
  void Raw(std::string_view text) { out_ += text; }
  void Reserve(size_t bytes) { out_.reserve(bytes); }
  void Indent() { indent_ += 2; }
  void Dedent() { indent_ -= 2; }
  int indent() const { return indent_; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  int indent_ = 0;
};

}  // namespace vnet::xml
