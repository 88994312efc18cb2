#!/usr/bin/env bash
# `cmake --install` into a scratch prefix puts every file where the system
# looks for it, and each works from there: `man -M PREFIX/share/man vnetctl`,
# the installed binary's --version, and each shell finding the completion in
# its standard place (bash-completion's loader through XDG_DATA_DIRS, zsh's
# vendor-completions on $fpath, fish's vendor_completions.d through
# XDG_DATA_DIRS) and completing a network name from the installed vnetctl.
#   usage: install.sh BUILD-DIR
set -uo pipefail
build=$(realpath "${1:?usage: install.sh BUILD-DIR}")
DOCS_SRC=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/docs/lib.sh
source "$DOCS_SRC/tests/docs/lib.sh"
require_tools cmake man bash zsh fish pkg-config

prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >"$prefix.log" 2>&1 ||
  { cat "$prefix.log"; rm -f "$prefix.log"; die "cmake --install failed"; }
rm -f "$prefix.log"

bashdir=$(pkg-config --variable=completionsdir bash-completion)
bashdir=${bashdir#"$(pkg-config --variable=prefix bash-completion)"/}
for f in bin/vnetctl share/man/man1/vnetctl.1 share/man/man5/vnetctl-network.5 \
  "$bashdir/vnetctl" share/zsh/vendor-completions/_vnetctl \
  share/fish/vendor_completions.d/vnetctl.fish share/doc/vnetctl/examples/nat-default.xml \
  lib/firewalld/zones/vnetctl.xml; do
  check "installed: $f" test -s "$prefix/$f"
done
check "the installed binary is executable" test -x "$prefix/bin/vnetctl"
check "the installed binary prints its version" \
  grep -qx 'vnetctl [0-9.]*' <<<"$("$prefix/bin/vnetctl" --version | head -1)"

page=$(MANWIDTH=80 man -M "$prefix/share/man" vnetctl 2>&1)
check "man -M PREFIX/share/man vnetctl shows vnetctl(1)" grep -q '^VNETCTL(1)' <<<"$page"
page=$(MANWIDTH=80 man -M "$prefix/share/man" 5 vnetctl-network 2>&1)
check "man -M PREFIX/share/man 5 vnetctl-network shows it" grep -q '^VNETCTL-NETWORK(5)' <<<"$page"

# A store with one network of our own, found by the installed binary.
store=$(mktemp -d)
trap 'rm -rf "$prefix" "$store"' EXIT
"$prefix/bin/vnetctl" --root "$store" -q define "$DOCS_SRC/examples/routed.xml" >/dev/null ||
  die "the installed vnetctl cannot define an example"
export VNETCTL_ROOT=$store
export PATH=$prefix/bin:$PATH
export XDG_DATA_DIRS=$prefix/share:/usr/share

# bash: bash-completion loads completions on demand from XDG_DATA_DIRS.
got=$(bash -c '
  source /usr/share/bash-completion/bash_completion
  __load_completion vnetctl || exit 1
  complete -p vnetctl >/dev/null || exit 1
  COMP_WORDS=(vnetctl info r) COMP_CWORD=2 COMP_LINE="vnetctl info r" COMP_POINT=14
  _vnetctl vnetctl r info
  printf "%s\n" "${COMPREPLY[@]}"' 2>&1)
check "bash loads the installed completion and completes a network" test "$got" = routed

# zsh: the installed directory as on Debian's default $fpath.
out=$(complete_zsh "$prefix/share/zsh/vendor-completions" "vnetctl info r")
check "zsh completes a network with the installed _vnetctl" test "$(sed 1d <<<"$out")" = routed

# fish: autoloaded from XDG_DATA_DIRS, not sourced.
got=$(fish -c 'complete -C "vnetctl info r"' | cut -f1)
check "fish autoloads the installed completion and completes a network" test "$got" = routed

summary
