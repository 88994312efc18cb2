// LibvirtClient over libvirt's C API (libvirt0). A read-only connection is
// enough to list networks and their leases; the takeover opens read-write.
// libvirt0 is loaded with dlopen by import alone: linking it would make every
// vnetctl command pay for loading libvirt and its dozens of libraries.
#include <dlfcn.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include <algorithm>
#include <memory>

#include "core/import/libvirt_source.h"

namespace vnet::import {

namespace {

#define VNET_LIBVIRT_FUNCTIONS(X) \
  X(virConnectOpen)               \
  X(virConnectOpenReadOnly)       \
  X(virConnectClose)              \
  X(virConnectListAllNetworks)    \
  X(virGetLastErrorMessage)       \
  X(virSetErrorFunc)              \
  X(virNetworkFree)               \
  X(virNetworkLookupByName)       \
  X(virNetworkGetName)            \
  X(virNetworkIsActive)           \
  X(virNetworkIsPersistent)       \
  X(virNetworkGetAutostart)       \
  X(virNetworkSetAutostart)       \
  X(virNetworkGetXMLDesc)         \
  X(virNetworkGetDHCPLeases)      \
  X(virNetworkDHCPLeaseFree)      \
  X(virNetworkCreate)             \
  X(virNetworkCreateXML)          \
  X(virNetworkDefineXML)          \
  X(virNetworkDestroy)

/// The libvirt functions vnetctl uses, resolved once.
struct Api {
#define VNET_DECLARE(fn) decltype(&::fn) fn = nullptr;
  VNET_LIBVIRT_FUNCTIONS(VNET_DECLARE)
#undef VNET_DECLARE
};

Result<const Api*> LoadApi() {
  static Api api;
  static std::string failure;
  static bool loaded = [] {
    void* lib = dlopen("libvirt.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      failure = dlerror();
      return false;
    }
#define VNET_RESOLVE(fn)                                       \
  api.fn = reinterpret_cast<decltype(&::fn)>(dlsym(lib, #fn)); \
  if (!api.fn) {                                               \
    failure = std::string("libvirt.so.0 has no ") + #fn;       \
    return false;                                              \
  }
    VNET_LIBVIRT_FUNCTIONS(VNET_RESOLVE)
#undef VNET_RESOLVE
    return true;
  }();
  if (!loaded) {
    return MakeError(ErrorKind::kUnavailable,
                     "cannot load libvirt (install libvirt0 to import from a libvirt "
                     "connection, or use --from DIR): " +
                         failure);
  }
  return &api;
}

// Set by ConnectLibvirt before any client exists.
const Api* lv = nullptr;

// libvirt prints every error to stderr by default; vnetctl reports them itself.
void Silent(void*, virErrorPtr) {}

Error LibvirtError(ErrorKind kind, const std::string& what) {
  const char* msg = lv->virGetLastErrorMessage();
  return MakeError(kind, what + ": " + (msg ? msg : "unknown libvirt error"));
}

struct NetworkFree {
  void operator()(virNetworkPtr n) const { lv->virNetworkFree(n); }
};
using NetworkHandle = std::unique_ptr<virNetwork, NetworkFree>;

std::string Text(const char* s) { return s ? s : ""; }

class ApiClient final : public LibvirtClient {
 public:
  ApiClient(virConnectPtr conn, std::string uri) : conn_(conn), uri_(std::move(uri)) {}
  ~ApiClient() override { lv->virConnectClose(conn_); }

  const std::string& Uri() const override { return uri_; }

  Result<std::vector<SourceNetwork>> List() override {
    virNetworkPtr* nets = nullptr;
    int n = lv->virConnectListAllNetworks(conn_, &nets, 0);
    if (n < 0) return LibvirtError(ErrorKind::kSystem, "cannot list the networks of " + uri_);
    std::vector<NetworkHandle> handles;
    for (int i = 0; i < n; i++) handles.emplace_back(nets[i]);
    free(nets);  // NOLINT: libvirt allocated the array with malloc
    std::vector<SourceNetwork> out;
    for (const NetworkHandle& h : handles) {
      VNET_ASSIGN_OR_RETURN(SourceNetwork s, Describe(h.get()));
      out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(),
              [](const SourceNetwork& a, const SourceNetwork& b) { return a.name < b.name; });
    return out;
  }

  Result<std::vector<SourceLease>> Leases(const std::string& name) override {
    VNET_ASSIGN_OR_RETURN(NetworkHandle h, Lookup(name));
    virNetworkDHCPLeasePtr* leases = nullptr;
    int n = lv->virNetworkGetDHCPLeases(h.get(), nullptr, &leases, 0);
    if (n < 0) return LibvirtError(ErrorKind::kSystem, "cannot read the leases of " + name);
    std::vector<SourceLease> out;
    for (int i = 0; i < n; i++) {
      const virNetworkDHCPLease& l = *leases[i];
      SourceLease s;
      s.expiry = l.expirytime;
      s.ipv6 = l.type == VIR_IP_ADDR_TYPE_IPV6;
      s.mac = Text(l.mac);
      s.ip = Text(l.ipaddr);
      s.prefix = static_cast<int>(l.prefix);
      s.hostname = Text(l.hostname);
      s.client_id = Text(l.clientid);
      s.iaid = Text(l.iaid);
      out.push_back(std::move(s));
      lv->virNetworkDHCPLeaseFree(leases[i]);
    }
    free(leases);  // NOLINT: libvirt's malloc
    return out;
  }

  Status Destroy(const std::string& name) override {
    VNET_ASSIGN_OR_RETURN(NetworkHandle h, Lookup(name));
    if (lv->virNetworkDestroy(h.get()) < 0) {
      return LibvirtError(ErrorKind::kSystem, "cannot stop libvirt's network " + name);
    }
    return OkStatus();
  }

  Status Start(const SourceNetwork& network) override {
    const std::string what = "cannot start libvirt's network " + network.name;
    if (!network.persistent) {
      virNetworkPtr n = lv->virNetworkCreateXML(conn_, network.xml.c_str());
      if (!n) return LibvirtError(ErrorKind::kSystem, what);
      lv->virNetworkFree(n);
      return OkStatus();
    }
    VNET_ASSIGN_OR_RETURN(NetworkHandle h, Lookup(network.name));
    if (lv->virNetworkCreate(h.get()) < 0) return LibvirtError(ErrorKind::kSystem, what);
    return OkStatus();
  }

  Status SetAutostart(const std::string& name, bool autostart) override {
    VNET_ASSIGN_OR_RETURN(NetworkHandle h, Lookup(name));
    if (lv->virNetworkSetAutostart(h.get(), autostart ? 1 : 0) < 0) {
      return LibvirtError(ErrorKind::kSystem, "cannot change the autostart of " + name);
    }
    return OkStatus();
  }

  Status Define(const std::string& xml) override {
    virNetworkPtr n = lv->virNetworkDefineXML(conn_, xml.c_str());
    if (!n) return LibvirtError(ErrorKind::kSystem, "cannot define the network in libvirt");
    lv->virNetworkFree(n);
    return OkStatus();
  }

 private:
  Result<NetworkHandle> Lookup(const std::string& name) {
    virNetworkPtr n = lv->virNetworkLookupByName(conn_, name.c_str());
    if (!n) return LibvirtError(ErrorKind::kNotFound, "libvirt network " + name);
    return NetworkHandle(n);
  }

  Result<SourceNetwork> Describe(virNetworkPtr n) {
    SourceNetwork s;
    s.name = Text(lv->virNetworkGetName(n));
    int active = lv->virNetworkIsActive(n);
    int persistent = lv->virNetworkIsPersistent(n);
    int autostart = 0;
    if (active < 0 || persistent < 0 || lv->virNetworkGetAutostart(n, &autostart) < 0) {
      return LibvirtError(ErrorKind::kSystem, "cannot read the state of " + s.name);
    }
    s.active = active == 1;
    s.persistent = persistent == 1;
    s.autostart = autostart == 1;
    // The persistent definition, not the live one: libvirt's live XML
    // carries state (connections) that is not part of the network.
    char* xml = lv->virNetworkGetXMLDesc(n, s.persistent ? VIR_NETWORK_XML_INACTIVE : 0);
    // Drivers without the flag (the test driver) have only one definition.
    if (!xml && s.persistent) xml = lv->virNetworkGetXMLDesc(n, 0);
    if (!xml) return LibvirtError(ErrorKind::kSystem, "cannot read the definition of " + s.name);
    s.xml = xml;
    free(xml);  // NOLINT: libvirt's malloc
    s.origin = uri_ + ":" + s.name;
    return s;
  }

  virConnectPtr conn_;
  std::string uri_;
};

}  // namespace

Result<std::unique_ptr<LibvirtClient>> ConnectLibvirt(const std::string& uri, bool read_only) {
  VNET_ASSIGN_OR_RETURN(lv, LoadApi());
  lv->virSetErrorFunc(nullptr, Silent);
  virConnectPtr conn =
      read_only ? lv->virConnectOpenReadOnly(uri.c_str()) : lv->virConnectOpen(uri.c_str());
  if (!conn) return LibvirtError(ErrorKind::kUnavailable, "cannot connect to libvirt at " + uri);
  return std::unique_ptr<LibvirtClient>(std::make_unique<ApiClient>(conn, uri));
}

}  // namespace vnet::import
