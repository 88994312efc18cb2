#!/usr/bin/env bash
# sanity.sh: `ansible-test sanity` on the collection (ansible/), offline, with
# what Debian 12 provides. Every test `ansible-test sanity --list-tests` names
# is run, one by one, and listed with its result; none is skipped.
#
# ansible-test 2.14 runs seven tests (ansible-doc, import, pep8, pylint,
# runtime-metadata, validate-modules, yamllint) in virtual environments it
# fills from PyPI with pinned versions, which CI cannot reach. For each of
# them this script makes the environment ansible-test looks for (same path,
# same hash) itself, as a venv with Debian's site packages (pylint 2.16,
# pycodestyle 2.10, yamllint 1.29, voluptuous 0.12, Jinja2, PyYAML), marked
# complete so ansible-test uses it as is. The tests' own configuration
# (ansible-test's pylint plugins, pep8 ignores, yamllint rules) still applies.
set -uo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin  # Debian's python3 and its packages, whatever the caller's PATH
repo=$(cd "$(dirname "$0")/../.." && pwd)
command -v ansible-test >/dev/null || { echo "FAIL: ansible-test (ansible-core) is not installed"; exit 1; }
t=$(mktemp -d /tmp/vnetctl-ansible-sanity.XXXXXX)
trap 'rm -rf "$t"' EXIT
export HOME=$t/home   # ansible-test's venvs and caches stay in $t
mkdir -p "$HOME" "$t/ansible_collections/vnetctl"
cp -r "$repo/ansible" "$t/ansible_collections/vnetctl/network"
cd "$t/ansible_collections/vnetctl/network" || exit 1
rm -rf tests/output
# ansible-test lists a collection's files through git, as in a checkout.
if ! git init -q . || ! git add -A; then echo "FAIL: git init"; exit 1; fi

py=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')

# debian_venvs: until --prime-venvs succeeds, make the venv it could not fill
# (named in its error) from Debian's packages.
debian_venvs() {
  local out path i
  for ((i = 0; i < 20; i++)); do
    out=$(ansible-test sanity --python "$py" --color no --prime-venvs 2>&1) && return 0
    path=$(grep -oE '"[^"]*/\.ansible/test/venv/[^"]*/bin/python"' <<<"$out" | tr -d '"')
    [[ -n $path ]] || { echo "$out" | tail -5; return 1; }
    path=${path%/bin/python}
    rm -rf "$path"
    python3 -m venv --without-pip --system-site-packages "$path" || return 1
    echo '[]' >"$path/meta.install.json"
    python3 -c 'import yaml; print("true" if yaml.__with_libyaml__ else "false")' >"$path/meta.yaml.json"
    touch "$path/marker.txt"
    echo "note: $(basename "$(dirname "$(dirname "$path")")") uses Debian's packages"
  done
  return 1
}

mapfile -t tests < <(ansible-test sanity --list-tests 2>/dev/null)
((${#tests[@]} > 20)) || { echo "FAIL: ansible-test listed only ${#tests[@]} sanity tests"; exit 1; }
debian_venvs || { echo "FAIL: cannot make ansible-test's venvs from Debian's packages"; exit 1; }
ansible-test sanity --python "$py" --color no >"$t/sanity.log" 2>&1
rc=$?
# The failed tests, from ansible-test's closing list; every other one ran and passed.
failed_tests=$(sed -n '/sanity test(s) listed below/,$p' "$t/sanity.log" | grep -E '^[a-z0-9-]+$')
# ansible-test stopping with an error of its own: the test it was running failed.
((rc == 0)) || [[ -n $failed_tests ]] ||
  failed_tests=$(grep -oE '^Running sanity test "[a-z0-9-]+"' "$t/sanity.log" | tail -1 | cut -d'"' -f2)
passed=0
failed=0
for test in "${tests[@]}"; do
  grep -q "^Running sanity test \"$test\"" "$t/sanity.log" || {
    echo "FAIL: ansible-test sanity --test $test did not run"
    failed=$((failed + 1))
    continue
  }
  if grep -qx "$test" <<<"$failed_tests"; then
    echo "FAIL: ansible-test sanity --test $test"
    failed=$((failed + 1))
  else
    echo "PASS: ansible-test sanity --test $test"
    passed=$((passed + 1))
  fi
done
grep -iE 'skipping|WARNING: ' "$t/sanity.log" | grep -v locale | sed 's/^/note: /'
if ((rc != 0)); then
  grep -vE 'locale|Reviewing previous' "$t/sanity.log" | grep -vE '^Running sanity test' | tail -40 | sed 's/^/    /'
fi
echo "sanity: $passed passed, $failed failed (of ${#tests[@]} tests)"
((rc == 0 && failed == 0))
