#!/usr/bin/env bash
# The man pages render cleanly: groff with every warning on reports nothing,
# and man(1) formats each at the usual 80 columns without a complaint.
#   usage: man.sh
set -uo pipefail
DOCS_SRC=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/docs/lib.sh
source "$DOCS_SRC/tests/docs/lib.sh"
require_tools groff man

errfile=$(mktemp)
trap 'rm -f "$errfile"' EXIT
for page in "$DOCS_SRC"/man/*.[1-8]; do
  name=$(basename "$page")
  warnings=$(groff -man -ww -z "$page" 2>&1)
  if [[ -z $warnings ]]; then pass; else fail "groff -man -ww -z $name warns" "$warnings"; fi
  out=$(MANWIDTH=80 man -l "$page" 2>"$errfile")
  rc=$?
  err=$(<"$errfile")
  if [[ $rc -eq 0 && -z $err ]]; then pass; else fail "man -l $name: exit $rc" "$err"; fi
  check "man -l $name has NAME" grep -q '^NAME' <<<"$out"
  check "man -l $name has SEE ALSO" grep -q '^SEE ALSO' <<<"$out"
done
summary
