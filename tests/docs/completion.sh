#!/usr/bin/env bash
# shellcheck disable=SC2034 # candidate arrays are read through namerefs
# What the bash, zsh and fish completions offer on a test store: network
# names from `vnetctl list` (under --root DIR, --root=DIR and VNETCTL_ROOT;
# inactive ones for start, active ones for destroy), uuids for name, XML
# files where a file is expected, the values of --backend and --placement,
# update's commands and sections, and import's libvirt networks.
#   usage: completion.sh PATH/TO/vnetctl
# Each shell runs its real completion code: bash through the completion
# function with COMP_WORDS/COMP_CWORD, zsh through compinit in a pty
# (zsh_complete.zsh), fish through `complete -C`.
set -uo pipefail
vnetctl=$(realpath "${1:?usage: completion.sh PATH/TO/vnetctl}")
DOCS_SRC=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/docs/lib.sh
source "$DOCS_SRC/tests/docs/lib.sh"
require_tools bash zsh fish
[[ -r /usr/share/bash-completion/bash_completion ]] || die "bash-completion is missing"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/zsh" "$work/files/sub" "$work/libvirt/autostart"
ln -s "$vnetctl" "$work/bin/vnetctl"
cp "$DOCS_SRC/completions/_vnetctl" "$work/zsh/"
export PATH=$work/bin:$PATH
unset VNETCTL_ROOT VNETCTL_BACKEND

# The test store: the seeded `default` plus two examples, `lab` marked
# active (a live definition is what makes vnetctl list it as active).
store=$work/store
mkdir -p "$store"
vnetctl --root "$store" -q define "$DOCS_SRC/examples/isolated-lab.xml" >/dev/null 2>&1 ||
  die "cannot define isolated-lab.xml"
vnetctl --root "$store" -q define "$DOCS_SRC/examples/routed.xml" >/dev/null || die "cannot define routed.xml"
mkdir -p "$store/run/vnetctl/networks"
cp "$store/etc/vnetctl/networks/lab.xml" "$store/run/vnetctl/networks/lab.xml"
[[ $(vnetctl --root "$store" -q list --name) == lab ]] || die "the test store does not list lab as active"
uuid_lab=$(vnetctl --root "$store" -q uuid lab)
# A second store, for VNETCTL_ROOT: only `default`.
other=$work/other
mkdir -p "$other"
vnetctl --root "$other" -q list >/dev/null

# A store that does not exist yet: completion offers the `default` network
# the first command will seed, and creates nothing.
fresh=$work/fresh
mkdir -p "$fresh"

# Files: completion runs in $work/files.
touch "$work/files/net1.xml" "$work/files/net2.xml" "$work/files/notes.txt"
cp "$DOCS_SRC/examples/nat-default.xml" "$work/libvirt/default.xml"
cp "$DOCS_SRC/examples/routed.xml" "$work/libvirt/routed.xml"
cd "$work/files" || die "no $work/files"

S="--root $store"
lines=(
  "vnetctl $S info "
  "vnetctl --root=$store dumpxml "
  "vnetctl $S info r"
  "vnetctl $S start "
  "vnetctl $S destroy "
  "vnetctl $S stop "
  "vnetctl $S net-dhcp-leases "
  "vnetctl $S name "
  "vnetctl $S update "
  "vnetctl $S update lab "
  "vnetctl $S update lab add "
  "vnetctl $S update lab add ip-dhcp-host "
  "vnetctl $S diff "
  "vnetctl $S render "
  "vnetctl $S undefine --json "
  "vnetctl define "
  "vnetctl create n"
  "vnetctl apply net1.xml "
  "vnetctl --backend "
  "vnetctl --backend n"
  "vnetctl render x --placement "
  "vnetctl --root "
  "vnetctl import --from $work/libvirt "
  "vnetctl import -c "
  "vnetctl info "
  "vnetctl --root $fresh start "
  "vnetctl --root $fresh info "
  "vnetctl --root $fresh destroy "
  "vnetctl --root $fresh name "
)

# expect_set SHELL ARRAY LINE WORD...: LINE's candidates are exactly WORDs.
expect_set() {
  local shell=$1 arr=$2 line=$3 got want
  shift 3
  got=$(candidates "$arr" "$line" | grep -v '^$' | sort -u)
  want=$(printf '%s\n' "$@" | grep -v '^$' | sort -u)
  if [[ $got == "$want" ]]; then
    pass
  else
    fail "$shell: '$line'" "want: ${want//$'\n'/ }" "got:  ${got//$'\n'/ }"
  fi
}
# expect_has SHELL ARRAY LINE WORD...: LINE's candidates include WORDs.
expect_has() {
  local shell=$1 arr=$2 line=$3
  shift 3
  if offers "$arr" "$line" "$@"; then
    pass
  else
    fail "$shell: '$line' offers $*" "got: $(candidates "$arr" "$line" | tr '\n' ' ')"
  fi
}
# expect_not SHELL ARRAY LINE WORD...: none of WORDs is offered.
expect_not() {
  local shell=$1 arr=$2 line=$3 w
  shift 3
  for w in "$@"; do
    if offers "$arr" "$line" "$w"; then
      fail "$shell: '$line' must not offer $w"
      return
    fi
  done
  pass
}

run_checks() {
  local shell=$1 arr=$2
  expect_set "$shell" "$arr" "vnetctl $S info " default lab routed
  expect_set "$shell" "$arr" "vnetctl --root=$store dumpxml " default lab routed
  expect_set "$shell" "$arr" "vnetctl $S info r" routed
  expect_set "$shell" "$arr" "vnetctl $S start " default routed
  expect_set "$shell" "$arr" "vnetctl $S destroy " lab
  expect_set "$shell" "$arr" "vnetctl $S stop " lab
  expect_set "$shell" "$arr" "vnetctl $S net-dhcp-leases " lab
  expect_has "$shell" "$arr" "vnetctl $S name " "$uuid_lab"
  expect_set "$shell" "$arr" "vnetctl $S update " default lab routed
  expect_set "$shell" "$arr" "vnetctl $S update lab " add add-first add-last delete modify
  expect_set "$shell" "$arr" "vnetctl $S update lab add " ip-dhcp-host ip-dhcp-range dns-host \
    dns-srv dns-txt forward-interface portgroup
  expect_has "$shell" "$arr" "vnetctl $S update lab add ip-dhcp-host " net1.xml net2.xml
  expect_has "$shell" "$arr" "vnetctl $S diff " default lab routed net1.xml net2.xml
  expect_has "$shell" "$arr" "vnetctl $S render " default lab routed net1.xml
  expect_set "$shell" "$arr" "vnetctl $S undefine --json " default lab routed
  expect_has "$shell" "$arr" "vnetctl define " net1.xml net2.xml
  expect_not "$shell" "$arr" "vnetctl define " default lab
  expect_set "$shell" "$arr" "vnetctl create n" net1.xml net2.xml
  expect_has "$shell" "$arr" "vnetctl apply net1.xml " net1.xml net2.xml
  expect_set "$shell" "$arr" "vnetctl --backend " auto networkmanager networkd netplan ifupdown
  expect_set "$shell" "$arr" "vnetctl --backend n" networkmanager networkd netplan
  expect_set "$shell" "$arr" "vnetctl render x --placement " persistent runtime
  # A directory, as each shell shows one (fish with its slash).
  local dir=sub
  [[ $shell == fish ]] && dir=sub/
  expect_has "$shell" "$arr" "vnetctl --root " "$dir"
  expect_not "$shell" "$arr" "vnetctl --root " net1.xml
  expect_set "$shell" "$arr" "vnetctl import --from $work/libvirt " default routed
  expect_has "$shell" "$arr" "vnetctl import -c " qemu:///system test:///default
  expect_set "$shell" "$arr" "vnetctl --root $fresh start " default
  expect_set "$shell" "$arr" "vnetctl --root $fresh info " default
  expect_set "$shell" "$arr" "vnetctl --root $fresh destroy "
  expect_set "$shell" "$arr" "vnetctl --root $fresh name "
  check "$shell: completing created no store" test ! -e "$fresh/etc"
}

out=$(complete_bash "$DOCS_SRC/completions/vnetctl.bash" "${lines[@]}")
declare -A cb
load_candidates cb "$out"
run_checks bash cb
out=$(complete_zsh "$work/zsh" "${lines[@]}")
declare -A cz
load_candidates cz "$out"
run_checks zsh cz
out=$(complete_fish "$DOCS_SRC/completions/vnetctl.fish" "${lines[@]}")
declare -A cf
load_candidates cf "$out"
run_checks fish cf

# VNETCTL_ROOT chooses the store when --root is not given.
export VNETCTL_ROOT=$other
for shell in bash zsh fish; do
  case $shell in
    bash) out=$(complete_bash "$DOCS_SRC/completions/vnetctl.bash" "vnetctl info " "vnetctl $S info ") ;;
    zsh) out=$(complete_zsh "$work/zsh" "vnetctl info " "vnetctl $S info ") ;;
    fish) out=$(complete_fish "$DOCS_SRC/completions/vnetctl.fish" "vnetctl info " "vnetctl $S info ") ;;
  esac
  declare -A ce=()
  load_candidates ce "$out"
  expect_set "$shell" ce "vnetctl info " default
  expect_set "$shell" ce "vnetctl $S info " default lab routed
  unset ce
done
unset VNETCTL_ROOT

summary
