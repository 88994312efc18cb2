#!/usr/bin/env bash
# End-to-end tests of the vnetctl binary against a scratch --root: exact
# stdout, stderr and exit code of each command.
#   usage: cli_test.sh PATH/TO/vnetctl
set -u

VNETCTL=${1:?usage: cli_test.sh PATH/TO/vnetctl}
[[ -x $VNETCTL ]] || { echo "FAIL: $VNETCTL is not executable"; exit 1; }

ROOT=$(mktemp -d)
WORK=$(mktemp -d)
trap 'rm -rf "$ROOT" "$WORK"' EXIT
NETS=$ROOT/etc/vnetctl/networks
PASSED=0
FAILED=0
UUID1=0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b5c
UUID2=7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f

# run ARGS...: runs vnetctl on $ROOT, keeping stdout, stderr and the exit code.
run() {
  "$VNETCTL" --root "$ROOT" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
  RC=$?
}

pass() { PASSED=$((PASSED + 1)); }
fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL: $1"
  shift
  printf '  %s\n' "$@"
}

# expect NAME RC STDOUT STDERR: compares the last run byte for byte.
expect() {
  local name=$1 rc=$2 out=$3 err=$4
  local got_out got_err
  got_out=$(cat "$WORK/out"; printf x)
  got_err=$(cat "$WORK/err"; printf x)
  if [[ $RC == "$rc" && $got_out == "${out}x" && $got_err == "${err}x" ]]; then
    pass
  else
    fail "$name" "exit: got $RC want $rc" "stdout got: ${got_out%x}" "stdout want: $out" \
      "stderr got: ${got_err%x}" "stderr want: $err"
  fi
}

# check NAME CONDITION...: a shell test.
check() {
  local name=$1
  shift
  if "$@"; then pass; else fail "$name" "condition: $*"; fi
}

write_net1() {
  cat >"$WORK/net1.xml" <<EOF
<network>
  <name>net1</name>
  <uuid>$UUID1</uuid>
  <forward mode='nat'/>
  <bridge name='virbr10'/>
  <mac address='52:54:00:0a:0b:0c'/>
  <ip address='192.168.50.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.50.2' end='192.168.50.254'/>
    </dhcp>
  </ip>
</network>
EOF
}

NET1_DUMP="<network>
  <name>net1</name>
  <uuid>$UUID1</uuid>
  <forward mode='nat'/>
  <bridge name='virbr10' stp='on' delay='0'/>
  <mac address='52:54:00:0a:0b:0c'/>
  <ip address='192.168.50.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.50.2' end='192.168.50.254'/>
    </dhcp>
  </ip>
</network>
"

test_fresh_root_has_default() {
  run list --all
  expect "list --all on a fresh root" 0 \
    " Name      State      Autostart   Persistent
----------------------------------------------
 default   inactive   no          yes

" ""
  check "default.xml is written" test -f "$NETS/default.xml"
  check "default.xml has mode 0600" test "$(stat -c %a "$NETS/default.xml")" = 600
  check "default.xml names vnetctl edit" grep -qx '  vnetctl edit default' "$NETS/default.xml"
  check "default got a uuid" grep -Eq '<uuid>[0-9a-f-]{36}</uuid>' "$NETS/default.xml"
  check "default got a MAC" grep -Eq "<mac address='52:54:00(:[0-9a-f]{2}){3}'/>" \
    "$NETS/default.xml"
  check "default is nat on virbr0" grep -q "<bridge name='virbr0' stp='on' delay='0'/>" \
    "$NETS/default.xml"
  run list
  expect "list shows active networks only" 0 \
    " Name   State   Autostart   Persistent
----------------------------------------

" ""
}

test_define_round_trip() {
  write_net1
  run define "$WORK/net1.xml"
  expect "define" 0 "Network net1 defined from $WORK/net1.xml

" ""
  check "definition has mode 0600" test "$(stat -c %a "$NETS/net1.xml")" = 600
  run info net1
  expect "info" 0 "Name:           net1
UUID:           $UUID1
Active:         no
Persistent:     yes
Autostart:      no
Bridge:         virbr10

" ""
  run uuid net1
  expect "uuid" 0 "$UUID1

" ""
  run name "$UUID1"
  expect "name" 0 "net1

" ""
  run info "$UUID1"
  expect "info by uuid" 0 "Name:           net1
UUID:           $UUID1
Active:         no
Persistent:     yes
Autostart:      no
Bridge:         virbr10

" ""
  run dumpxml net1
  expect "dumpxml" 0 "$NET1_DUMP
" ""
  run dumpxml --inactive net1
  expect "dumpxml --inactive" 0 "$NET1_DUMP
" ""
}

test_define_from_stdin_and_redefine() {
  sed '/<uuid>/d' "$WORK/net1.xml" >"$WORK/net1-nouuid.xml"
  "$VNETCTL" --root "$ROOT" define - <"$WORK/net1-nouuid.xml" >"$WORK/out" 2>"$WORK/err"
  RC=$?
  expect "define - (stdin) redefines, keeping the uuid" 0 "Network net1 defined from -

" ""
  run uuid net1
  expect "uuid kept on redefinition" 0 "$UUID1

" ""
}

test_uniqueness() {
  sed -e 's/net1/net2/' -e 's/virbr10/virbr12/' "$WORK/net1.xml" >"$WORK/net2.xml"
  run define "$WORK/net2.xml"
  expect "same uuid, other name" 1 $'\n' \
    "vnetctl: error: operation failed: network 'net1' is already defined with uuid $UUID1
"
  check "nothing written for net2" test ! -e "$NETS/net2.xml"
  sed -e "s/$UUID1/$UUID2/" "$WORK/net1.xml" >"$WORK/net1-other-uuid.xml"
  run define "$WORK/net1-other-uuid.xml"
  expect "same name, other uuid" 1 $'\n' \
    "vnetctl: error: operation failed: network 'net1' already exists with uuid $UUID1
"
  sed -e 's/net1/net3/' -e "s/$UUID1/$UUID2/" "$WORK/net1.xml" >"$WORK/net3.xml"
  run define "$WORK/net3.xml"
  expect "explicit bridge used by another network" 1 $'\n' \
    "vnetctl: error: $WORK/net3.xml:5: internal error: bridge name 'virbr10' already in use. (/network/bridge)
"
}

test_invalid_define() {
  cat >"$WORK/bad.xml" <<'EOF'
<network>
  <name>bad</name>
  <forward mode='nat'/>
  <ip address='192.168.60.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.70.2' end='192.168.70.254'/>
      <lease expiry='1' unit='minutes'/>
    </dhcp>
  </ip>
  <route address='10.1.0.0' prefix='16' gateway='10.9.9.9'/>
</network>
EOF
  run define "$WORK/bad.xml"
  check "invalid definition exits 65" test "$RC" = 65
  check "only virsh's empty line on stdout" test "$(od -An -c "$WORK/out" | tr -d ' ')" = '\n'
  check "range error reported" grep -qxF "vnetctl: error: $WORK/bad.xml:6: internal error: range 192.168.70.2 - 192.168.70.254 is not entirely within network 192.168.60.1/24 (/network/ip[1]/dhcp/range[1])" "$WORK/err"
  check "route error reported too" grep -qF "unreachable static route gateway '10.9.9.9' specified for network 'bad'" "$WORK/err"
  check "every error on its own prefixed line" test "$(grep -vc '^vnetctl: error: ' "$WORK/err")" = 0
  check "more than one error" test "$(wc -l <"$WORK/err")" -ge 2
  check "nothing written for bad" test ! -e "$NETS/bad.xml"
  printf "<network>\n  <name>x</name>\n  <forward mode='bogus'/>\n</network>\n" >"$WORK/mode.xml"
  run define "$WORK/mode.xml"
  expect "parse error" 65 $'\n' \
    "vnetctl: error: $WORK/mode.xml:3: unsupported configuration: unknown forwarding type 'bogus' (/network/forward/@mode)
"
  check "nothing written for x" test ! -e "$NETS/x.xml"
  run define "$WORK/does-not-exist.xml"
  expect "missing file" 1 $'\n' \
    "vnetctl: error: cannot open '$WORK/does-not-exist.xml': No such file or directory
"
  printf '<network><name>n\0</name></network>' >"$WORK/nul.xml"
  run define "$WORK/nul.xml"
  expect "NUL byte refused" 65 $'\n' "vnetctl: error: '$WORK/nul.xml' contains a NUL byte
"
}

test_autostart() {
  run autostart net1
  expect "autostart" 0 "Network net1 marked as autostarted

" ""
  check "autostart link target" test "$(readlink "$NETS/autostart/net1.xml")" = \
    /etc/vnetctl/networks/net1.xml
  run list --all --autostart
  expect "list --autostart" 0 " Name   State      Autostart   Persistent
-------------------------------------------
 net1   inactive   yes         yes

" ""
  run list --all --no-autostart --name
  expect "list --no-autostart --name" 0 "default

" ""
  run autostart --disable net1
  expect "autostart --disable" 0 "Network net1 unmarked as autostarted

" ""
  check "autostart link removed" test ! -L "$NETS/autostart/net1.xml"
}

test_list_formats() {
  sed -e 's/net1/Alpha/' -e "s/$UUID1/$UUID2/" -e 's/virbr10/virbr20/' \
    -e 's/0a:0b:0c/0a:0b:0d/' "$WORK/net1.xml" >"$WORK/alpha.xml"
  run define "$WORK/alpha.xml"
  expect "define Alpha" 0 "Network Alpha defined from $WORK/alpha.xml

" ""
  run list --all --name
  expect "names sorted case-insensitively" 0 "Alpha
default
net1

" ""
  run list --all --uuid --persistent
  check "--uuid prints three uuids" test "$(grep -cE '^[0-9a-f-]{36}$' "$WORK/out")" = 3
  run list --transient --all
  expect "no transient networks" 0 " Name   State   Autostart   Persistent
----------------------------------------

" ""
  run -q list --all --no-autostart --persistent
  expect "-q drops the header and the blank line" 0 " Alpha     inactive   no   yes
 default   inactive   no   yes
 net1      inactive   no   yes
" ""
  run list --all --name --uuid
  expect "--name and --uuid are exclusive" 64 $'\n' \
    "vnetctl: error: Only one argument from --table, --name and --uuid may be specified.
"
  run --json list --all --name
  check "--json exits 0" test "$RC" = 0
  check "--json is an array of three" test "$(grep -c '"name":' "$WORK/out")" = 3
  check "--json has net1's object" grep -qF "\"uuid\": \"$UUID1\"" "$WORK/out"
  check "--json has bridge" grep -qF '"bridge": "virbr20"' "$WORK/out"
  check "--json has flags" grep -qF '"autostart": false' "$WORK/out"
  run --json info net1
  expect "info --json" 0 "{
  \"active\": false,
  \"autostart\": false,
  \"bridge\": \"virbr10\",
  \"name\": \"net1\",
  \"persistent\": true,
  \"uuid\": \"$UUID1\"
}
" ""
}

test_virsh_names() {
  run net-info net1
  check "net-info" grep -qx 'Name:           net1' "$WORK/out"
  # A live command under --root is refused (1, as virsh fails an operation), not a usage error.
  run net-start net1
  expect "net-start under --root is refused with 1" 1 $'\n' "vnetctl: error: Requested operation is not valid: this command changes the live host and cannot run under --root; use \`render --output DIR\` to prepare an image
"
  # Inactive, never started: libvirt's empty table and exit 0 (no active check).
  run net-dhcp-leases net1
  expect "net-dhcp-leases of an inactive network" 0 " Expiry Time   MAC address   Protocol   IP address   Hostname   Client ID or DUID
-----------------------------------------------------------------------------------

" ""
  run net-uuid net1
  expect "net-uuid" 0 "$UUID1

" ""
  run net-name "$UUID1"
  expect "net-name" 0 "net1

" ""
  run net-list --all --name
  expect "net-list" 0 "Alpha
default
net1

" ""
  run net-autostart Alpha
  expect "net-autostart" 0 "Network Alpha marked as autostarted

" ""
  run net-dumpxml net1
  expect "net-dumpxml" 0 "$NET1_DUMP
" ""
  run net-undefine Alpha
  expect "net-undefine" 0 "Network Alpha has been undefined

" ""
  check "Alpha's autostart link removed" test ! -L "$NETS/autostart/Alpha.xml"
  run net-define "$WORK/alpha.xml"
  expect "net-define" 0 "Network Alpha defined from $WORK/alpha.xml

" ""
}

# virsh's grammar: named arguments mixed with positional ones, -c URIs, -r.
# The port commands: under --root there is no live host, so net1 (inactive
# here anyway) has no ports; the host-changing ones are refused (1, not 64).
test_ports() {
  local port=edfc7445-40c2-58bf-b07b-501531523131
  run port-list net1
  expect "port-list: virsh's empty table" 0 " UUID
-------

" ""
  run net-port-list --network net1 --uuid
  expect "net-port-list --uuid, named network" 0 $'\n' ""
  run port-list net1 --uuid --table
  expect "port-list --uuid --table" 64 $'\n' \
    "vnetctl: error: Only one argument from --table and --uuid may be specified.
"
  run --json port-list net1
  expect "port-list --json" 0 "[]
" ""
  run port-list nosuch
  expect "port-list of an unknown network" 1 $'\n' \
    "vnetctl: error: Network not found: no network with matching name 'nosuch'
"
  run net-port-dumpxml net1 "$port"
  expect "port-dumpxml of an unknown port" 1 $'\n' \
    "vnetctl: error: network port not found: Network port with UUID $port does not exist
"
  run port-dumpxml --network net1 --port not-a-uuid
  expect "port-dumpxml of a malformed uuid" 1 $'\n' \
    "vnetctl: error: network port not found: Network port with UUID not-a-uuid does not exist
"
  run port-dumpxml nosuch "$port"
  expect "port-dumpxml of an unknown network" 1 $'\n' \
    "vnetctl: error: Network not found: no network with matching name 'nosuch'
"
  run port-dumpxml net1
  check "port-dumpxml without a port is a usage error" test "$RC" = 64
  run net-port-delete net1 "$port"
  expect "net-port-delete under --root is refused with 1" 1 $'\n' "vnetctl: error: Requested operation is not valid: this command changes the live host and cannot run under --root; use \`render --output DIR\` to prepare an image
"
  run port-delete nosuch "$port"
  expect "port-delete of an unknown network" 1 $'\n' \
    "vnetctl: error: Network not found: no network with matching name 'nosuch'
"
  cat >"$WORK/port.xml" <<EOF
<networkport>
  <uuid>$port</uuid>
  <owner>
    <name>guest</name>
    <uuid>$UUID2</uuid>
  </owner>
  <mac address='52:54:00:ee:00:01'/>
  <plug type='network' bridge='virbr10'/>
</networkport>
EOF
  run net-port-create net1 "$WORK/port.xml"
  expect "net-port-create under --root is refused with 1" 1 $'\n' "vnetctl: error: Requested operation is not valid: this command changes the live host and cannot run under --root; use \`render --output DIR\` to prepare an image
"
  sed -i "/<mac /d" "$WORK/port.xml"
  run port-create --network net1 --file "$WORK/port.xml"
  check "port-create without <mac> is libvirt's XML error (65)" test "$RC" = 65
  check "port-create names the missing MAC" grep -qF "XML error: missing mac address" "$WORK/err"
  run port-create net1 "$WORK/port.xml" --validate
  check "port-create --validate without <mac> fails the schema (65)" test "$RC" = 65
  check "port-create --validate says so in libvirt's words" \
    grep -qF "XML document failed to validate against schema" "$WORK/err"
  run port-create net1 "$WORK/nosuch.xml"
  check "port-create of a missing file fails" test "$RC" = 1
  run port-list --help
  check "port-list --help" grep -qF -- "--uuid" "$WORK/out"
  run --help
  check "--help lists the port commands" grep -qE '^  port-list, net-port-list +List' "$WORK/out"
  check "--help lists port-create" grep -qE '^  port-create, net-port-create +Plug' "$WORK/out"
}

test_virsh_grammar() {
  run net-info --network=net1
  check "net-info --network=NAME" grep -qx 'Name:           net1' "$WORK/out"
  run -c qemu:///system net-dumpxml --network net1
  expect "-c qemu:///system net-dumpxml --network" 0 "$NET1_DUMP
" ""
  run --connect=network:///system?mode=direct -q net-uuid net1
  expect "--connect=URI with parameters is this host" 0 "$UUID1
" ""
  run net-update --command add-last net1 ip-dhcp-host --xml "<host mac='52:54:00:00:00:77' ip='192.168.50.77'/>" --config
  expect "net-update: positionals fill the arguments not named" 0 "Updated network net1 persistent config
" ""
  check "the named command and section took effect" grep -q "52:54:00:00:00:77" "$NETS/net1.xml"
  run net-update net1 delete --section ip-dhcp-host "<host mac='52:54:00:00:00:77' ip='192.168.50.77'/>" --config
  expect "net-update: a named section between positionals" 0 "Updated network net1 persistent config
" ""
  run net-undefine
  expect "a missing argument is a usage error" 64 "" "vnetctl: error: network is required
"
  run net-undefine --network net1 net2
  expect "an argument too many is a usage error" 64 "" "vnetctl: error: The following argument was not expected: net2
"
  run -c qemu:///session net-list
  expect "a session URI says what to use" 1 "" "vnetctl: error: failed to connect to the hypervisor: qemu:///session: a session instance has no virtual networks of its own; vnetctl manages the host's (system) networks: leave out -c, or use qemu:///system
"
  run -c test:///default net-list
  expect "another driver is refused" 1 "" "vnetctl: error: failed to connect to the hypervisor: test:///default: vnetctl answers for libvirt's network driver only (qemu:// or network://)
"
  run -c qemu+tcp://host/system net-list
  expect "another transport is refused" 1 "" "vnetctl: error: failed to connect to the hypervisor: qemu+tcp://host/system: transport 'tcp' is not vnetctl's; use qemu+ssh://
"
  run -r net-undefine --network net1
  expect "-r refuses a change" 1 $'\n' "vnetctl: error: operation forbidden: read only access prevents virNetworkUndefine
"
  check "-r changed nothing" test -f "$NETS/net1.xml"
  printf "<network>\n  <name>v1</name>\n  <bogus/>\n</network>\n" >"$WORK/v1.xml"
  run net-define --validate "$WORK/v1.xml"
  expect "define --validate: libvirt's schema, at the element's line" 65 $'\n' "vnetctl: error: $WORK/v1.xml:3: XML document failed to validate against schema: Unable to validate doc against /usr/share/libvirt/schemas/network.rng: Element network has extra content: bogus
"
  check "--validate defined nothing" test ! -e "$NETS/v1.xml"
  run --quiet --readonly net-list --name --all --persistent
  check "-r lists" grep -qx net1 "$WORK/out"
}

test_update() {
  run update net1 add ip-dhcp-host "<host mac='52:54:00:00:00:01' name='vm1' ip='192.168.50.10'/>"
  expect "update add host" 0 "Updated network net1 persistent config
" ""
  check "host stored" grep -qF "<host mac='52:54:00:00:00:01' name='vm1' ip='192.168.50.10'/>" \
    "$NETS/net1.xml"
  run update net1 add ip-dhcp-host "<host mac='52:54:00:00:00:01' name='vm1' ip='192.168.50.10'/>"
  expect "update add duplicate host" 1 $'\n' \
    "vnetctl: error: Requested operation is not valid: there is an existing dhcp host entry in network 'net1' that matches \"<host mac='52:54:00:00:00:01' name='vm1' ip='192.168.50.10'/>\"
"
  run update net1 add ip-dhcp-host "<host mac='52:54:00:00:00:02' ip='192.168.50.11'/>" --live
  expect "update --live on an inactive network" 1 $'\n' \
    "vnetctl: error: Requested operation is not valid: network is not running
"
  printf "<host mac='52:54:00:00:00:01'/>\n" >"$WORK/host.xml"
  run net-update net1 delete ip-dhcp-host "$WORK/host.xml" --config
  expect "update delete host from a file" 0 "Updated network net1 persistent config
" ""
  run dumpxml net1
  expect "host gone again" 0 "$NET1_DUMP
" ""
  run update net1 frob ip-dhcp-host "<host/>"
  expect "unknown update command" 64 $'\n' "vnetctl: error: unrecognized command name 'frob'
"
  run update net1 add bridge "<bridge name='x'/>"
  expect "unsupported section" 65 $'\n' \
    "vnetctl: error: Operation not supported: can't update 'bridge' section of network 'net1'
"
}

test_edit() {
  EDITOR=true run edit net1
  expect "edit without change" 0 "Network net1 XML configuration not changed.

" ""
  EDITOR="sed -i s/virbr10/virbr11/" run edit net1
  expect "edit" 0 "Network net1 XML configuration edited.

" ""
  check "edited bridge stored" grep -qF "<bridge name='virbr11' stp='on' delay='0'/>" \
    "$NETS/net1.xml"
  cp "$NETS/net1.xml" "$WORK/before-edit.xml"
  EDITOR="sed -i s/192.168.50.254/192.168.70.254/" run edit net1
  check "invalid edit exits 65" test "$RC" = 65
  check "invalid edit names the range" grep -qF "is not entirely within network 192.168.50.1/24" \
    "$WORK/err"
  check "invalid edit changes nothing" cmp -s "$NETS/net1.xml" "$WORK/before-edit.xml"
  EDITOR="sed -i s/virbr11/virbr10/" run edit net1
  check "edit back" test "$RC" = 0
}

test_errors() {
  run info nosuch
  expect "unknown network" 1 $'\n' \
    "vnetctl: error: Network not found: no network with matching name 'nosuch'
"
  run undefine nosuch
  expect "undefine unknown network" 1 $'\n' \
    "vnetctl: error: Network not found: no network with matching name 'nosuch'
"
  run list --bogus
  expect "bad option" 64 "" "vnetctl: error: The following argument was not expected: --bogus
"
  run lsit
  expect "unknown command" 64 "" "vnetctl: error: unknown command 'lsit', did you mean 'list'?
"
  run info
  expect "missing argument" 64 "" "vnetctl: error: network is required
"
  run --version
  check "--version exits 0" test "$RC" = 0
  check "--version first line" test "$(head -1 "$WORK/out")" = "vnetctl 0.1.0"
  for m in networkmanager networkd netplan ifupdown dnsmasq; do
    check "--version lists $m" grep -qE "^ $m +" "$WORK/out"
  done
  run --help
  check "--help lists virsh names" grep -qE '^  define, net-define +Define' "$WORK/out"
  check "--help lists update" grep -qE '^  update, net-update +Add' "$WORK/out"
}

test_transient() {
  mkdir -p "$ROOT/run/vnetctl/networks"
  sed -e 's/net1/tnet/' -e "s/$UUID1/$UUID2/" -e 's/virbr10/virbr30/' "$WORK/net1.xml" \
    | sed -e "s/$UUID2/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/" >"$ROOT/run/vnetctl/networks/tnet.xml"
  run list --transient
  expect "a live-only network is active and transient" 0 \
    " Name   State    Autostart   Persistent
-----------------------------------------
 tnet   active   no          no

" ""
  run undefine tnet
  expect "undefine transient" 1 $'\n' \
    "vnetctl: error: Requested operation is not valid: can't undefine transient network
"
  run autostart tnet
  expect "autostart transient" 1 $'\n' \
    "vnetctl: error: Requested operation is not valid: cannot set autostart for transient network
"
  rm "$ROOT/run/vnetctl/networks/tnet.xml"
}

test_undefine() {
  run undefine net1
  expect "undefine" 0 "Network net1 has been undefined

" ""
  check "definition removed" test ! -e "$NETS/net1.xml"
  run -q undefine Alpha
  expect "-q undefine prints nothing" 0 "" ""
  run list --all --name
  expect "only default is left" 0 "default

" ""
}

test_symlinked_definition_refused() {
  echo precious >"$WORK/victim"
  ln -s "$WORK/victim" "$NETS/net1.xml"
  run define "$WORK/net1.xml"
  check "symlinked target refused" test "$RC" = 1
  check "victim untouched" test "$(cat "$WORK/victim")" = precious
  rm "$NETS/net1.xml"
}

test_concurrent_defines() {
  local i pids=()
  for i in 0 1 2 3 4 5 6 7 8 9; do
    printf "<network>\n  <name>c%d</name>\n  <forward mode='nat'/>\n  <ip address='10.20.%d.1' prefix='24'/>\n</network>\n" \
      "$i" "$i" >"$WORK/c$i.xml"
  done
  for i in 0 1 2 3 4 5 6 7 8 9; do
    "$VNETCTL" --root "$ROOT" -q define "$WORK/c$i.xml" >"$WORK/c$i.out" 2>&1 &
    pids+=($!)
  done
  local failures=0
  for i in "${pids[@]}"; do wait "$i" || failures=$((failures + 1)); done
  check "ten concurrent defines all succeed" test "$failures" = 0
  run --json list --all
  local bridges
  bridges=$(grep -o '"bridge": "virbr[0-9]*"' "$WORK/out" | sort -u | wc -l)
  check "the lock gives each its own bridge (11 distinct with default)" test "$bridges" = 11
  for i in 0 1 2 3 4 5 6 7 8 9; do run -q undefine "c$i"; done
}

# A libvirt config directory inside the root, as /etc/libvirt/qemu/networks.
write_libvirt_dir() {
  local dir=$ROOT/etc/libvirt/qemu/networks
  mkdir -p "$dir/autostart"
  cat >"$dir/lab.xml" <<EOF
<!--
WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE
OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:
  virsh net-edit lab
-->

<network>
  <name>lab</name>
  <uuid>3f1c5a1e-2f6a-4c59-8f0e-4c1b8a2d7e11</uuid>
  <bridge name='virbr7' stp='on' delay='0'/>
  <mac address='52:54:00:aa:bb:07'/>
  <ip address='10.77.0.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='10.77.0.100' end='10.77.0.200'/>
    </dhcp>
  </ip>
</network>
EOF
  cat >"$dir/shaped.xml" <<EOF
<network>
  <name>shaped</name>
  <uuid>5b1c5a1e-2f6a-4c59-8f0e-4c1b8a2d7e22</uuid>
  <forward mode='nat'/>
  <bridge name='virbr8'/>
  <bandwidth><inbound average='1000'/></bandwidth>
  <portgroup name='eng' default='yes'/>
  <ip address='10.78.0.1' prefix='24'/>
</network>
EOF
  cat >"$dir/sriov.xml" <<EOF
<network>
  <name>sriov</name>
  <uuid>6c1c5a1e-2f6a-4c59-8f0e-4c1b8a2d7e33</uuid>
  <forward mode='hostdev' managed='yes'><pf dev='eth9'/></forward>
</network>
EOF
  echo 'not a network' >"$dir/README"
  ln -s /etc/libvirt/qemu/networks/lab.xml "$dir/autostart/lab.xml"
}

# What import may change: everything under the root except the libvirt dir.
root_state() {
  (cd "$ROOT" && find . -path ./etc/libvirt -prune -o -print0 | sort -z | xargs -0 ls -ld --time-style=+%s.%N 2>/dev/null)
}

test_import_from_directory() {
  write_libvirt_dir
  local before after
  before=$(root_state)
  run --backend networkd import --from /etc/libvirt/qemu/networks --dry-run
  check "import --dry-run: exit 65 (two networks cannot be carried whole)" test "$RC" = 65
  check "import --dry-run: lab would be defined" grep -q "^  would be defined (dry run" "$WORK/out"
  check "import --dry-run: bandwidth reported with its place" \
    grep -q "^  cannot carry /network/bandwidth: <bandwidth> is not supported by the networkd backend" "$WORK/out"
  check "import --dry-run: portgroup reported" grep -q "^  cannot carry /network/portgroup\[1\]: " "$WORK/out"
  check "import --dry-run: hostdev reported" \
    grep -q "^  cannot carry /network/forward: forward mode='hostdev' is not supported" "$WORK/out"
  check "import --dry-run: error names the network and the way out" \
    grep -q "network 'shaped' was not imported: the networkd backend cannot carry 2 of its elements (listed above; --allow-partial imports it without them)" "$WORK/err"
  after=$(root_state)
  check "import --dry-run: changes nothing" test "$before" = "$after"

  run --backend networkd import --from /etc/libvirt/qemu/networks lab
  expect "import lab from a directory" 0 "Network lab (persistent, autostart) from $ROOT/etc/libvirt/qemu/networks/lab.xml, for networkd:
  defined, autostart

" ""
  run list --all --autostart --name
  expect "imported lab keeps autostart" 0 "lab

" ""
  run uuid lab
  expect "imported lab keeps its uuid" 0 "3f1c5a1e-2f6a-4c59-8f0e-4c1b8a2d7e11

" ""
  run dumpxml lab
  check "imported lab keeps its MAC" grep -q "<mac address='52:54:00:aa:bb:07'/>" "$WORK/out"
  check "imported lab keeps its bridge" grep -q "<bridge name='virbr7' stp='on' delay='0'/>" "$WORK/out"
  run --backend netplan render lab
  check "render works on an imported network" grep -q "virbr7" "$WORK/out"

  before=$(root_state)
  run --backend networkd import --from /etc/libvirt/qemu/networks lab
  expect "import of an existing name is refused" 1 "Network lab (persistent, autostart) from $ROOT/etc/libvirt/qemu/networks/lab.xml: not imported

" "vnetctl: error: network 'lab' already exists in vnetctl (--replace overwrites it)
"
  run --backend networkd import --from /etc/libvirt/qemu/networks nosuch
  expect "import of an unknown name" 1 $'\n' "vnetctl: error: Network not found: no network with matching name 'nosuch'
"
  after=$(root_state)
  check "refused imports change nothing" test "$before" = "$after"
  run --backend networkd import --from /etc/libvirt/qemu/networks shaped --allow-partial --json
  check "--allow-partial imports shaped" test "$RC" = 0
  check "--allow-partial: json lists both dropped elements" \
    test "$(jq -r '.networks[0].uncarried | map(.where) | join(",")' "$WORK/out")" = "/network/bandwidth,/network/portgroup[1]"
  run dumpxml shaped
  check "--allow-partial: the dropped elements are not in the definition" \
    bash -c "! grep -q -e bandwidth -e portgroup '$WORK/out'"
  run import --from /etc/libvirt/qemu/networks --start
  expect "import --start under --root is refused" 64 $'\n' "vnetctl: error: --start and --takeover change the live host, which --root excludes
"
  run import --from /etc/libvirt/qemu/networks
  expect "import under --root needs --backend" 64 $'\n' "vnetctl: error: under --root, --backend is required: the files must suit the image, not this host (one of networkmanager, networkd, netplan, ifupdown)
"
  run import --from /etc/libvirt/qemu/networks -c test:///default
  check "--from and -c exclude each other" test "$RC" = 64
}

test_import_from_libvirt_test_driver() {
  run --backend ifupdown import -c test:///default
  expect "import from test:///default: default exists" 1 "Network default (persistent, active) from test:///default:default: not imported

" "vnetctl: error: network 'default' already exists in vnetctl (--replace overwrites it)
"
  run --backend ifupdown import -c test:///default --replace --json
  check "import --replace from test:///default" test "$RC" = 0
  check "import --replace: json says defined and active in libvirt" \
    test "$(jq -r '.networks[0] | "\(.defined) \(.active_in_libvirt) \(.bridge)"' "$WORK/out")" = "true true virbr0"
  run uuid default
  expect "imported default has libvirt's uuid" 0 "dd8fe884-6c02-601e-7551-cca97df1c5df

" ""
  run --backend ifupdown import -c test:///nosuchdriver
  check "an unreachable libvirt is exit 69" test "$RC" = 69
}

# libvirt's network driver saves a zero-rate <bandwidth> as an empty element
# and drops it when it re-reads its saved file (recorded from libvirtd 9.0 in
# tests/conformance/vnetctl/reread/): the store holds what libvirt saves,
# dumpxml prints what libvirt prints after the re-read, from the first read on.
test_define_keeps_what_libvirt_saves() {
  local dir name
  dir=$(cd "$(dirname "$0")/../conformance/vnetctl/reread" && pwd)
  for name in bandwidth-zero-rate portgroup-bandwidth-zero-rate; do
    run define "$dir/$name.xml"
    check "define $name" test "$RC" = 0
    check "the store holds libvirt's saved $name" \
      cmp -s <(sed '1,/^-->$/d' "$NETS/$name.xml" | sed '1d'; echo) "$dir/$name.defined.xml"
    run dumpxml --inactive "$name"
    check "dumpxml $name is libvirt's after its re-read" cmp -s "$WORK/out" "$dir/$name.reread.xml"
    run undefine "$name"
  done
}

# vnetctl event (virsh net-event): its errors and its one event type, and
# events seen under --root (inotify only: no live host there).
test_events() {
  run event --list
  expect "event --list" 0 "lifecycle

" ""
  run net-event
  expect "event needs --event or --list" 64 $'\n' "vnetctl: error: either --list or --event <type> is required
"
  run net-event --event reboot
  expect "event: an unknown type" 64 $'\n' "vnetctl: error: unknown event type reboot
"
  run net-event nosuch --event lifecycle
  expect "event: an unknown network" 1 $'\n' "vnetctl: error: Network not found: no network with matching name 'nosuch'
"
  run net-event --event lifecycle --timeout 1
  expect "event: none within --timeout exits 1, as virsh" 1 "event loop timed out
events received: 0

" ""
  write_net1
  "$VNETCTL" --root "$ROOT" event --event lifecycle --loop --timeout 3 >"$WORK/events" 2>&1 &
  local pid=$!
  sleep 1
  run define "$WORK/net1.xml"
  run undefine net1
  wait "$pid"
  check "event: exits 0 once it saw events" test $? = 0
  check "event: define and undefine seen, in virsh's lines" test "$(cat "$WORK/events")" = \
    "event 'lifecycle' for network net1: Defined
event 'lifecycle' for network net1: Undefined
event loop timed out
events received: 2"
  run define "$WORK/net1.xml"
}

# A network taken over from libvirt (its definition kept in
# /var/lib/vnetctl/libvirt) that vnetctl autostarts orders libvirt's daemons
# after its bridge at boot; autostart --disable and undefine take that back.
test_libvirt_boot_order() {
  local dropin=$ROOT/etc/systemd/system/libvirtd.service.d/50-vnetctl.conf
  local qemud=$ROOT/etc/systemd/system/virtqemud.service.d/50-vnetctl.conf
  mkdir -p "$ROOT/var/lib/vnetctl/libvirt"
  printf '<network><name>net1</name></network>\n' >"$ROOT/var/lib/vnetctl/libvirt/net1.xml"
  run autostart net1
  check "boot order: written for libvirtd" grep -qx \
    'After=sys-subsystem-net-devices-virbr10.device vnetctl-net1.service' "$dropin"
  check "boot order: the device wanted" grep -qx 'Wants=sys-subsystem-net-devices-virbr10.device' "$dropin"
  check "boot order: the same for virtqemud" cmp -s "$dropin" "$qemud"
  run autostart --disable net1
  check "boot order: removed with the autostart" test ! -e "$dropin" -a ! -e "$qemud"
  run autostart net1
  run undefine net1
  check "boot order: removed with the network" test ! -e "$dropin"
  check "undefine warns that libvirt's stand-in still uses the bridge" \
    grep -q "was taken over from libvirt" "$WORK/err"
  rm -r "$ROOT/var/lib/vnetctl/libvirt"
  run define "$WORK/net1.xml"
}

test_fresh_root_has_default
test_define_round_trip
test_define_keeps_what_libvirt_saves
test_define_from_stdin_and_redefine
test_uniqueness
test_invalid_define
test_autostart
test_list_formats
test_virsh_names
test_ports
test_virsh_grammar
test_update
test_edit
test_errors
test_transient
test_undefine
test_symlinked_definition_refused
test_concurrent_defines
test_import_from_directory
test_import_from_libvirt_test_driver
test_events
test_libvirt_boot_order

echo "$PASSED passed, $FAILED failed"
[[ $FAILED == 0 ]]
