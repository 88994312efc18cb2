#!/usr/bin/env zsh
# Runs zsh's real completion system on a command line and prints the
# candidates it offers, one per line:
#   zsh_complete.zsh FPATH-DIR 'vnetctl st'
# An interactive zsh in a pseudo-terminal (zpty) loads compinit with
# FPATH-DIR first in $fpath, and a <Tab> after the line runs the completion
# widget. compadd is wrapped to print each match it is given (after zsh's
# own matching, through -A) between two NUL marker lines, so what is printed
# is exactly what the user would be offered.
emulate -L zsh
setopt err_return
local dir=$1 line=$2
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
bindkey '^I' complete-word
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
_vc_marker() { print -rn -- \$'\\n\\0\\n' }
compprefuncs=(_vc_marker)
comppostfuncs=(_vc_marker exit)
compadd() {
  # Calls that only query (-O, -A, -D) pass straight through.
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then
    builtin compadd "\$@"
    return
  fi
  local -a _vc_hits
  builtin compadd -A _vc_hits "\$@"
  local h
  for h in \$_vc_hits; do print -r -- "MATCH:\$h"; done
  builtin compadd "\$@"
}
print ready
EOF
  zpty vc zsh -f -i
  zpty -w vc "source ${(q)init}"
  local out
  repeat 50; do
    zpty -r vc out || break
    [[ $out == *ready* ]] && break
  done
  zpty -w -n vc "$line"$'\t'
  local all= chunk
  # Read until the completion widget's `exit` closes the terminal.
  while zpty -r vc chunk; do all+=$chunk; done
  zpty -d vc
  local l
  for l in ${(f)all}; do
    l=${l%$'\r'}
    [[ $l == MATCH:* ]] && print -r -- ${l#MATCH:}
  done
  return 0
} always {
  rm -f $init $dump
}
