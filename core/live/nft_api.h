// libnftables, loaded with dlopen the first time a command needs it (reading
// or changing a live ruleset). Linked, it and the five libraries it brings
// (libnftnl, libmnl, libxtables, libjansson, libgmp) were loaded by every
// command, ~0.6 ms of each run of `list` or `dumpxml` that never use them.
#pragma once

#include <nftables/libnftables.h>

#include <memory>

#include "core/error.h"

namespace vnet::live {

#define VNET_NFT_FUNCTIONS(X)  \
  X(nft_ctx_new)               \
  X(nft_ctx_free)              \
  X(nft_ctx_buffer_output)     \
  X(nft_ctx_buffer_error)      \
  X(nft_ctx_get_output_buffer) \
  X(nft_ctx_get_error_buffer)  \
  X(nft_ctx_output_get_flags)  \
  X(nft_ctx_output_set_flags)  \
  X(nft_run_cmd_from_buffer)   \
  X(nft_run_cmd_from_filename)

/// The libnftables functions vnetctl uses, resolved once.
struct NftApi {
#define VNET_NFT_DECLARE(fn) decltype(&::fn) fn = nullptr;
  VNET_NFT_FUNCTIONS(VNET_NFT_DECLARE)
#undef VNET_NFT_DECLARE
};

/// libnftables.so.1, or kUnavailable naming what is missing.
Result<const NftApi*> LoadNftApi();

/// An nft context (NFT_CTX_DEFAULT) with its output and errors buffered,
/// freed with the pointer.
struct NftCtxDeleter {
  void operator()(nft_ctx* ctx) const;
};
using NftCtx = std::unique_ptr<nft_ctx, NftCtxDeleter>;
Result<NftCtx> NewBufferedNftCtx();

}  // namespace vnet::live
