// libnftables, loaded with dlopen the first time a command needs it (reading
// or changing a live ruleset). Linked, it and the five libraries it brings
// (libnftnl, libmnl, libxtables, libjansson, libgmp) were loaded by every
// command, ~0.6 ms of each run of `list` or `dumpxml` that never use them.
#pragma once

#include <nftables/libnftables.h>

#include <memory>
#include <string>

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

/// What one nft command printed, and whether it succeeded.
struct NftOutput {
  bool ok = false;
  std::string out;
  std::string err;
};

/// Runs `command` in a fresh context, so each answer is the kernel's current
/// ruleset, printed stateless (counters and quotas change with traffic, not
/// with the ruleset) and with `output_flags` (NFT_CTX_OUTPUT_JSON).
Result<NftOutput> RunNft(const std::string& command, unsigned output_flags = 0);

}  // namespace vnet::live
