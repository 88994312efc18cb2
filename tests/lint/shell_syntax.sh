#!/usr/bin/env bash
# Every shell script of the tree parses (bash -n), and no file carries a merge
# conflict's markers: a conflict left in tests/install-deps.sh once failed a
# whole CI run after one second. Runs without git (the package build's copy
# of the tree has none).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
cd "$src"
failed=0
checked=0
while IFS= read -r -d '' f; do
  checked=$((checked + 1))
  bash -n "$f" || { echo "FAIL: $f does not parse"; failed=1; }
done < <(find . -path ./build -prune -o -path './obj-*' -prune -o -path ./.git -prune -o \
  -name '*.sh' -type f -print0)
conflicts=$(grep -rlI --exclude-dir=.git --exclude-dir=build --exclude-dir='obj-*' \
  -e '^<<<<<<< ' -e '^>>>>>>> ' . || true)
if [ -n "$conflicts" ]; then
  echo "FAIL: merge conflict markers in: $conflicts"
  failed=1
fi
echo "shell syntax: $checked scripts parsed; conflict markers: ${conflicts:-none}"
exit $failed
