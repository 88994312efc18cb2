#!/usr/bin/env bash
# Every command in the command table (`vnetctl --help`) is run by some
# example that the test suite runs: the logs that examples.sh and
# examples_live.sh wrote (one vnetctl command line per line) must name each
# command, by its name or one of its aliases.
#   usage: examples_coverage.sh PATH/TO/vnetctl LOG...
set -uo pipefail
vnetctl=$(realpath "${1:?usage: examples_coverage.sh PATH/TO/vnetctl LOG...}")
shift
DOCS_SRC=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/docs/lib.sh
source "$DOCS_SRC/tests/docs/lib.sh"
[[ $# -gt 0 ]] || die "no logs given"

# The command word of each logged command line: the first word that is
# neither an option nor the value of --root or --backend.
used=" "
for logfile in "$@"; do
  if [[ ! -s $logfile ]]; then
    fail "no commands logged in $logfile (did its examples run?)"
    continue
  fi
  while read -ra argv; do
    for ((i = 0; i < ${#argv[@]}; i++)); do
      case ${argv[i]} in
        --root | --backend) ((i++)) ;;
        -*) ;;
        *) used+="${argv[i]} "; break ;;
      esac
    done
  done <"$logfile"
done

while read -ra names; do
  hit=""
  for n in "${names[@]}"; do [[ $used == *" $n "* ]] && hit=$n; done
  if [[ -n $hit ]]; then pass; else fail "no example runs '${names[0]}' (nor ${names[*]:1})"; fi
done < <(help_commands "$vnetctl")
summary
