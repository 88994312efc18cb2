#!/usr/bin/env bash
# Builds the Debian package (dpkg-buildpackage -us -uc -b) from a copy of
# this source tree in OUTDIR/src, so the tree itself stays clean and the
# .deb lands in OUTDIR (dpkg-buildpackage writes it next to the tree); runs
# lintian on it and fails on any lintian error; prints the .deb's path last.
#   usage: tests/package/build.sh OUTDIR
# The build runs the tests that need no root (ctest -L noroot); the build
# directory stays as OUTDIR/src/obj-<triplet> (a RelWithDebInfo build with the
# tests) for whoever wants to run more of them. DEB_BUILD_OPTIONS is passed
# through (e.g. nocheck, parallel=N; default parallel=$(nproc)).
set -euo pipefail
out=${1:?usage: tests/package/build.sh OUTDIR}
here=$(cd "$(dirname "$0")/../.." && pwd)
for tool in dpkg-buildpackage dh lintian fakeroot; do
  command -v "$tool" >/dev/null ||
    { echo "package: $tool is missing (tests/install-deps.sh installs it)" >&2; exit 1; }
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
src=$out/src
rm -rf "$src"
mkdir -p "$src"

# The files git knows (tracked, and new ones not ignored), or the whole tree
# without build directories when this is not a git checkout.
if git -C "$here" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$here" && git ls-files -z -co --exclude-standard |
    xargs -0 -r sh -c 'for f; do [ -e "$f" ] || [ -L "$f" ] && printf "%s\0" "$f"; done' sh |
    tar --null -T - -cf -) | tar -xf - -C "$src"
else
  tar -C "$here" --exclude='./build*' --exclude='./obj-*' --exclude='./debian/.debhelper' -cf - . |
    tar -xf - -C "$src"
fi

version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
deb=$out/vnetctl_${version}_${arch}.deb
rm -f "$deb"
export DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-} parallel=$(nproc)"
log=$out/build.log
start=$SECONDS
if ! (cd "$src" && dpkg-buildpackage -us -uc -b) >"$log" 2>&1; then
  tail -n 60 "$log" >&2
  echo "package: dpkg-buildpackage failed (whole log: $log)" >&2
  exit 1
fi
echo "package: built in $((SECONDS - start)) s (log: $log)" >&2
[ -f "$deb" ] || { echo "package: no $deb after the build" >&2; exit 1; }

# lintian: errors fail the build; warnings and the rest are shown.
changes=$out/vnetctl_${version}_${arch}.changes
lintian_out=$(lintian --no-tag-display-limit -i "$changes" 2>&1) || true
[ -z "$lintian_out" ] || printf '%s\n' "$lintian_out" >&2
if grep -q '^E: ' <<<"$lintian_out"; then
  echo "package: lintian reports errors" >&2
  exit 1
fi
echo "$deb"
