#!/usr/bin/env zsh
# Runs zsh's real completion system on command lines and prints the
# candidates it offers:
#   zsh_complete.zsh FPATH-DIR 'vnetctl st' ['vnetctl list --' ...]
# prints, for each line, "== LINE" and then one candidate per line.
# One interactive zsh in a pseudo-terminal (zpty) loads compinit with
# FPATH-DIR first in $fpath; each line is typed followed by <Tab>, which runs
# the completion widget. compadd is wrapped to print each match it is given
# (after zsh's own matching, through -A), and the widget prints an end marker,
# so what is printed is exactly what the user would be offered.
emulate -L zsh
local dir=$1
shift
zmodload zsh/zpty

local init=${TMPDIR:-/tmp}/vnetctl-zsh-complete.$$
local dump=$init.zcompdump
{
  cat >$init <<EOF
PROMPT=
fpath=(${(q)dir} \$fpath)
autoload -Uz compinit
compinit -u -d ${(q)dump}
bindkey '^M' undefined
bindkey '^J' undefined
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
# Never ask "do you wish to see all N possibilities?".
LISTMAX=100000
# Nothing is inserted or listed: the line stays as typed.
_vc_begin() { print -r -- \$'\nVC-BEGIN' }
_vc_end() {
  print -r -- \$'\nVC-END'
  compstate[insert]=
  compstate[list]=
}
# compprefuncs and comppostfuncs are emptied after each use: set per <Tab>.
_vc_complete() {
  compprefuncs=(_vc_begin)
  comppostfuncs=(_vc_end)
  zle complete-word
}
zle -N _vc_complete
bindkey '^I' _vc_complete
compadd() {
  # Calls that only query (-O, -A, -D) pass straight through.
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then
    builtin compadd "\$@"
    return
  fi
  local -a _vc_hits
  builtin compadd -A _vc_hits "\$@"
  local h
  for h in \$_vc_hits; do print -r -- "VC-MATCH:\$h"; done
  builtin compadd "\$@"
}
print VC-READY
EOF
  zpty vc zsh -f -i
  zpty -w vc "source ${(q)init}"
  local out
  zpty -r -m vc out '*VC-READY*' || { print -u2 "zsh did not start"; return 2 }
  local line chunk l
  for line in "$@"; do
    # ^U empties the line left from the previous completion.
    zpty -w -n vc $'\C-u'"$line"$'\t'
    zpty -r -m vc chunk '*VC-END*' || { print -u2 "no completion for: $line"; return 2 }
    print -r -- "== $line"
    for l in ${(f)chunk#*VC-BEGIN}; do
      l=${l%$'\r'}
      [[ $l == VC-MATCH:* ]] && print -r -- ${l#VC-MATCH:}
    done
  done
  zpty -d vc
  return 0
} always {
  rm -f $init $dump
}
