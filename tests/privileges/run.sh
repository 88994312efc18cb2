#!/usr/bin/env bash
# run.sh VNETCTL: the privilege tests of issue 7 (privileges.py): not root ->
# exit 77 and nothing changed; managers' file modes whatever the umask; links
# planted at every path vnetctl writes refused; no shell. The live part runs
# against the real systemd-networkd in namespaces of this test
# (tests/e2e/lib.sh). Needs root. Prints "privileges: N checks, N passed".
set -uo pipefail
vnetctl=$(realpath "${1:?usage: run.sh PATH-TO-vnetctl}")
here=$(cd "$(dirname "$0")" && pwd)
unset VNETCTL_FAULT VNETCTL_CRASH_AT VNETCTL_CRASH_TRACE VNETCTL_ROOT VNETCTL_BACKEND
[[ $(id -u) -eq 0 ]] || { echo "FAIL: the privilege tests need root"; exit 1; }
status=0 total=0 passed=0
count() {
  local line
  line=$(grep '^privileges: ' <<<"$1")
  [[ -n $line ]] || { echo "FAIL: privileges.py printed no count"; status=1; return; }
  total=$((total + $(awk '{print $2}' <<<"$line")))
  passed=$((passed + $(awk '{print $4}' <<<"$line")))
}
out=$(python3 "$here/privileges.py" "$vnetctl") || status=1
grep -v '^privileges: ' <<<"$out"
count "$out"
# shellcheck source=tests/e2e/lib.sh
source "$here/../e2e/lib.sh"
e2e_install_trap
require_tools "${E2E_TOOLS[@]}" $(e2e_tools_for networkd)
e2e_host_up networkd
out=$(python3 "$here/privileges.py" "$vnetctl" --live "$VNT_HOLDER" "$W") || status=1
grep -v '^privileges: ' <<<"$out"
count "$out"
echo "privileges: $total checks, $passed passed"
exit $status
