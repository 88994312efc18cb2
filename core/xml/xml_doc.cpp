#include "core/xml/xml_doc.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "core/xml/parse.h"

namespace vnet::xml {

namespace {

constexpr char kEntityMessage[] = "XML error: DOCTYPE and entity declarations are not allowed";

// Elements that may appear more than once under their parent; their paths
// always carry an index so that a path does not change when a sibling is added.
constexpr std::array<std::string_view, 16> kRepeatable = {
    "ip",  "route",     "portgroup", "range",    "host",   "forwarder", "txt",        "srv",
    "tag", "interface", "address",   "hostname", "option", "options",   "parameters", "pf"};

// Collects the first fatal error libxml2 reports while a parse runs (like
// libvirt, namespace warnings are not fatal), and keeps libxml2 from printing
// anything itself.
struct ErrorCollector {
  std::string message;
  int line = 0;
  bool seen = false;
};

void CollectError(void* data, xmlError* error) {
  auto* collector = static_cast<ErrorCollector*>(data);
  if (collector->seen || error == nullptr || error->level < XML_ERR_FATAL) return;
  collector->seen = true;
  collector->message = error->message ? error->message : "unknown error";
  while (!collector->message.empty() &&
         (collector->message.back() == '\n' || collector->message.back() == ' ')) {
    collector->message.pop_back();
  }
  // libxml2 puts details on a second line ("...indicate encoding !\nBytes:
  // 0xFF ..."); an error is one line.
  std::replace(collector->message.begin(), collector->message.end(), '\n', ' ');
  collector->line = error->line;
}

void IgnoreGenericError(void*, const char*, ...) {}

// Installs the collector for the current thread and restores the previous
// handlers when it goes out of scope.
class ScopedErrorHandler {
 public:
  explicit ScopedErrorHandler(ErrorCollector* collector)
      : old_structured_(xmlStructuredError),
        old_structured_ctx_(xmlStructuredErrorContext),
        old_generic_(xmlGenericError),
        old_generic_ctx_(xmlGenericErrorContext) {
    xmlSetStructuredErrorFunc(collector, CollectError);
    xmlSetGenericErrorFunc(nullptr, IgnoreGenericError);
  }
  ~ScopedErrorHandler() {
    xmlSetStructuredErrorFunc(old_structured_ctx_, old_structured_);
    xmlSetGenericErrorFunc(old_generic_ctx_, old_generic_);
  }
  ScopedErrorHandler(const ScopedErrorHandler&) = delete;
  ScopedErrorHandler& operator=(const ScopedErrorHandler&) = delete;

 private:
  xmlStructuredErrorFunc old_structured_;
  void* old_structured_ctx_;
  xmlGenericErrorFunc old_generic_;
  void* old_generic_ctx_;
};

// ---- Where a document's nodes live ------------------------------------------------
// libxml2 allocates each node, attribute and attribute value separately
// (about nine blocks per <host> element) and xmlFreeDoc frees them one by
// one: for a network with 10,000 static hosts that is a third of reading it.
// A document is parsed, read once and dropped, so the blocks of a parse come
// from a bump arena instead, released with the document. libxml2 takes its
// allocator through xmlMemSetup; the functions below serve the arena only
// while a parse runs and fall through to malloc otherwise, and a block from
// malloc is always freed by free, whenever it was allocated.
class Arena {
 public:
  /// `expected`: about how much the parse will allocate.
  explicit Arena(size_t expected) : chunk_size_(std::max<size_t>(64u << 10, expected)) {
    live().push_back(this);
  }
  ~Arena() {
    std::erase(live(), this);
    for (const auto& [begin, end] : ranges_) munmap(const_cast<char*>(begin), end - begin);
  }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  void* Alloc(size_t size) {
    const size_t need = kHeader + ((size + 15) & ~size_t{15});
    if (need > left_ && !Grow(need)) return nullptr;
    char* block = next_;
    next_ += need;
    left_ -= need;
    *reinterpret_cast<size_t*>(block) = size;
    return block + kHeader;
  }
  bool Owns(const void* p) const {
    for (const auto& [begin, end] : ranges_) {
      if (p >= begin && p < end) return true;
    }
    return false;
  }
  static size_t SizeOf(const void* p) {
    return *reinterpret_cast<const size_t*>(static_cast<const char*>(p) - kHeader);
  }
  static Arena* Owner(const void* p) {
    for (Arena* a : live()) {
      if (a->Owns(p)) return a;
    }
    return nullptr;
  }
  static Arena*& active() {
    static Arena* arena = nullptr;
    return arena;
  }

 private:
  static constexpr size_t kHeader = 16;  // the block's size; keeps 16-byte alignment
  static constexpr size_t kHugePage = 2u << 20;
  static std::vector<Arena*>& live() {
    static std::vector<Arena*> arenas;
    return arenas;
  }
  // Chunks are mapped directly; large ones ask for transparent huge pages: a
  // 10,000-host document's nodes then fault in a few 2 MiB pages instead of
  // thousands of 4 KiB ones, and a page fault is the dearest thing a short
  // process does (~5-10 us each in a virtual machine).
  bool Grow(size_t need) {
    size_t size = std::max(need, chunk_size_);
    if (size >= kHugePage) size = (size + kHugePage - 1) & ~(kHugePage - 1);
    chunk_size_ = std::min<size_t>(chunk_size_ * 2, 16u << 20);
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return false;
    if (size >= kHugePage) madvise(p, size, MADV_HUGEPAGE);
    next_ = static_cast<char*>(p);
    left_ = size;
    ranges_.emplace_back(next_, next_ + size);
    return true;
  }

  std::vector<std::pair<const char*, const char*>> ranges_;  // the chunks
  char* next_ = nullptr;
  size_t left_ = 0;
  size_t chunk_size_;
};

void* ArenaMalloc(size_t size) {
  if (Arena* a = Arena::active()) return a->Alloc(size);
  return std::malloc(size);
}

void ArenaFree(void* p) {
  if (p != nullptr && Arena::Owner(p) == nullptr) std::free(p);
}

void* ArenaRealloc(void* p, size_t size) {
  if (p == nullptr) return ArenaMalloc(size);
  if (Arena::Owner(p) == nullptr) return std::realloc(p, size);
  void* q = ArenaMalloc(size);
  if (q != nullptr) std::memcpy(q, p, std::min(size, Arena::SizeOf(p)));
  return q;
}

char* ArenaStrdup(const char* s) {
  const size_t n = std::strlen(s) + 1;
  auto* copy = static_cast<char*>(ArenaMalloc(n));
  if (copy != nullptr) std::memcpy(copy, s, n);
  return copy;
}

// Serves `arena` to libxml2 for as long as it lives.
class ScopedArena {
 public:
  explicit ScopedArena(Arena* arena) {
    static const bool installed =
        xmlMemSetup(ArenaFree, ArenaMalloc, ArenaRealloc, ArenaStrdup) == 0;
    (void)installed;
    Arena::active() = arena;
  }
  ~ScopedArena() { Arena::active() = nullptr; }
  ScopedArena(const ScopedArena&) = delete;
  ScopedArena& operator=(const ScopedArena&) = delete;
};

Error InputError(const std::string& source, std::string message, int line = 0) {
  return MakeError(ErrorKind::kInvalidInput, std::move(message), SourceLoc{source, line, ""});
}

Status CheckRawInput(std::string_view text, const std::string& source) {
  if (text.size() > kMaxXmlBytes) {
    return InputError(source, "XML error: document is larger than the limit of " +
                                  std::to_string(kMaxXmlBytes) + " bytes");
  }
  // libxml2 gives up on an empty buffer without reporting why.
  if (text.empty()) return InputError(source, "XML error: Document is empty", 1);
  if (text.find('\0') != std::string_view::npos) {
    return InputError(source, "XML error: document contains a NUL byte");
  }
  // Refused before libxml2 sees them, so no entity is ever expanded.
  size_t at = std::min(text.find("<!DOCTYPE"), text.find("<!ENTITY"));
  if (at != std::string_view::npos) {
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    return InputError(source, kEntityMessage, line);
  }
  return OkStatus();
}

bool HasEntityNodes(const xmlNode* node) {
  for (; node != nullptr; node = node->next) {
    if (node->type == XML_ENTITY_REF_NODE || node->type == XML_ENTITY_DECL ||
        node->type == XML_DTD_NODE) {
      return true;
    }
    if (node->type == XML_ELEMENT_NODE && HasEntityNodes(node->children)) return true;
  }
  return false;
}

bool IsRepeatable(std::string_view name) {
  return std::find(kRepeatable.begin(), kRepeatable.end(), name) != kRepeatable.end();
}

// The index is cached in the node's _private field, which libxml2 leaves to
// applications: paths are built for every element in document order, and
// walking all previous siblings each time made a document with tens of
// thousands of <host> elements take minutes (quadratic).
int SiblingIndex(const xmlNode* node) {
  int index = 1;
  for (const xmlNode* n = node->prev; n != nullptr; n = n->prev) {
    if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, node->name)) continue;
    if (n->_private != nullptr) {
      index += static_cast<int>(reinterpret_cast<intptr_t>(n->_private));
      break;
    }
    ++index;
  }
  const_cast<xmlNode*>(node)->_private = reinterpret_cast<void*>(static_cast<intptr_t>(index));
  return index;
}

}  // namespace

Result<DocPtr> ParseDocument(std::string_view text, const std::string& source) {
  VNET_TRY(CheckRawInput(text, source));
  ErrorCollector collector;
  DocPtr doc;
  xmlInitParser();  // libxml2's globals must not come from an arena
  // A parse allocates about 12 bytes per byte of XML (nodes, attributes).
  auto arena = std::make_unique<Arena>(text.size() * 12);
  {
    ScopedArena serve(arena.get());
    ScopedErrorHandler handler(&collector);
    constexpr int kOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                             XML_PARSE_BIG_LINES | XML_PARSE_COMPACT;
    doc.reset(
        xmlReadMemory(text.data(), static_cast<int>(text.size()), nullptr, nullptr, kOptions));
    if (doc) doc->_private = arena.release();  // freed with the document
    xmlResetLastError();  // its strings are arena blocks: nothing may keep them
  }
  if (!doc || collector.seen) {
    std::string message = collector.seen ? collector.message : "failed to parse xml document";
    return InputError(source, "XML error: " + message, collector.line);
  }
  if (doc->intSubset != nullptr || doc->extSubset != nullptr || HasEntityNodes(doc->children)) {
    return InputError(source, kEntityMessage);
  }
  if (xmlDocGetRootElement(doc.get()) == nullptr) {
    return InputError(source, "internal error: missing root element");
  }
  return doc;
}

void DocDeleter::operator()(xmlDoc* doc) const {
  std::unique_ptr<Arena> arena(static_cast<Arena*>(doc->_private));
  xmlFreeDoc(doc);  // before the arena: it still reads the nodes
}

xmlNode* Root(const DocPtr& doc) { return xmlDocGetRootElement(doc.get()); }

std::string_view Name(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

// xmlGetNoNsProp without its copy: the usual attribute value is a single
// text node, read in place (documents have no DTD, so no defaulted values).
std::optional<std::string> Prop(const xmlNode* node, const char* name) {
  const auto* wanted = reinterpret_cast<const xmlChar*>(name);
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->ns != nullptr || !xmlStrEqual(a->name, wanted)) continue;
    const xmlNode* text = a->children;
    if (text == nullptr) return std::string();
    if (text->next == nullptr && text->type == XML_TEXT_NODE && text->content != nullptr) {
      return std::string(reinterpret_cast<const char*>(text->content));
    }
    xmlChar* value = xmlNodeListGetString(node->doc, text, 1);
    std::string result(value != nullptr ? reinterpret_cast<const char*>(value) : "");
    xmlFree(value);
    return result;
  }
  return std::nullopt;
}

std::vector<xmlNode*> Children(const xmlNode* node, std::string_view name) {
  std::vector<xmlNode*> result;
  for (xmlNode* n = node->children; n != nullptr; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && n->ns == nullptr && Name(n) == name) result.push_back(n);
  }
  return result;
}

void AddChildLines(const xmlNode* node, ChildLines& out) {
  for (xmlNode* n = node->children; n != nullptr; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && n->ns == nullptr) {
      out.Add(Name(n), static_cast<int>(xmlGetLineNo(n)));
    }
  }
}

xmlNode* Child(const xmlNode* node, std::string_view name) {
  for (xmlNode* n = node->children; n != nullptr; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && n->ns == nullptr && Name(n) == name) return n;
  }
  return nullptr;
}

std::string Content(const xmlNode* node) {
  xmlChar* value = xmlNodeGetContent(node);
  if (value == nullptr) return {};
  std::string result(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return result;
}

int ElementPathCache::IndexOf(const xmlNode* node) {
  for (Seen& seen : last_) {
    if (!xmlStrEqual(seen.node->name, node->name)) continue;
    if (seen.node->parent == node->parent) {
      int count = 0;  // same-named elements after seen.node, up to node itself
      for (const xmlNode* n = node; n != nullptr; n = n->prev) {
        if (n == seen.node) {
          seen = {node, seen.index + count};
          return seen.index;
        }
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, node->name)) ++count;
      }
    }
    seen = {node, SiblingIndex(node)};  // another parent, or located out of order
    return seen.index;
  }
  last_.push_back({node, SiblingIndex(node)});
  return last_.back().index;
}

const std::string& ElementPathCache::PathOf(const xmlNode* parent) {
  if (parent != parent_) {
    parent_path_ = ElementPath(parent, this);
    parent_ = parent;
  }
  return parent_path_;
}

std::string ElementPath(const xmlNode* node, ElementPathCache* cache) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return {};
  const bool is_root = node->parent == nullptr || node->parent->type != XML_ELEMENT_NODE;
  std::string path;
  if (!is_root) path = cache != nullptr ? cache->PathOf(node->parent) : ElementPath(node->parent);
  path += '/';
  if (node->ns != nullptr && node->ns->prefix != nullptr) {
    path += reinterpret_cast<const char*>(node->ns->prefix);
    path += ':';
  }
  path += Name(node);
  if (!is_root && IsRepeatable(Name(node))) {
    path += '[';
    path += std::to_string(cache != nullptr ? cache->IndexOf(node) : SiblingIndex(node));
    path += ']';
  }
  return path;
}

SourceLoc LocOf(const std::string& source, const xmlNode* node, std::string_view attr,
                ElementPathCache* cache) {
  std::string path = ElementPath(node, cache);
  if (!attr.empty()) path += "/@" + std::string(attr);
  return SourceLoc{source, static_cast<int>(xmlGetLineNo(node)), std::move(path)};
}

}  // namespace vnet::xml
