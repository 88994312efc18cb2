#include "core/live/nft_api.h"

#include <dlfcn.h>

#include <string>

namespace vnet::live {

Result<const NftApi*> LoadNftApi() {
  static NftApi api;
  static std::string failure;
  static const bool loaded = [] {
    void* lib = dlopen("libnftables.so.1", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      failure = dlerror();
      return false;
    }
#define VNET_NFT_RESOLVE(fn)                                   \
  api.fn = reinterpret_cast<decltype(&::fn)>(dlsym(lib, #fn)); \
  if (api.fn == nullptr) {                                     \
    failure = std::string("libnftables.so.1 has no ") + #fn;   \
    return false;                                              \
  }
    VNET_NFT_FUNCTIONS(VNET_NFT_RESOLVE)
#undef VNET_NFT_RESOLVE
    return true;
  }();
  if (!loaded) {
    return MakeError(ErrorKind::kUnavailable,
                     "cannot load libnftables (package libnftables1): " + failure);
  }
  return &api;
}

void NftCtxDeleter::operator()(nft_ctx* ctx) const {
  if (auto api = LoadNftApi(); api.ok()) (*api)->nft_ctx_free(ctx);
}

Result<NftCtx> NewBufferedNftCtx() {
  VNET_ASSIGN_OR_RETURN(const NftApi* nft, LoadNftApi());
  NftCtx ctx(nft->nft_ctx_new(NFT_CTX_DEFAULT));
  if (!ctx || nft->nft_ctx_buffer_output(ctx.get()) != 0 ||
      nft->nft_ctx_buffer_error(ctx.get()) != 0) {
    return MakeError(ErrorKind::kSystem, "cannot set up libnftables");
  }
  return ctx;
}

Result<NftOutput> RunNft(const std::string& command, unsigned output_flags) {
  VNET_ASSIGN_OR_RETURN(const NftApi* nft, LoadNftApi());
  VNET_ASSIGN_OR_RETURN(NftCtx ctx, NewBufferedNftCtx());
  nft->nft_ctx_output_set_flags(ctx.get(), nft->nft_ctx_output_get_flags(ctx.get()) |
                                               NFT_CTX_OUTPUT_STATELESS | output_flags);
  NftOutput result;
  result.ok = nft->nft_run_cmd_from_buffer(ctx.get(), command.c_str()) == 0;
  const char* out = nft->nft_ctx_get_output_buffer(ctx.get());
  const char* err = nft->nft_ctx_get_error_buffer(ctx.get());
  result.out = out != nullptr ? out : "";
  result.err = err != nullptr ? err : "";
  return result;
}

}  // namespace vnet::live
