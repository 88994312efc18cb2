# shellcheck shell=bash
# Shared by the documentation tests: counting, the command table as the
# binary reports it (`vnetctl --help`, `vnetctl CMD --help`), and each
# shell's real completion run on command lines.
# Source it after setting DOCS_SRC (the source tree).

DOCS_PASSED=0
DOCS_FAILED=0
pass() { DOCS_PASSED=$((DOCS_PASSED + 1)); }
fail() {
  DOCS_FAILED=$((DOCS_FAILED + 1))
  echo "FAIL: $1"
  shift
  local l
  for l in "$@"; do echo "  $l"; done
}
# check NAME COMMAND...: passes when COMMAND succeeds.
check() {
  local name=$1
  shift
  if "$@"; then pass; else fail "$name" "condition: $*"; fi
}
summary() {
  echo "$DOCS_PASSED passed, $DOCS_FAILED failed"
  [[ $DOCS_FAILED -eq 0 ]]
}
die() {
  echo "FAIL: $*"
  echo "0 passed, 1 failed"
  exit 1
}
require_tools() {
  local t
  for t in "$@"; do command -v "$t" >/dev/null || die "$t is missing (tests/install-deps.sh installs it)"; done
}

# help_commands VNETCTL: one line per command, "NAME ALIAS...", from --help.
help_commands() {
  "$1" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {
      line = $0; sub(/^  /, "", line); sub(/   .*/, "", line); gsub(/,/, "", line); print line }'
}

# help_options VNETCTL [CMD]: every option spelling of the global options, or
# of CMD's own (without -h/--help), one per line.
help_options() {
  local v=$1
  shift
  "$v" "$@" --help | awk '/^Options:/ {on = 1; next} /^[A-Z][a-z]*:/ {on = 0}
      on && /^  -/ { spec = $1; n = split(spec, names, ","); for (i = 1; i <= n; i++) print names[i] }' |
    grep -vx -e -h -e --help
}

# complete_bash COMPLETION-FILE LINE...: for each LINE, "== LINE" then the
# candidates, as bash-completion's _vnetctl offers them (COMP_WORDS/COMP_CWORD
# set as bash sets them once _init_completion has joined '=' and ':').
complete_bash() {
  local file=$1
  shift
  bash -c '
    source /usr/share/bash-completion/bash_completion
    source "$1"
    shift
    for line in "$@"; do
      # Words as bash splits them: at blanks, and around "=" and ":" (in
      # COMP_WORDBREAKS), each of which is a word of its own.
      COMP_WORDS=()
      read -ra tokens <<<"$line"
      for t in "${tokens[@]}"; do
        while [[ $t =~ ^([^=:]*)([=:]+)(.*)$ ]]; do
          [[ -n ${BASH_REMATCH[1]} ]] && COMP_WORDS+=("${BASH_REMATCH[1]}")
          COMP_WORDS+=("${BASH_REMATCH[2]}")
          t=${BASH_REMATCH[3]}
        done
        [[ -n $t ]] && COMP_WORDS+=("$t")
      done
      [[ $line == *" " || -z $line ]] && COMP_WORDS+=("")
      COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
      COMP_LINE=$line
      COMP_POINT=${#line}
      COMPREPLY=()
      _vnetctl vnetctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
      echo "== $line"
      [[ ${#COMPREPLY[@]} -gt 0 ]] && printf "%s\n" "${COMPREPLY[@]}"
    done
    true' bash "$file" "$@"
}

# complete_zsh COMPLETION-DIR LINE...: the same through zsh's completion
# system (tests/docs/zsh_complete.zsh).
complete_zsh() {
  local dir=$1
  shift
  zsh "$DOCS_SRC/tests/docs/zsh_complete.zsh" "$dir" "$@"
}

# complete_fish COMPLETION-FILE LINE...: the same through `complete -C`.
complete_fish() {
  local file=$1
  shift
  # shellcheck disable=SC2016 # fish expands these
  fish -c '
    source $argv[1]
    for line in $argv[2..-1]
      echo "== $line"
      complete -C "$line" | string replace -r "\t.*" ""
    end' "$file" "$@"
}

# load_candidates ARRAY OUTPUT: indexes the output of a complete_* function
# into the associative array ARRAY: line -> "\nCANDIDATE\n...\n".
load_candidates() {
  local -n idx=$1
  local l key=""
  idx=()
  while IFS= read -r l; do
    if [[ $l == "== "* ]]; then
      key=${l#== }
      idx["$key"]=$'\n'
    else
      idx["$key"]+="$l"$'\n'
    fi
  done <<<"$2"
}

# offers ARRAY LINE WORD...: every WORD is among LINE's candidates.
offers() {
  local -n offered=$1
  local line=$2 w
  shift 2
  [[ -n ${offered[$line]+set} ]] || return 1
  for w in "$@"; do [[ ${offered[$line]} == *$'\n'"$w"$'\n'* ]] || return 1; done
}

# candidates ARRAY LINE: LINE's candidates, one per line (for messages).
candidates() {
  local -n cands=$1
  printf '%s' "${cands[$2]#$'\n'}"
}
