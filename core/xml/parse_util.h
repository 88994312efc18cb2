// Internal to core/xml: the context every element parser receives, libvirt's
// error prefixes, value parsers with libvirt's messages, and the attribute
// handler tables that drive extraction.
#pragma once

#include <libxml/tree.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/net/address.h"
#include "core/xml/xml_doc.h"

namespace vnet::xml {

// virsh prefixes by libvirt error code.
inline constexpr std::string_view kXmlError = "XML error: ";
inline constexpr std::string_view kInternalError = "internal error: ";
inline constexpr std::string_view kUnsupported = "unsupported configuration: ";

/// What every element parser knows besides its node.
struct ParseCtx {
  std::string source;
  std::string network;  // the network's name; empty when parsing a fragment
  /// Element parsers locate elements in document order: keeps that linear.
  mutable ElementPathCache paths{};

  SourceLoc Loc(const xmlNode* node, std::string_view attr = {}) const {
    return LocOf(source, node, attr, &paths);
  }
  /// An invalid-input error located at `node` (and its attribute `attr`).
  Error Fail(const xmlNode* node, std::string_view attr, std::string message) const {
    return MakeError(ErrorKind::kInvalidInput, std::move(message), Loc(node, attr));
  }
  /// `before` + name + `after`, or `fallback` for fragments, where the
  /// network is unknown: libvirt's "… in network 'x'" clauses.
  std::string Net(std::string_view before, std::string_view after = "'",
                  std::string_view fallback = {}) const {
    if (network.empty()) return std::string(fallback);
    return std::string(before) + network + std::string(after);
  }
};

/// One attribute being applied: its element, name and value.
struct Attr {
  const ParseCtx& ctx;
  const xmlNode* node;
  std::string_view name;
  const std::string& value;

  Error Fail(std::string message) const { return ctx.Fail(node, name, std::move(message)); }
  /// libvirt's virXMLProp* message for a value that does not parse.
  Error Invalid(std::string_view expected = {}) const;
};

/// An attribute handler: the table row for attribute `name` of element T.
template <typename T>
struct AttrRule {
  const char* name;
  Status (*apply)(const Attr& attr, T& out);
};

/// Applies each rule whose attribute is present, in table order (libvirt's
/// check order, so the first error matches). Other attributes are ignored,
/// as libvirt ignores them.
template <typename T>
Status ApplyAttrs(const ParseCtx& ctx, const xmlNode* node, std::span<const AttrRule<T>> rules,
                  T& out) {
  for (const AttrRule<T>& rule : rules) {
    std::optional<std::string> value = Prop(node, rule.name);
    if (!value) continue;
    VNET_TRY(rule.apply(Attr{ctx, node, rule.name, *value}, out));
  }
  return OkStatus();
}

/// Applies rules like ApplyAttrs, treating an empty value as absent: the
/// attributes libvirt reads through virXPathString("string(./@x)").
template <typename T>
Status ApplyXPathAttrs(const ParseCtx& ctx, const xmlNode* node, std::span<const AttrRule<T>> rules,
                       T& out) {
  for (const AttrRule<T>& rule : rules) {
    std::optional<std::string> value = Prop(node, rule.name);
    if (!value || value->empty()) continue;
    VNET_TRY(rule.apply(Attr{ctx, node, rule.name, *value}, out));
  }
  return OkStatus();
}

/// An address as virSocketAddrParse accepts it, or its error
/// "Cannot parse socket address 'x': Name or service not known".
Result<IpAddr> ParseSocketAddr(const Attr& attr);

/// Unsigned number as libvirt's virStrToLong_*p: digits only (base 10), or
/// with base 0 also 0x… hex and 0… octal; nullopt if malformed or > max.
std::optional<uint64_t> ParseUnsigned(std::string_view text, int base, uint64_t max);
/// "yes" / "no" (virTristateBool without "default").
std::optional<bool> ParseYesNo(std::string_view text);

// Generic setters for table rows.
template <typename T, auto Member>
Status SetString(const Attr& attr, T& out) {
  out.*Member = attr.value;
  return OkStatus();
}

template <typename T, auto Member>
Status SetYesNo(const Attr& attr, T& out) {
  std::optional<bool> value = ParseYesNo(attr.value);
  if (!value) return attr.Invalid();
  out.*Member = *value;
  return OkStatus();
}

template <typename T, auto Member, uint64_t Max = UINT32_MAX>
Status SetUnsigned(const Attr& attr, T& out) {
  std::optional<uint64_t> value = ParseUnsigned(attr.value, 10, Max);
  if (!value) return attr.Invalid("non-negative integer value");
  out.*Member = *value;
  return OkStatus();
}

}  // namespace vnet::xml
