// Internal to core/xml: a libxml2 object owned by a unique_ptr that frees it
// with libxml2's own function for its type, e.g.
// LibxmlPtr<xmlXPathContext, xmlXPathFreeContext>.
#pragma once

#include <memory>

namespace vnet::xml {

template <auto Free>
struct LibxmlFree {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};

template <typename T, auto Free>
using LibxmlPtr = std::unique_ptr<T, LibxmlFree<Free>>;

}  // namespace vnet::xml
