#!/usr/bin/env bash
# shellcheck disable=SC2034 # candidate arrays are read through namerefs
# The documentation says what the binary does: every command, virsh name and
# option that `vnetctl --help` and `vnetctl CMD --help` report is described
# in vnetctl(1) under that command and is completed by all three completion
# files; every backend, exit code and environment variable the code knows is
# in the man page; every element the XML parser reads is in
# vnetctl-network(5); the pages carry the binary's version.
#   usage: consistency.sh PATH/TO/vnetctl
# Prints a FAIL line per gap and "N passed, N failed".
set -uo pipefail
vnetctl=$(realpath "${1:?usage: consistency.sh PATH/TO/vnetctl}")
DOCS_SRC=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/docs/lib.sh
source "$DOCS_SRC/tests/docs/lib.sh"
require_tools groff bash zsh fish awk
[[ -r /usr/share/bash-completion/bash_completion ]] || die "bash-completion is missing"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$vnetctl" "$work/bin/vnetctl"
export PATH=$work/bin:$PATH
unset VNETCTL_ROOT VNETCTL_BACKEND
# Completion asks `vnetctl list` for names: give it an empty store of its own.
export VNETCTL_ROOT=$work/root

# The man page as text, one paragraph line unbroken (a very long line
# length), hyphens as '-'.
man_text() { groff -man -Tascii -P-cbou -rLL=2000n "$1" 2>/dev/null; }
page1=$(man_text "$DOCS_SRC/man/vnetctl.1")
page5=$(man_text "$DOCS_SRC/man/vnetctl-network.5")

# section TEXT TITLE: the lines of one .SH section.
section() { awk -v t="$2" '/^[A-Z]/ {on = ($0 == t); next} on' <<<"$1"; }

# command_block NAME: the paragraph of vnetctl(1) COMMANDS whose tag starts
# with NAME (tags are indented 7, their bodies more).
command_block() {
  section "$page1" COMMANDS | awk -v n="$1" '
    /^       [^ ]/ {on = 0; split(substr($0, 8), w, " "); if (w[1] == n) on = 1}
    on'
}

# --- the command table ---------------------------------------------------
mapfile -t commands < <(help_commands "$vnetctl")
[[ ${#commands[@]} -gt 10 ]] || die "cannot read the commands from $vnetctl --help"
mapfile -t globals < <(help_options "$vnetctl")
all_names=()
for entry in "${commands[@]}"; do
  read -ra names <<<"$entry"
  all_names+=("${names[@]}")
done

# --- vnetctl(1) ----------------------------------------------------------
for entry in "${commands[@]}"; do
  read -ra names <<<"$entry"
  cmd=${names[0]}
  block=$(command_block "$cmd")
  if [[ -z $block ]]; then
    fail "vnetctl(1) COMMANDS has no entry for '$cmd'"
    continue
  fi
  pass
  tag=$(head -1 <<<"$block")
  for alias in "${names[@]:1}"; do
    check "vnetctl(1): '$cmd' names its alias '$alias'" grep -qE "[(, ]${alias}[),]" <<<"$tag"
  done
  while read -r opt; do
    [[ -n $opt ]] || continue
    check "vnetctl(1): '$cmd' describes $opt" grep -qE -- "(^|[^a-z-])$opt([^a-z-]|$)" <<<"$block"
  done < <(help_options "$vnetctl" "$cmd")
done
global_section=$(section "$page1" "GLOBAL OPTIONS")
for opt in "${globals[@]}"; do
  check "vnetctl(1) GLOBAL OPTIONS describes $opt" \
    grep -qE -- "^       ($opt|-[a-z], $opt|$opt, --[a-z-]+)( |$)" <<<"$global_section"
done

backends=$("$vnetctl" --help | sed -n 's/.*--backend TEXT:{\([^}]*\)}.*/\1/p' | tr ',' ' ')
[[ -n $backends ]] || fail "cannot read the backend names from --help"
for b in $backends; do
  [[ $b == auto ]] && continue
  check "vnetctl(1) BACKENDS has a subsection for $b" grep -qx "   $b" <<<"$(section "$page1" BACKENDS)"
done

codes=$(sed -n 's/^ *k[A-Za-z]* = \([0-9]*\),$/\1/p' "$DOCS_SRC/core/error.h")
[[ -n $codes ]] || fail "found no exit codes in core/error.h"
for code in $codes; do
  check "vnetctl(1) EXIT STATUS lists $code" grep -qE "^       $code( |$)" <<<"$(section "$page1" "EXIT STATUS")"
done

# Every variable the code reads (getenv, CLI11's envname, the editor list).
envs=$(grep -rhE 'getenv\(|envname\(|const char\* var :' "$DOCS_SRC/cli" "$DOCS_SRC/core" \
  "$DOCS_SRC/backends" | grep -oE '"[A-Z][A-Z0-9_]+"' | tr -d '"' | sort -u)
[[ -n $envs ]] || fail "found no environment variables in the source"
for e in $envs; do
  check "vnetctl(1) ENVIRONMENT lists $e" grep -qE "^       (.*, )?$e(,| |$)" <<<"$(section "$page1" ENVIRONMENT)"
done

version=$("$vnetctl" --version | head -1)
for page in vnetctl.1 vnetctl-network.5; do
  check "$page carries the binary's version ($version)" \
    grep -q "^\.TH .* \"$version\"" "$DOCS_SRC/man/$page"
done

# --- vnetctl-network(5) ----------------------------------------------------
# (network_port.cpp reads libvirt's network port XML, net-port-create's, not a network's)
elements=$(grep -ohE --exclude=network_port.cpp '(Child|Children|ChildText)\([a-z_]+, "[a-z]+"' \
  "$DOCS_SRC"/core/xml/*.cpp |
  sed 's/.*"\(.*\)"/\1/' | sort -u)
[[ -n $elements ]] || fail "found no element names in core/xml"
for el in $elements; do
  check "vnetctl-network(5) describes <$el>" grep -q "<${el}[ >/]" <<<"$(section "$page5" ELEMENTS)"
done

# --- completions -----------------------------------------------------------
# The lines each shell completes: every command at the start, then after
# each command and alias every option it takes (with "-" typed).
lines=("vnetctl " "vnetctl --backend " "vnetctl -")
for name in "${all_names[@]}"; do lines+=("vnetctl $name -"); done

zdir=$work/zsh
mkdir -p "$zdir"
cp "$DOCS_SRC/completions/_vnetctl" "$zdir/"
out_bash=$(complete_bash "$DOCS_SRC/completions/vnetctl.bash" "${lines[@]}")
out_zsh=$(complete_zsh "$zdir" "${lines[@]}")
out_fish=$(complete_fish "$DOCS_SRC/completions/vnetctl.fish" "${lines[@]}")

declare -A cand_bash cand_zsh cand_fish
load_candidates cand_bash "$out_bash"
load_candidates cand_zsh "$out_zsh"
load_candidates cand_fish "$out_fish"
for shell in bash zsh fish; do
  out=cand_$shell
  for name in "${all_names[@]}"; do
    check "$shell completes the command '$name'" offers "$out" "vnetctl " "$name"
  done
  for b in $backends; do
    check "$shell completes --backend $b" offers "$out" "vnetctl --backend " "$b"
  done
  for opt in "${globals[@]}"; do
    check "$shell completes the global option $opt" offers "$out" "vnetctl -" "$opt"
  done
  for entry in "${commands[@]}"; do
    read -ra names <<<"$entry"
    mapfile -t opts < <(help_options "$vnetctl" "${names[0]}")
    for name in "${names[@]}"; do
      for opt in "${opts[@]}" "${globals[@]}"; do
        [[ -n $opt ]] || continue
        # --version exits at once: a shell need not offer it after a command.
        [[ $opt == --version ]] && continue
        check "$shell completes $opt after '$name'" offers "$out" "vnetctl $name -" "$opt"
      done
    done
  done
done

summary
