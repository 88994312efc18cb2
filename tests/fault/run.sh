#!/usr/bin/env bash
# run.sh VNETCTL: the fault tests of issue 7.
#   1. store faults (store_faults.py): kill -9 at every write point of define,
#      redefine, autostart, update, edit and undefine under a scratch --root;
#   2. live faults (live_faults.py, root only): kill -9 at every point of
#      start, apply and destroy against the real systemd-networkd in network
#      and mount namespaces of this test (tests/e2e/lib.sh), then twenty
#      concurrent define/start/destroy commands.
# Prints "faults: N fault points exercised"; exits non-zero on any failure.
# Without root the live part fails (a skipped test would hide it).
set -uo pipefail
vnetctl=$(realpath "${1:?usage: run.sh PATH-TO-vnetctl}")
here=$(cd "$(dirname "$0")" && pwd)
unset VNETCTL_FAULT VNETCTL_CRASH_AT VNETCTL_CRASH_TRACE VNETCTL_ROOT VNETCTL_BACKEND
status=0 points=0

out=$(python3 "$here/store_faults.py" "$vnetctl") || status=1
echo "$out"
n=$(sed -n 's/^store faults: \([0-9]*\) fault points.*/\1/p' <<<"$out")
points=$((points + ${n:-0}))

if [[ $(id -u) -ne 0 ]]; then
  echo "FAIL: the live fault tests need root (namespaces)"
  status=1
else
  # shellcheck source=tests/e2e/lib.sh
  source "$here/../e2e/lib.sh"
  e2e_install_trap
  require_tools "${E2E_TOOLS[@]}" $(e2e_tools_for networkd)
  e2e_host_up networkd
  out=$(python3 "$here/live_faults.py" "$vnetctl" "$VNT_HOLDER" "$W") || status=1
  echo "$out"
  n=$(sed -n 's/^live faults: \([0-9]*\) fault points.*/\1/p' <<<"$out")
  points=$((points + ${n:-0}))
fi
echo "faults: $points fault points exercised"
exit $status
