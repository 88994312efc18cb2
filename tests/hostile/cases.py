"""The hostile-input cases (run by run.py).

A document case is a whole <network> document given to every entry point in
`entries` (define, define-stdin, create, edit, render, apply); a fragment
case is an `update n1 COMMAND SECTION` fragment (inline and as a file); a
custom case is a function doing its own checks (native readers, see
native.py). `err` is the first stderr line, the input's name written FILE;
for fragments it is the message after the location, and `line` the line
the file variant names (0: no location).

Line numbers: net(...) puts <network> on line 1, <name> on line 2 and the
first body line on line 3.
"""
import os
from dataclasses import dataclass, field, replace

import generators as gen
import native

ALL = ("define", "define-stdin", "create", "edit", "render", "apply")
# Inputs too large to be worth six 100 MB copies: one file and one stream.
BIG = ("define", "define-stdin", "edit", "apply")


@dataclass
class Case:
    name: str
    input: object  # str | bytes | callable(path) (document) | callable(ctx) (custom)
    rc: int = 65
    err: str = None
    entries: tuple = ALL
    libvirt: bool = False
    err_count: int = None
    kind: str = "document"
    section: str = ""
    command: str = "add"
    extra: tuple = ()
    line: int = 1
    inline_skip_ok: bool = False

    def with_err(self, err):
        return replace(self, err=err)


def net(*body, name="n1", attrs=""):
    lines = [f"<network{attrs}>", f"  <name>{name}</name>"]
    lines += ["  " + b for b in body]
    # render needs a bridge name (a template is resolved by define only)
    if not any("<bridge" in b for b in body):
        lines.append("  <bridge name='virbr9'/>")
    lines.append("</network>")
    return "\n".join(lines) + "\n"


def E(msg):
    return "vnetctl: error: " + msg


IP4 = "<ip address='192.168.60.1' netmask='255.255.255.0'>"


def dhcp4(*inner):
    return [IP4, "  <dhcp>", *["    " + i for i in inner], "  </dhcp>", "</ip>"]


def doc(name, text, err, rc=65, **kw):
    return Case(name, text, rc=rc, err=err, **kw)


def frag(name, section, text, err, rc=65, line=1, command="add", **kw):
    return Case(name, text, rc=rc, err=err, kind="fragment", section=section, line=line,
                command=command, **kw)


def custom(name, fn):
    return Case(name, fn, kind="custom")


CASES = []
add = CASES.append

# --- XML syntax, truncation, structure -----------------------------------------
add(doc("xml/truncated-tag", "<network>\n  <name>n1</name\n",
        E("FILE:3: XML error: expected '>'"), libvirt=True))
add(doc("xml/truncated-document", net("<bridge name='virbr9'/>")[:40],
        E("FILE:3: XML error: Premature end of data in tag network line 1")))
add(doc("xml/unclosed-quote", net("<bridge name='virbr9/>"),
        E("FILE:5: XML error: Unescaped '<' not allowed in attributes values")))
add(doc("xml/mismatched-tags", net("<bridge name='virbr9'></mac>"),
        E("FILE:3: XML error: Opening and ending tag mismatch: bridge line 3 and mac"),
        libvirt=True))
add(doc("xml/two-roots", net() + "<network><name>n2</name></network>\n",
        E("FILE:4: XML error: Extra content at the end of the document"), libvirt=True))
add(doc("xml/garbage", gen.garbage(4096, seed=7), None))
add(doc("xml/duplicate-attribute", net("<bridge name='a' name='b'/>"),
        E("FILE:3: XML error: Attribute name redefined"), libvirt=True))
add(doc("xml/undefined-entity", net("<bridge name='&nope;'/>"),
        E("FILE:3: XML error: Entity 'nope' not defined"), libvirt=True))
add(doc("xml/undefined-prefix", net("<x:bridge name='virbr9'/>"), None, rc=0,
        entries=("define",)))

# --- DOCTYPE, entities, XXE --------------------------------------------------------
ENTITY_REFUSED = E("FILE: XML error: DOCTYPE and entity declarations are not allowed")
add(doc("dtd/doctype-plain", "<!DOCTYPE network>\n" + net(), ENTITY_REFUSED))
add(doc("dtd/internal-entity",
        "<!DOCTYPE network [<!ENTITY n 'n1'>]>\n<network><name>&n;</name></network>\n",
        ENTITY_REFUSED))
add(doc("dtd/xxe-file",
        "<!DOCTYPE network [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n"
        "<network><name>n1</name><title>&x;</title></network>\n", ENTITY_REFUSED))
add(doc("dtd/xxe-http",
        "<!DOCTYPE network [<!ENTITY x SYSTEM 'http://192.0.2.1/x'>]>\n"
        "<network><name>n1</name><title>&x;</title></network>\n", ENTITY_REFUSED))
add(doc("dtd/xxe-parameter",
        "<!DOCTYPE network [<!ENTITY % p SYSTEM 'file:///etc/passwd'> %p;]>\n" + net(),
        ENTITY_REFUSED))
add(doc("dtd/external-dtd", "<!DOCTYPE network SYSTEM 'file:///etc/passwd'>\n" + net(),
        ENTITY_REFUSED))
add(doc("dtd/billion-laughs", gen.billion_laughs(), ENTITY_REFUSED))
add(doc("dtd/quadratic-blowup", gen.quadratic_blowup(), ENTITY_REFUSED))
# A DOCTYPE the byte scan cannot see (the document is EBCDIC or UTF-7): libxml2
# parses it, and must neither read the external entity (a FIFO: reading it
# would block until the timeout) nor keep the DTD.
add(doc("dtd/xxe-ebcdic-fifo", gen.xxe_fifo("cp037"), ENTITY_REFUSED))
add(doc("dtd/xxe-utf7-fifo", gen.xxe_fifo("utf-7"), ENTITY_REFUSED))
add(doc("dtd/xinclude", net("<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' "
                            "href='/etc/passwd' parse='text'/>"), None, rc=0,
        entries=("define",)))

# --- size, depth, encoding -----------------------------------------------------------
TOO_LARGE = E("'FILE' is larger than 16777216 bytes")
add(doc("size/100MB-comment", gen.huge_comment(100 << 20), TOO_LARGE, entries=BIG))
add(doc("size/100MB-attribute", gen.huge_attribute(100 << 20), TOO_LARGE, entries=("define",)))
add(doc("size/16MB-name", gen.long_name((16 << 20) - 64), None))
add(doc("size/many-hosts", gen.many_hosts(60000), None, rc=0, entries=("define",)))
add(doc("depth/100000", gen.deep(100000),
        E("FILE:1: XML error: Excessive depth in document: 256 use XML_PARSE_HUGE option")))
add(doc("depth/in-metadata-250", gen.deep_metadata(250), None, rc=0, entries=("define",)))
add(doc("utf8/invalid-in-name", net().replace("n1", "n\xff1").encode("latin-1"), None))
add(doc("utf8/overlong-slash", net().encode().replace(b"n1", b"n\xc0\xaf1"), None))
add(doc("utf8/surrogate", net().encode().replace(b"n1", b"n\xed\xa0\x80"), None))
add(doc("utf8/truncated-sequence", net().encode().replace(b"n1", b"n\xe2\x82"), None))
add(doc("utf8/latin1-declared-nonascii-name",
        ("<?xml version='1.0' encoding='ISO-8859-1'?>\n" + net(name="r\xe9seau")).encode(
            "latin-1"), None))
add(doc("nul/middle", net().encode().replace(b"n1", b"n\0" + b"1"),
        E("'FILE' contains a NUL byte")))
add(doc("nul/first-byte", b"\0" + net().encode(), E("'FILE' contains a NUL byte")))
add(doc("nul/utf16", net().encode("utf-16"), E("'FILE' contains a NUL byte")))
add(doc("empty/zero-bytes", b"", E("FILE:1: XML error: Document is empty")))
add(doc("empty/whitespace", b"\n \n\t\n", None))
add(doc("empty/declaration-only", "<?xml version='1.0'?>\n", None))
add(doc("empty/comment-only", "<!-- nothing -->\n", None))
add(doc("root/domain", "<domain type='kvm'><name>n1</name></domain>\n",
        E("FILE:1: XML error: expecting root element of 'network', not 'domain' (/domain)"),
        libvirt=True))
add(doc("root/networks", "<networks>" + net() + "</networks>\n", None, libvirt=True))
add(doc("root/namespaced", net(attrs=" xmlns='http://example.org/x'"), None))
add(doc("root/empty-network", "<network/>\n", None, libvirt=True))

# --- names ---------------------------------------------------------------------------
for tag, value in [("slash", "a/b"), ("dotdot", ".."), ("dot", "."), ("leading-dot", ".n1"),
                   ("newline", "a&#10;b"), ("tab", "a&#9;b"), ("space", "a b"),
                   ("semicolon", "a;reboot"), ("dollar", "$(reboot)"), ("backtick", "`id`"),
                   ("pipe", "a|b"), ("ampersand", "a&amp;b"), ("redirect", "a&gt;b"),
                   ("glob", "a*"), ("quote", "a'b"), ("dquote", 'a"b'), ("backslash", "a\\b"),
                   ("hash", "a#b"), ("equals", "a=b"), ("comma", "a,b"), ("braces", "a{b}"),
                   ("non-ascii", "r\u00e9seau"), ("emoji", "net\U0001f600"),
                   ("leading-dash", "-n1"), ("long-300", "n" * 300), ("empty", "")]:
    add(doc(f"name/{tag}", net(name=value), None))
for tag, value in [("slash", "a/b"), ("dotdot", ".."), ("dot", "."), ("newline", "a&#10;b"),
                   ("space", "b r"), ("semicolon", "br;x"), ("dollar", "br$x"),
                   ("quote", "br'x"), ("dquote", 'br"x'), ("colon", "br:0"),
                   ("16-bytes", "b" * 16), ("non-ascii", "br\u00e9"), ("leading-dash", "-br"),
                   ("plus", "br+x"), ("empty", ""), ("percent", "br%i"), ("at", "br@x")]:
    add(doc(f"bridge/{tag}", net(f"<bridge name='{value}'/>", IP4.replace(">", "/>")), None))

# --- uuids -------------------------------------------------------------------------------
for tag, value in [("short", "0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b5"),
                   ("non-hex", "0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3bzz"),
                   ("too-long", "0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b5c0"),
                   ("braces", "{0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b5c}"),
                   ("empty", ""), ("spaces", "0f2a4b6c 8d0e 4f1a 9b3c 5d7e9f1a3b5c")]:
    add(doc(f"uuid/{tag}", net(f"<uuid>{value}</uuid>"),
            E("FILE:3: internal error: malformed uuid element (/network/uuid)"), libvirt=True))
# default's uuid under another name (the template store's `default`).
add(custom("uuid/taken-by-other-network", native.uuid_taken))
add(custom("uuid/duplicate-elements", native.duplicate_uuid_elements))

# --- MACs --------------------------------------------------------------------------------
for tag, value, msg in [
        ("multicast", "01:00:5e:00:00:01", "Invalid multicast bridge mac address"),
        ("broadcast", "ff:ff:ff:ff:ff:ff", "Invalid multicast bridge mac address"),
        ("bit0-multicast", "53:54:00:00:00:01", "Invalid multicast bridge mac address"),
        ("short", "52:54:00:00:01", "Invalid bridge mac address"),
        ("long", "52:54:00:00:00:01:02", "Invalid bridge mac address"),
        ("non-hex", "52:54:00:zz:00:01", "Invalid bridge mac address"),
        ("dashes", "52-54-00-00-00-01", "Invalid bridge mac address"),
        ("empty", "", "Invalid bridge mac address")]:
    add(doc(f"mac/bridge-{tag}", net("<mac address='" + value + "'/>"),
            E(f"FILE:3: XML error: {msg} '{value}' in network 'n1' (/network/mac/@address)"),
            libvirt=True))
add(doc("mac/all-zero", net("<mac address='00:00:00:00:00:00'/>"), None))
for tag, value in [("multicast", "01:00:5e:00:00:01"), ("broadcast", "ff:ff:ff:ff:ff:ff"),
                   ("malformed", "52:54:00:00:00:0g")]:
    add(doc(f"mac/host-{tag}", net(*dhcp4(f"<host mac='{value}' ip='192.168.60.5'/>")), None,
            libvirt=True))

# --- addresses and prefixes ----------------------------------------------------------
for tag, ip in [
        ("v4-octet-256", "<ip address='192.168.60.256' prefix='24'/>"),
        ("v4-three-octets", "<ip address='192.168.60' prefix='24'/>"),
        ("v4-leading-zero", "<ip address='192.168.060.1' prefix='24'/>"),
        ("v4-prefix-33", "<ip address='192.168.60.1' prefix='33'/>"),
        ("v4-prefix-negative", "<ip address='192.168.60.1' prefix='-1'/>"),
        ("v4-prefix-huge", "<ip address='192.168.60.1' prefix='4294967320'/>"),
        ("v4-netmask-holes", "<ip address='192.168.60.1' netmask='255.0.255.0'/>"),
        ("v4-netmask-and-prefix", "<ip address='192.168.60.1' netmask='255.255.255.0' "
                                  "prefix='24'/>"),
        ("v6-prefix-129", "<ip family='ipv6' address='fd00::1' prefix='129'/>"),
        ("v6-netmask", "<ip family='ipv6' address='fd00::1' netmask='ffff:ffff::'/>"),
        ("v6-bad-hex", "<ip family='ipv6' address='fd00::g' prefix='64'/>"),
        ("v6-scope-id", "<ip family='ipv6' address='fe80::1%eth0' prefix='64'/>"),
        ("v6-in-v4-family", "<ip family='ipv4' address='fd00::1' prefix='64'/>"),
        ("v4-in-v6-family", "<ip family='ipv6' address='192.168.60.1' prefix='24'/>"),
        ("v4-netmask-with-v6", "<ip address='fd00::1' netmask='255.255.255.0'/>"),
        ("family-unknown", "<ip family='ipx' address='192.168.60.1' prefix='24'/>"),
        ("network-address", "<ip address='192.168.60.0' prefix='24'/>"),
        ("multicast-address", "<ip address='224.0.0.1' prefix='24'/>"),
        ("empty-address", "<ip address='' prefix='24'/>"),
        ("no-address", "<ip prefix='24'/>")]:
    add(doc(f"addr/{tag}", net("<forward mode='nat'/>", ip), None))
for tag, rng in [
        ("outside-subnet", "<range start='10.0.0.2' end='10.0.0.9'/>"),
        ("reversed", "<range start='192.168.60.200' end='192.168.60.100'/>"),
        ("straddles-subnet", "<range start='192.168.60.200' end='192.168.61.10'/>"),
        ("v6-in-v4", "<range start='fd00::2' end='fd00::9'/>"),
        ("includes-network", "<range start='192.168.60.0' end='192.168.60.9'/>"),
        ("includes-broadcast", "<range start='192.168.60.200' end='192.168.60.255'/>"),
        ("malformed", "<range start='192.168.60.2' end='192.168.60.x'/>")]:
    add(doc(f"range/{tag}", net("<forward mode='nat'/>", *dhcp4(rng)), None))
for tag, hosts in [
        ("same-mac", ["<host mac='52:54:00:00:00:01' ip='192.168.60.5'/>",
                      "<host mac='52:54:00:00:00:01' ip='192.168.60.6'/>"]),
        ("same-mac-case", ["<host mac='52:54:00:00:00:0a' ip='192.168.60.5'/>",
                           "<host mac='52:54:00:00:00:0A' ip='192.168.60.6'/>"]),
        ("same-ip", ["<host mac='52:54:00:00:00:01' ip='192.168.60.5'/>",
                     "<host mac='52:54:00:00:00:02' ip='192.168.60.5'/>"]),
        ("same-name", ["<host mac='52:54:00:00:00:01' name='web' ip='192.168.60.5'/>",
                       "<host mac='52:54:00:00:00:02' name='WEB' ip='192.168.60.6'/>"]),
        ("outside-subnet", ["<host mac='52:54:00:00:00:01' ip='10.0.0.5'/>"]),
        ("v6-ip-in-v4", ["<host mac='52:54:00:00:00:01' ip='fd00::5'/>"]),
        ("no-mac-no-name", ["<host ip='192.168.60.5'/>"])]:
    add(doc(f"host/{tag}", net("<forward mode='nat'/>", *dhcp4(*hosts)), None))
for tag, route in [
        ("gateway-family", "<route address='10.1.0.0' prefix='16' gateway='fd00::1'/>"),
        ("prefix-40", "<route address='10.1.0.0' prefix='40' gateway='192.168.60.2'/>"),
        ("no-gateway", "<route address='10.1.0.0' prefix='16'/>"),
        ("metric-negative", "<route address='10.1.0.0' prefix='16' gateway='192.168.60.2' "
                            "metric='-1'/>")]:
    add(doc(f"route/{tag}", net("<forward mode='nat'/>", IP4.replace(">", "/>"), route), None))

# --- forward modes -----------------------------------------------------------------------
for tag, fwd in [("unknown", "<forward mode='nat2'/>"), ("uppercase", "<forward mode='NAT'/>"),
                 ("empty", "<forward mode=''/>"), ("newline", "<forward mode='nat&#10;'/>"),
                 ("nat-ports-reversed",
                  "<forward mode='nat'><nat><port start='2000' end='1024'/></nat></forward>"),
                 ("nat-port-70000",
                  "<forward mode='nat'><nat><port start='1024' end='70000'/></nat></forward>"),
                 ("nat-address-reversed",
                  "<forward mode='nat'><nat><address start='10.0.0.9' end='10.0.0.1'/>"
                  "</nat></forward>"),
                 ("dev-slash", "<forward mode='nat' dev='eth0/x'/>"),
                 ("dev-too-long", "<forward mode='nat' dev='eth0123456789abc'/>")]:
    add(doc(f"forward/{tag}", net(fwd, IP4.replace(">", "/>")), None))

# --- values that land in dnsmasq's files ---------------------------------------------
for tag, body in [
        ("txt-name-comma", "<dns><txt name='a,b' value='x'/></dns>"),
        ("txt-name-space", "<dns><txt name='a b' value='x'/></dns>"),
        ("txt-value-newline", "<dns><txt name='a' value='x&#10;dhcp-script=/bin/sh'/></dns>"),
        ("host-name-space", "<dns><host ip='192.168.60.7'><hostname>a b</hostname></host>"
                            "</dns>"),
        ("host-name-newline", "<dns><host ip='192.168.60.7'><hostname>a&#10;b</hostname>"
                              "</host></dns>"),
        ("host-name-comma", "<dns><host ip='192.168.60.7'><hostname>a,b</hostname></host>"
                            "</dns>"),
        ("host-name-hash", "<dns><host ip='192.168.60.7'><hostname>a#b</hostname></host>"
                           "</dns>"),
        ("srv-service-comma", "<dns><srv service='a,b' protocol='tcp'/></dns>"),
        ("srv-target-comma", "<dns><srv service='ldap' protocol='tcp' target='a,b' port='1'/>"
                             "</dns>"),
        ("srv-domain-space", "<dns><srv service='ldap' protocol='tcp' domain='a b'/></dns>"),
        ("forwarder-domain-slash", "<dns><forwarder domain='a/b' addr='192.0.2.1'/></dns>"),
        ("forwarder-domain-newline", "<dns><forwarder domain='a&#10;b'/></dns>")]:
    add(doc(f"dnsmasq/{tag}", net("<forward mode='nat'/>", body, IP4.replace(">", "/>")), None))
for tag, body in [
        ("domain-space", "<domain name='a b'/>"),
        ("domain-comma", "<domain name='a,b'/>"),
        ("domain-newline", "<domain name='a&#10;server=/x/1.2.3.4'/>"),
        ("domain-hash", "<domain name='a #b'/>")]:
    add(doc(f"dnsmasq/{tag}", net("<forward mode='nat'/>", body, IP4.replace(">", "/>")), None))
for tag, inner in [
        ("host-name-comma", ["<host mac='52:54:00:00:00:01' name='a,infinite' "
                             "ip='192.168.60.5'/>"]),
        ("host-name-space", ["<host mac='52:54:00:00:00:01' name='a b' ip='192.168.60.5'/>"]),
        ("host-name-hash", ["<host mac='52:54:00:00:00:01' name='a#b' ip='192.168.60.5'/>"]),
        ("host-name-newline", ["<host mac='52:54:00:00:00:01' name='a&#10;b' "
                               "ip='192.168.60.5'/>"]),
        ("bootp-file-newline", ["<range start='192.168.60.2' end='192.168.60.9'/>",
                                "<bootp file='pxe&#10;dhcp-script=/bin/sh'/>"])]:
    add(doc(f"dnsmasq/{tag}", net("<forward mode='nat'/>", *dhcp4(*inner)), None))
add(doc("dnsmasq/tftp-root-newline",
        net("<forward mode='nat'/>", IP4, "  <tftp root='/srv&#10;dhcp-script=/bin/sh'/>", "</ip>"),
        None))
add(doc("dnsmasq/option-newline",
        net("<dnsmasq:options xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'>",
            "  <dnsmasq:option value='cache-size=0&#10;dhcp-script=/bin/sh'/>",
            "</dnsmasq:options>", attrs=""), None))

# --- update fragments -----------------------------------------------------------------
add(frag("update/host-outside-subnet", "ip-dhcp-host",
         "<host mac='52:54:00:00:00:09' name='h9' ip='10.0.0.5'/>", None))
add(frag("update/host-multicast-mac", "ip-dhcp-host",
         "<host mac='01:54:00:00:00:02' name='h9' ip='192.168.50.9'/>", None))
add(frag("update/host-duplicate-mac", "ip-dhcp-host",
         "<host mac='52:54:00:00:00:01' name='h9' ip='192.168.50.9'/>", None, rc=1))
add(frag("update/host-duplicate-ip", "ip-dhcp-host",
         "<host mac='52:54:00:00:00:09' name='h9' ip='192.168.50.10'/>", None, rc=1))
add(frag("update/host-name-comma", "ip-dhcp-host",
         "<host mac='52:54:00:00:00:09' name='h,9' ip='192.168.50.9'/>", None))
add(frag("update/host-name-space", "ip-dhcp-host",
         "<host mac='52:54:00:00:00:09' name='h 9' ip='192.168.50.9'/>", None))
add(frag("update/range-reversed", "ip-dhcp-range",
         "<range start='192.168.50.200' end='192.168.50.100'/>", None))
add(frag("update/range-outside", "ip-dhcp-range", "<range start='10.0.0.1' end='10.0.0.9'/>",
         None))
add(frag("update/txt-newline", "dns-txt", "<txt name='a' value='x&#10;y'/>", None))
add(frag("update/dns-host-space", "dns-host",
         "<host ip='192.168.50.77'><hostname>a b</hostname></host>", None))
add(frag("update/dns-host-newline", "dns-host",
         "<host ip='192.168.50.77'><hostname>a&#10;b</hostname></host>", None))
add(frag("update/srv-comma", "dns-srv", "<srv service='a,b' protocol='tcp'/>", None))
add(frag("update/doctype", "ip-dhcp-host",
         "<!DOCTYPE host [<!ENTITY a 'x'>]><host mac='52:54:00:00:00:09' name='&a;' "
         "ip='192.168.50.9'/>", None))
add(frag("update/truncated", "ip-dhcp-host",
         "<host mac='52:54:00:00:00:09' name='h9' ip='192.168.50.9'", None))
add(frag("update/wrong-element", "ip-dhcp-host", "<range start='1.1.1.1' end='1.1.1.2'/>",
         None))
add(frag("update/two-elements", "ip-dhcp-host",
         "<host mac='52:54:00:00:00:09' ip='192.168.50.9'/><host/>", None))
add(frag("update/empty", "ip-dhcp-host", "", None, inline_skip_ok=True))
add(frag("update/nul", "ip-dhcp-host", "<host mac='52:54:00:00:00:09'\0 ip='192.168.50.9'/>",
         None))
add(frag("update/bridge-section", "bridge", "<bridge name='x'/>", None))
add(frag("update/parent-index-99", "ip-dhcp-host",
         "<host mac='52:54:00:00:00:09' name='h9' ip='192.168.50.9'/>", None,
         extra=("--parent-index", "99")))
add(frag("update/parent-index-negative", "ip-dhcp-host",
         "<host mac='52:54:00:00:00:09' name='h9' ip='192.168.50.9'/>", None,
         extra=("--parent-index", "-5")))
add(frag("update/forward-interface-slash", "forward-interface", "<interface dev='a/b'/>", None))
add(frag("update/portgroup-slash", "portgroup", "<portgroup name='a/b'/>", None))
add(frag("update/deep", "ip-dhcp-host", gen.deep_text(1000), None))

# --- what vnetctl writes for odd but accepted values (native readers) ----------------
for c in native.CASES:
    add(custom(c[0], c[1]))
