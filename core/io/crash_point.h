// A test-only hook for the fault tests (tests/fault): stop the process dead
// at a named point, as `kill -9` or a power cut would, to prove that the
// store and the host are never left corrupt or half-made.
//
//   VNETCTL_CRASH_AT=POINT        SIGKILL at the first time POINT is reached
//   VNETCTL_CRASH_AT=POINT#N      ... at its N-th time
//   VNETCTL_CRASH_TRACE=FILE      append "POINT#N" for every point reached
//
// Points: the store's and the host writer's write points (file NAME is the
// last path component): "temp-written:NAME" (temporary file written and
// synced, not yet renamed), "renamed:NAME" (renamed into place, directory not
// yet synced), "link-created:NAME", "link-renamed:NAME", "removed:NAME";
// "seed-populated" (a new store's directory filled, not yet renamed into
// place); and the transaction's steps "files-written", "activated",
// "verified", "destroy:down", "destroy:files-removed".
#pragma once

#include <string_view>

namespace vnet::io {

/// Does nothing unless VNETCTL_CRASH_AT or VNETCTL_CRASH_TRACE is set.
void CrashPoint(std::string_view point);

}  // namespace vnet::io
