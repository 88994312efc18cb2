"""The hostile-input cases (run by run.py).

A document case is a whole <network> document given to every entry point in
`entries` (define, define-stdin, create, edit, render, apply); a fragment
case is an `update n1 COMMAND SECTION` fragment (inline and as a file); a
custom case is a function doing its own checks (native readers, see
native.py). `err` is the first stderr line, the input's name written FILE ("re:" + a
regular expression for messages quoting generated values);
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
    # accepted documents (rc=0): the network `dumpxml` shows must not hold these
    absent: tuple = ()

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


def accepted(name, text, absent=(), **kw):
    """A document libvirt accepts too: vnetctl must define it (and nothing in
    it may be expanded or followed: `absent`)."""
    return Case(name, text, rc=0, err=None, entries=("define",), absent=absent, **kw)


STRICT = " (libvirt accepts this; vnetctl refuses it)"
NAME_RULE = ("; vnetctl uses the name in file names, config files and command lines and allows "
             "only letters, digits and '_.+:-'" + STRICT + " (/network/@name)")
IF_RULE = "; interface names may contain only letters, digits and '_.+-'" + STRICT
DNS_RULE = "; dnsmasq reads it as a DNS name: only letters, digits and '-_.' are allowed" + STRICT
# a DNS host name goes into a hosts file, where '*' is part of the (literal) name
HOSTS_RULE = DNS_RULE.replace("'-_.'", "'-_.*'")
CTRL = (" contains a control character (such as a newline), which would change the meaning of "
        "the dnsmasq configuration written from it" + STRICT)
DOCTYPE = "XML error: DOCTYPE and entity declarations are not allowed"
NAT = "<forward mode='nat'/>"
IP4_CLOSED = IP4.replace(">", "/>")

CASES = []
add = CASES.append

# --- XML syntax, truncation, structure -----------------------------------------
add(doc("xml/truncated-tag", "<network>\n  <name>n1</name\n",
        E("FILE:3: XML error: expected '>'"), libvirt=True))
add(doc("xml/truncated-document", net("<bridge name='virbr9'/>")[:40],
        E("FILE:3: XML error: Specification mandates value for attribute na")))
add(doc("xml/truncated-at-end", net()[:-12],
        E("FILE:3: XML error: Premature end of data in tag network line 1")))
add(doc("xml/unclosed-quote", net("<bridge name='virbr9/>"),
        E("FILE:4: XML error: Unescaped '<' not allowed in attributes values")))
add(doc("xml/mismatched-tags", net("<bridge name='virbr9'></mac>"),
        E("FILE:3: XML error: Opening and ending tag mismatch: bridge line 3 and mac"),
        libvirt=True))
add(doc("xml/two-roots", net() + "<network><name>n2</name></network>\n",
        E("FILE:5: XML error: Extra content at the end of the document"), libvirt=True))
add(doc("xml/garbage", gen.garbage(4096, seed=7),
        E("FILE:1: XML error: Start tag expected, '<' not found")))
add(doc("xml/duplicate-attribute", net("<bridge name='a' name='b'/>"),
        E("FILE:3: XML error: Attribute name redefined"), libvirt=True))
add(doc("xml/undefined-entity", net("<bridge name='&nope;'/>"),
        E("FILE:3: XML error: Entity 'nope' not defined"), libvirt=True))
add(doc("xml/char-ref-escape", net("<title>a&#27;[2J</title>"),
        E("FILE:3: XML error: xmlParseCharRef: invalid xmlChar value 27")))
add(accepted("xml/undefined-prefix", net("<x:bridge name='virbr99'/>"), absent=("virbr99",)))

# --- DOCTYPE, entities, XXE --------------------------------------------------------
add(doc("dtd/doctype-plain", "<!DOCTYPE network>\n" + net(), E("FILE:1: " + DOCTYPE)))
add(doc("dtd/internal-entity",
        "<!DOCTYPE network [<!ENTITY n 'n1'>]>\n<network><name>&n;</name></network>\n",
        E("FILE:1: " + DOCTYPE)))
add(doc("dtd/xxe-file",
        "<?xml version='1.0'?>\n<!DOCTYPE network [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n"
        "<network><name>n1</name><title>&x;</title></network>\n", E("FILE:2: " + DOCTYPE)))
add(doc("dtd/xxe-http",
        "<!DOCTYPE network [<!ENTITY x SYSTEM 'http://192.0.2.1/x'>]>\n"
        "<network><name>n1</name><title>&x;</title></network>\n", E("FILE:1: " + DOCTYPE)))
add(doc("dtd/xxe-parameter",
        "<!DOCTYPE network [<!ENTITY % p SYSTEM 'file:///etc/passwd'> %p;]>\n" + net(),
        E("FILE:1: " + DOCTYPE)))
add(doc("dtd/external-dtd", "<!DOCTYPE network SYSTEM 'file:///etc/passwd'>\n" + net(),
        E("FILE:1: " + DOCTYPE)))
add(doc("dtd/entity-without-doctype", net("<!ENTITY x 'y'>"), E("FILE:3: " + DOCTYPE)))
add(doc("dtd/billion-laughs", gen.billion_laughs(), E("FILE:2: " + DOCTYPE)))
add(doc("dtd/quadratic-blowup", gen.quadratic_blowup(), E("FILE:2: " + DOCTYPE)))
# A DOCTYPE the byte scan cannot see (the document is EBCDIC or UTF-7): libxml2
# parses it and must neither read the external entity (a FIFO: reading it
# would block until the timeout) nor keep the DTD.
add(doc("dtd/xxe-ebcdic-fifo", gen.xxe_fifo("cp037"), E("FILE: " + DOCTYPE)))
add(doc("dtd/xxe-utf7-fifo", gen.xxe_fifo("utf-7"), E("FILE:2: " + DOCTYPE)))
add(accepted("dtd/xinclude-not-expanded",
             net("<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='/etc/passwd' "
                 "parse='text'/>"), absent=("root:",)))
add(accepted("dtd/stylesheet-pi-ignored", "<?xml-stylesheet href='http://192.0.2.1/x.xsl'?>\n"
             + net(), absent=("192.0.2.1",)))

# --- size, depth, encoding -----------------------------------------------------------
TOO_LARGE = E("'FILE' is larger than 16777216 bytes")
add(doc("size/100MB-comment", gen.huge_comment(100 << 20), TOO_LARGE, entries=BIG))
add(doc("size/100MB-attribute", gen.huge_attribute(100 << 20), TOO_LARGE,
        entries=("define", "define-stdin")))
add(doc("size/16MB-name", gen.long_name((16 << 20) - 64),
        r"re:vnetctl: error: FILE:1: network name 'n+\[\.\.\. \d+ bytes \.\.\.\]n+' is longer "
        r"than 64 bytes \(libvirt accepts this; vnetctl refuses it\) \(/network/@name\)"))
add(accepted("size/60000-hosts", gen.many_hosts(60000)))
add(doc("size/60000-hosts-one-duplicate", gen.many_hosts(60000, duplicate_last=True),
        E("FILE:60006: static host MAC address 52:54:00:00:00:02 is used twice in network 'many' "
          "(hosts 1 and 60001 of one <ip>); dnsmasq would honour only one of them" + STRICT +
          " (/network/ip[1]/dhcp/host[60001]/@mac)"), entries=("define", "edit", "render")))
add(doc("depth/100000", gen.deep(100000),
        E("FILE:1: XML error: Excessive depth in document: 256 use XML_PARSE_HUGE option")))
add(accepted("depth/250-in-metadata", gen.deep_metadata(250)))
add(doc("utf8/invalid-in-name", net().replace("n1", "n\xff1").encode("latin-1"),
        E("FILE:2: XML error: Input is not proper UTF-8, indicate encoding ! "
          "Bytes: 0xFF 0x31 0x3C 0x2F")))
add(doc("utf8/overlong-slash", net().encode().replace(b"n1", b"n\xc0\xaf1"),
        E("FILE:2: XML error: Input is not proper UTF-8, indicate encoding ! "
          "Bytes: 0xC0 0xAF 0x31 0x3C")))
add(doc("utf8/surrogate", net().encode().replace(b"n1", b"n\xed\xa0\x80"),
        E("FILE:2: XML error: Char 0xD800 out of allowed range")))
add(doc("utf8/truncated-sequence", net().encode().replace(b"n1", b"n\xe2\x82"),
        E("FILE:2: XML error: Input is not proper UTF-8, indicate encoding ! "
          "Bytes: 0xE2 0x82 0x3C 0x2F")))
add(doc("utf8/latin1-declared",
        ("<?xml version='1.0' encoding='ISO-8859-1'?>\n" + net(name="r\xe9seau")).encode(
            "latin-1"), E("FILE:2: network name 'r\xe9seau' contains 0xc3" + NAME_RULE)))
add(doc("nul/middle", net().encode().replace(b"n1", b"n\0" + b"1"),
        E("'FILE' contains a NUL byte")))
add(doc("nul/first-byte", b"\0" + net().encode(), E("'FILE' contains a NUL byte")))
add(doc("nul/utf16", net().encode("utf-16"), E("'FILE' contains a NUL byte")))
add(doc("empty/zero-bytes", b"", E("FILE:1: XML error: Document is empty")))
add(doc("empty/whitespace", b"\n \n\t\n", E("FILE:4: XML error: Start tag expected, '<' not found")))
add(doc("empty/declaration-only", "<?xml version='1.0'?>\n",
        E("FILE:2: XML error: Start tag expected, '<' not found")))
add(doc("empty/comment-only", "<!-- nothing -->\n",
        E("FILE:2: XML error: Start tag expected, '<' not found")))
add(doc("root/domain", "<domain type='kvm'><name>n1</name></domain>\n",
        E("FILE:1: XML error: expecting root element of 'network', not 'domain' (/domain)"),
        libvirt=True))
add(doc("root/networks", "<networks>" + net() + "</networks>\n",
        E("FILE:1: XML error: expecting root element of 'network', not 'networks' (/networks)"),
        libvirt=True))
add(doc("root/namespaced", net(attrs=" xmlns='http://example.org/x'"),
        E("FILE:1: missing name information (/network)")))
add(doc("root/empty-network", "<network/>\n", E("FILE:1: missing name information (/network)"),
        libvirt=True))

# --- names ---------------------------------------------------------------------------
add(doc("name/slash", net(name="a/b"), E("FILE:2: invalid char in name: / (/network/name)"),
        libvirt=True))
add(doc("name/newline", net(name="a&#10;b"), E("FILE:1: invalid char in name: \\n (/network/@name)")))
add(doc("name/empty", net(name=""), E("FILE:1: missing name information (/network)"),
        libvirt=True))
for tag, value in [("dotdot", ".."), ("dot", "."), ("leading-dot", ".n1"), ("leading-dash", "-n1")]:
    add(doc(f"name/{tag}", net(name=value),
            E(f"FILE:1: network name '{value}' must start with a letter, a digit or '_'" + STRICT
              + " (/network/@name)")))
for tag, value, shown, char in [
        ("tab", "a&#9;b", "a\\tb", "0x09"), ("space", "a b", "a b", "0x20"),
        ("semicolon", "a;reboot", "a;reboot", "';'"), ("dollar", "$(reboot)", "$(reboot)", "'$'"),
        ("backtick", "`id`", "`id`", "'`'"), ("pipe", "a|b", "a|b", "'|'"),
        ("ampersand", "a&amp;b", "a&b", "'&'"), ("redirect", "a&gt;b", "a>b", "'>'"),
        ("glob", "a*", "a*", "'*'"), ("quote", "a'b", "a'b", "'''"),
        ("dquote", 'a"b', 'a"b', "'\"'"), ("backslash", "a\\b", "a\\b", "'\\'"),
        ("hash", "a#b", "a#b", "'#'"), ("equals", "a=b", "a=b", "'='"),
        ("comma", "a,b", "a,b", "','"), ("braces", "a{b}", "a{b}", "'{'"),
        ("percent", "a%ib", "a%ib", "'%'"), ("non-ascii", "r\u00e9seau", "r\u00e9seau", "0xc3"),
        ("emoji", "net\U0001f600", "net\U0001f600", "0xf0")]:
    add(doc(f"name/{tag}", net(name=value),
            E(f"FILE:1: network name '{shown}' contains {char}" + NAME_RULE)))
add(doc("name/plus-with-nftables", net(NAT, IP4_CLOSED, name="a+b"),
        E("FILE:1: network name 'a+b' contains '+', which the name of its nftables table cannot "
          "take" + STRICT + " (/network/@name)")))
add(doc("name/300-bytes", net(name="n" * 300),
        E(f"FILE:1: network name '{'n' * 300}' is longer than 64 bytes" + STRICT +
          " (/network/@name)")))
for tag, value, shown, char in [
        ("slash", "a/b", "a/b", "'/'"), ("newline", "a&#10;b", "a\\nb", "0x0a"),
        ("space", "b r", "b r", "0x20"), ("semicolon", "br;x", "br;x", "';'"),
        ("dollar", "br$x", "br$x", "'$'"), ("dquote", 'br"x', 'br"x', "'\"'"),
        ("colon", "br:0", "br:0", "':'"), ("at", "br@x", "br@x", "'@'"),
        ("non-ascii", "br\u00e9", "br\u00e9", "0xc3")]:
    add(doc(f"bridge/{tag}", net(f"<bridge name='{value}'/>", IP4_CLOSED),
            E(f"FILE:3: bridge name '{shown}' contains {char}" + IF_RULE +
              " (/network/bridge/@name)")))
for tag, value in [("dotdot", ".."), ("dot", "."), ("leading-dash", "-br")]:
    add(doc(f"bridge/{tag}", net(f"<bridge name='{value}'/>", IP4_CLOSED),
            E(f"FILE:3: bridge name '{value}' is not a usable interface name" + STRICT +
              " (/network/bridge/@name)")))
add(doc("bridge/16-bytes", net(f"<bridge name='{'b' * 16}'/>", IP4_CLOSED),
        E(f"FILE:3: bridge name '{'b' * 16}' is longer than 15 bytes, the kernel's limit (IFNAMSIZ)"
          + STRICT + " (/network/bridge/@name)")))
add(doc("bridge/plus-with-nftables", net("<bridge name='br+x'/>", IP4_CLOSED),
        E("FILE:3: bridge name 'br+x' contains '+', which vnetctl's nftables rules cannot take"
          + STRICT + " (/network/bridge/@name)")))
add(doc("bridge/bad-template", net("<bridge name='br%s'/>", IP4_CLOSED),
        E("FILE:3: bridge name template 'br%s' is not valid: a template needs exactly one '%d' "
          "and is only expanded for forward modes nat, route, open and isolated" + STRICT +
          " (/network/bridge/@name)")))
add(doc("bridge/quote-breaks-attribute", net("<bridge name='br'x'/>", IP4_CLOSED),
        E("FILE:3: XML error: attributes construct error")))
add(doc("bridge/forward-dev-slash", net("<forward mode='nat' dev='eth0/x'/>", IP4_CLOSED),
        E("FILE:3: forward interface 'eth0/x' contains '/'" + IF_RULE +
          " (/network/forward/@dev)")))
add(doc("bridge/forward-dev-16-bytes", net("<forward mode='nat' dev='eth0123456789abc'/>",
                                           IP4_CLOSED),
        E("FILE:3: forward interface 'eth0123456789abc' is longer than 15 bytes, the kernel's "
          "limit (IFNAMSIZ)" + STRICT + " (/network/forward/@dev)")))
add(accepted("bridge/empty-means-default", net("<bridge name=''/>", IP4_CLOSED)))

# --- uuids -------------------------------------------------------------------------------
for tag, value in [("short", "0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b5"),
                   ("non-hex", "0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3bzz"),
                   ("too-long", "0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b5c0"),
                   ("braces", "{0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b5c}"),
                   ("newline", "0f2a4b6c-8d0e-4f1a-9b3c&#10;-5d7e9f1a3b5c")]:
    add(doc(f"uuid/{tag}", net(f"<uuid>{value}</uuid>"),
            E("FILE:3: internal error: malformed uuid element (/network/uuid)"), libvirt=True))
add(accepted("uuid/empty-means-generated", net("<uuid></uuid>"), libvirt=True))
add(accepted("uuid/blank-separated", net("<uuid>0f2a4b6c 8d0e 4f1a 9b3c 5d7e9f1a3b5c</uuid>"),
             libvirt=True))
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
        ("dashes", "52-54-00-00-00-01", "Invalid bridge mac address")]:
    add(doc(f"mac/bridge-{tag}", net("<mac address='" + value + "'/>"),
            E(f"FILE:3: XML error: {msg} '{value}' in network 'n1' (/network/mac/@address)"),
            libvirt=True))
add(doc("mac/bridge-all-zero", net("<mac address='00:00:00:00:00:00'/>"),
        E("FILE:3: bridge MAC address 00:00:00:00:00:00 in network 'n1' is all zeros, which the "
          "kernel refuses for an interface; libvirt fails only at net-start" + STRICT +
          " (/network/mac/@address)")))
add(accepted("mac/bridge-empty-means-generated", net("<mac address=''/>"), libvirt=True))
for tag, value, msg in [
        ("multicast", "01:00:5e:00:00:01", "expected unicast mac address, found multicast"),
        ("broadcast", "ff:ff:ff:ff:ff:ff", "expected unicast mac address, found multicast"),
        ("malformed", "52:54:00:00:00:0g", "Cannot parse MAC address")]:
    add(doc(f"mac/host-{tag}", net(*dhcp4(f"<host mac='{value}' ip='192.168.60.5'/>")),
            E(f"FILE:5: XML error: {msg} '{value}' in network 'n1' "
              "(/network/ip[1]/dhcp/host[1]/@mac)"), libvirt=True))

# --- addresses and prefixes ----------------------------------------------------------
for tag, ip, err in [
        ("v4-octet-256", "<ip address='192.168.60.256' prefix='24'/>",
         "XML error: Invalid address '192.168.60.256' in network 'n1' (/network/ip[1]/@address)"),
        ("v4-three-octets", "<ip address='192.168.60' prefix='24'/>",
         "XML error: Invalid address '192.168.60' in network 'n1' (/network/ip[1]/@address)"),
        ("v4-prefix-33", "<ip address='192.168.60.1' prefix='33'/>",
         "unsupported configuration: Invalid IPv4 prefix '33' in network 'n1' "
         "(/network/ip[1]/@prefix)"),
        ("v4-prefix-negative", "<ip address='192.168.60.1' prefix='-1'/>",
         "XML error: Invalid value for attribute 'prefix' in element 'ip': '-1'. Expected "
         "non-negative integer value (/network/ip[1]/@prefix)"),
        ("v4-prefix-2^32+24", "<ip address='192.168.60.1' prefix='4294967320'/>",
         "XML error: Invalid value for attribute 'prefix' in element 'ip': '4294967320'. Expected "
         "non-negative integer value (/network/ip[1]/@prefix)"),
        ("v4-netmask-holes", "<ip address='192.168.60.1' netmask='255.0.255.0'/>",
         "netmask '255.0.255.0' in network 'n1' is not contiguous; libvirt fails only at "
         "net-start (\"has an invalid netmask or IP address\")" + STRICT +
         " (/network/ip[1]/@netmask)"),
        ("v4-netmask-and-prefix",
         "<ip address='192.168.60.1' netmask='255.255.255.0' prefix='24'/>",
         "unsupported configuration: Network 'n1' IP address cannot have both a prefix and a "
         "netmask (/network/ip[1]/@prefix)"),
        ("v6-prefix-129", "<ip family='ipv6' address='fd00::1' prefix='129'/>",
         "unsupported configuration: Invalid IPv6 prefix '129' in network 'n1' "
         "(/network/ip[1]/@prefix)"),
        ("v6-netmask", "<ip family='ipv6' address='fd00::1' netmask='ffff:ffff::'/>",
         "unsupported configuration: netmask not allowed for IPv6 address 'fd00::1' in network "
         "'n1' (/network/ip[1]/@netmask)"),
        ("v6-bad-hex", "<ip family='ipv6' address='fd00::g' prefix='64'/>",
         "XML error: Invalid address 'fd00::g' in network 'n1' (/network/ip[1]/@address)"),
        ("v6-scope-id", "<ip family='ipv6' address='fe80::1%eth0' prefix='64'/>",
         "XML error: Invalid address 'fe80::1%eth0' in network 'n1' (/network/ip[1]/@address)"),
        ("v6-in-ipv4-family", "<ip family='ipv4' address='fd00::1' prefix='64'/>",
         "unsupported configuration: ipv4 family specified for non-IPv4 address 'fd00::1' in "
         "network 'n1' (/network/ip[1]/@address)"),
        ("v4-in-ipv6-family", "<ip family='ipv6' address='192.168.60.1' prefix='24'/>",
         "unsupported configuration: Family 'ipv6' specified for non-IPv6 address "
         "'192.168.60.1' in network 'n1' (/network/ip[1]/@address)"),
        ("v6-with-v4-netmask", "<ip address='fd00::1' netmask='255.255.255.0'/>",
         "unsupported configuration: no family specified for non-IPv4 address 'fd00::1' in "
         "network 'n1' (/network/ip[1]/@address)"),
        ("family-unknown", "<ip family='ipx' address='192.168.60.1' prefix='24'/>",
         "XML error: Unrecognized family 'ipx' in network 'n1' (/network/ip[1]/@family)"),
        ("address-empty", "<ip address='' prefix='24'/>",
         "XML error: Missing required address attribute in network 'n1' "
         "(/network/ip[1]/@address)")]:
    # libvirt reads 192.168.60 as inet_aton does (192.168.0.60): vnetctl refuses
    # it rather than guess which address a short form meant.
    lenient = "net-start" in err or tag == "v4-three-octets"
    add(doc(f"addr/{tag}", net(NAT, ip), E("FILE:4: " + err), libvirt=not lenient))
# Four zero-padded groups (a provisioning template's 192.168.000.1) are read as
# libvirt reads them, a leading 0 as octal (060 is 48), and kept canonical.
for tag, address in [("v4-zero-padded", "192.168.000.1"), ("v4-octal-group", "192.168.060.1")]:
    add(accepted(f"addr/{tag}", net(NAT, f"<ip address='{address}' prefix='24'/>"),
                 absent=(address,)))
IP6 = "<ip family='ipv6' address='fd00:60::1' prefix='64'>"
for tag, body, line, err in [
        ("outside-subnet", dhcp4("<range start='10.0.0.2' end='10.0.0.9'/>"), 6,
         "internal error: range 10.0.0.2 - 10.0.0.9 is not entirely within network "
         "192.168.60.1/24"),
        ("reversed", dhcp4("<range start='192.168.60.200' end='192.168.60.100'/>"), 6,
         "internal error: range 192.168.60.200 - 192.168.60.100 is reversed "),
        ("straddles-subnet", dhcp4("<range start='192.168.60.200' end='192.168.61.10'/>"), 6,
         "internal error: range 192.168.60.200 - 192.168.61.10 is not entirely within network "
         "192.168.60.1/24"),
        ("v6-range-in-v4-ip", dhcp4("<range start='fd00::2' end='fd00::9'/>"), 6,
         "internal error: mismatch of address family in range fd00::2 - fd00::9 for network "
         "192.168.60.1"),
        ("v4-range-in-v6-ip",
         [IP6, "  <dhcp>", "    <range start='192.168.60.2' end='192.168.60.9'/>", "  </dhcp>",
          "</ip>"], 6,
         "internal error: mismatch of address family in range 192.168.60.2 - 192.168.60.9 for "
         "network fd00:60::1"),
        ("v6-reversed",
         [IP6, "  <dhcp>", "    <range start='fd00:60::200' end='fd00:60::100'/>", "  </dhcp>",
          "</ip>"], 6, "internal error: range fd00:60::200 - fd00:60::100 start larger than end"),
        ("includes-network", dhcp4("<range start='192.168.60.0' end='192.168.60.9'/>"), 6,
         "internal error: start of range 192.168.60.0 - 192.168.60.9 in network "
         "192.168.60.1/24 is the network address"),
        ("includes-broadcast", dhcp4("<range start='192.168.60.200' end='192.168.60.255'/>"), 6,
         "internal error: end of range 192.168.60.200 - 192.168.60.255 in network "
         "192.168.60.1/24 is the broadcast address")]:
    add(doc(f"range/{tag}", net(NAT, *body),
            E(f"FILE:{line}: {err} (/network/ip[1]/dhcp/range[1])"), libvirt=True))
add(doc("range/malformed", net(NAT, *dhcp4("<range start='192.168.60.2' end='192.168.60.x'/>")),
        E("FILE:6: Cannot parse socket address '192.168.60.x': Name or service not known "
          "(/network/ip[1]/dhcp/range[1]/@end)")))
add(doc("range/nat-addresses-reversed",
        net("<forward mode='nat'><nat><address start='10.0.0.9' end='10.0.0.1'/></nat></forward>",
            IP4_CLOSED),
        E("FILE:3: internal error: range 10.0.0.9 - 10.0.0.1 is reversed  "
          "(/network/forward/nat/address[1])")))
for tag, hosts, what, value, attr in [
        ("same-mac", ["<host mac='52:54:00:00:00:01' ip='192.168.60.5'/>",
                      "<host mac='52:54:00:00:00:01' ip='192.168.60.6'/>"],
         "MAC address", "52:54:00:00:00:01", "mac"),
        ("same-mac-other-case", ["<host mac='52:54:00:00:00:0a' ip='192.168.60.5'/>",
                                 "<host mac='52:54:00:00:00:0A' ip='192.168.60.6'/>"],
         "MAC address", "52:54:00:00:00:0a", "mac"),
        ("same-ip", ["<host mac='52:54:00:00:00:01' ip='192.168.60.5'/>",
                     "<host mac='52:54:00:00:00:02' ip='192.168.60.5'/>"],
         "IP address", "192.168.60.5", "ip"),
        ("same-name-other-case",
         ["<host mac='52:54:00:00:00:01' name='web' ip='192.168.60.5'/>",
          "<host mac='52:54:00:00:00:02' name='WEB' ip='192.168.60.6'/>"], "name", "web", "name")]:
    add(doc(f"host/{tag}", net(NAT, *dhcp4(*hosts)),
            E(f"FILE:7: static host {what} {value} is used twice in network 'n1' (hosts 1 and 2 "
              "of one <ip>); dnsmasq would honour only one of them" + STRICT +
              f" (/network/ip[1]/dhcp/host[2]/@{attr})")))
# A host outside its subnet is accepted, as libvirt accepts it, with a warning;
# one of the other family is refused.
add(doc("host/outside-subnet-warns",
        net(NAT, *dhcp4("<host mac='52:54:00:00:00:01' ip='10.0.0.5'/>")),
        "vnetctl: warning: FILE:6: static host IP address 10.0.0.5 in network 'n1' is outside "
        "its <ip> subnet 192.168.60.1/24: dnsmasq never hands it out "
        "(/network/ip[1]/dhcp/host[1]/@ip)", rc=0, entries=("define",), libvirt=True))
# A cluster installer adds '*.apps' with net-update: accepted, as libvirt does,
# with a warning that it is no wildcard.
add(doc("dns/host-name-star-warns",
        net(NAT, IP4_CLOSED, "<dns><host ip='192.168.60.7'><hostname>*.apps</hostname></host></dns>"),
        "vnetctl: warning: FILE:5: DNS host name '*.apps' in network 'n1' contains '*': dnsmasq "
        "answers only for that literal name, '*' is no wildcard in a hosts entry (for every name "
        "under a domain, <dnsmasq:option value='address=/DOMAIN/IP'/>) (/network/dns/host[1])",
        rc=0, entries=("define",), libvirt=True))
add(doc("host/v6-in-v4-ip", net(NAT, *dhcp4("<host mac='52:54:00:00:00:01' ip='fd00::5'/>")),
        E("FILE:6: static host IP address fd00::5 in network 'n1' is not an IPv4 address like "
          "its <ip> 192.168.60.1; dnsmasq would never hand it out" + STRICT +
          " (/network/ip[1]/dhcp/host[1]/@ip)")))
add(doc("host/no-mac-no-name", net(NAT, *dhcp4("<host ip='192.168.60.5'/>")),
        E("FILE:6: XML error: Static host definition in IPv4 network 'n1' must have mac or name "
          "attribute (/network/ip[1]/dhcp/host[1])"), libvirt=True))
for tag, route, err in [
        ("gateway-other-family", "<route address='10.1.0.0' prefix='16' gateway='fd00::1'/>",
         "XML error: n1: No family specified for non-IPv4 gateway '10.1.0.0' in route "
         "definition (/network/route[1]/@gateway)"),
        ("prefix-40", "<route address='10.1.0.0' prefix='40' gateway='192.168.60.2'/>",
         "XML error: n1: Invalid prefix 40 specified in route definition, must be 0 - 32 "
         "(/network/route[1]/@prefix)"),
        ("no-gateway", "<route address='10.1.0.0' prefix='16'/>",
         "XML error: n1: Missing required gateway attribute in route definition "
         "(/network/route[1]/@gateway)"),
        ("metric-negative",
         "<route address='10.1.0.0' prefix='16' gateway='192.168.60.2' metric='-1'/>",
         "XML error: Invalid value for attribute 'metric' in element 'route': '-1'. Expected "
         "non-negative integer value (/network/route[1]/@metric)")]:
    add(doc(f"route/{tag}", net(NAT, IP4_CLOSED, route), E("FILE:5: " + err)))

# --- forward modes -----------------------------------------------------------------------
for tag, mode, shown in [("unknown", "nat2", "nat2"), ("uppercase", "NAT", "NAT"),
                         ("newline", "nat&#10;", "nat\\n"), ("shell", "nat;reboot", "nat;reboot")]:
    add(doc(f"forward/{tag}", net(f"<forward mode='{mode}'/>", IP4_CLOSED),
            E(f"FILE:3: unsupported configuration: unknown forwarding type '{shown}' "
              "(/network/forward/@mode)"), libvirt=tag != "newline"))
for tag, port in [("nat-ports-reversed", "<port start='2000' end='1024'/>"),
                  ("nat-port-70000", "<port start='1024' end='70000'/>")]:
    add(doc(f"forward/{tag}", net(f"<forward mode='nat'><nat>{port}</nat></forward>", IP4_CLOSED),
            E("FILE:3: Missing or invalid 'end' attribute in <port> in <nat> in <forward> in "
              "network n1 (/network/forward/nat/port/@end)"), libvirt=True))
add(accepted("forward/empty-means-nat", net("<forward mode=''/>", IP4_CLOSED), libvirt=True))

# --- values that land in dnsmasq's files ---------------------------------------------
for tag, body, line, err in [
        ("txt-name-comma", "<dns><txt name='a,b' value='x'/></dns>", 4,
         "prohibited character in DNS TXT record name 'a,b' of network n1 "
         "(/network/dns/txt[1]/@name)"),
        ("txt-name-quote", "<dns><txt name='a\"b' value='x'/></dns>", 4,
         "DNS TXT record name 'a\"b' in network 'n1' contains '\"'" + DNS_RULE +
         " (/network/dns/txt[1]/@name)"),
        ("txt-value-newline", "<dns><txt name='a' value='x&#10;dhcp-script=/bin/sh'/></dns>", 4,
         "invalid line break in DNS TXT record value attribute (/network/dns/txt[1]/@value)"),
        ("host-name-space",
         "<dns><host ip='192.168.60.7'><hostname>a b</hostname></host></dns>", 4,
         "DNS host name 'a b' in network 'n1' contains 0x20" + HOSTS_RULE +
         " (/network/dns/host[1])"),
        ("host-name-newline",
         "<dns><host ip='192.168.60.7'><hostname>a&#10;b</hostname></host></dns>", 4,
         "DNS host name in network 'n1'" + CTRL + " (/network/dns/host[1])"),
        ("host-name-comma",
         "<dns><host ip='192.168.60.7'><hostname>a,b</hostname></host></dns>", 4,
         "DNS host name 'a,b' in network 'n1' contains ','" + HOSTS_RULE +
         " (/network/dns/host[1])"),
        ("host-name-hash",
         "<dns><host ip='192.168.60.7'><hostname>a#b</hostname></host></dns>", 4,
         "DNS host name 'a#b' in network 'n1' contains '#'" + HOSTS_RULE +
         " (/network/dns/host[1])"),
        ("srv-service-comma", "<dns><srv service='a,b' protocol='tcp'/></dns>", 4,
         "invalid character in service attribute 'a,b' in DNS SRV record of network 'n1' "
         "(/network/dns/srv[1]/@service)"),
        ("srv-target-comma",
         "<dns><srv service='ldap' protocol='tcp' target='a,b' port='1'/></dns>", 4,
         "DNS SRV target 'a,b' in network 'n1' contains ','" + DNS_RULE +
         " (/network/dns/srv[1]/@target)"),
        ("srv-domain-space", "<dns><srv service='ldap' protocol='tcp' domain='a b'/></dns>", 4,
         "DNS SRV domain 'a b' in network 'n1' contains 0x20" + DNS_RULE +
         " (/network/dns/srv[1]/@domain)"),
        ("forwarder-domain-slash", "<dns><forwarder domain='a/b' addr='192.0.2.1'/></dns>", 4,
         "DNS forwarder domain 'a/b' in network 'n1' contains '/'" + DNS_RULE +
         " (/network/dns/forwarder[1]/@domain)"),
        ("forwarder-domain-newline", "<dns><forwarder domain='a&#10;b'/></dns>", 4,
         "DNS forwarder domain in network 'n1'" + CTRL + " (/network/dns/forwarder[1]/@domain)"),
        ("domain-space", "<domain name='a b'/>", 4,
         "domain name 'a b' in network 'n1' contains 0x20" + DNS_RULE +
         " (/network/domain/@name)"),
        ("domain-comma", "<domain name='a,b'/>", 4,
         "domain name 'a,b' in network 'n1' contains ','" + DNS_RULE + " (/network/domain/@name)"),
        ("domain-slash", "<domain name='a/x/'/>", 4,
         "domain name 'a/x/' in network 'n1' contains '/'" + DNS_RULE +
         " (/network/domain/@name)"),
        ("domain-newline", "<domain name='a&#10;server=/x/1.2.3.4'/>", 4,
         "domain name in network 'n1'" + CTRL + " (/network/domain/@name)")]:
    add(doc(f"dnsmasq/{tag}", net(NAT, body, IP4_CLOSED), E(f"FILE:{line}: {err}")))
for tag, inner, line, err in [
        ("dhcp-name-comma",
         ["<host mac='52:54:00:00:00:01' name='a,infinite' ip='192.168.60.5'/>"], 6,
         "static host name 'a,infinite' in network 'n1' contains ','" + DNS_RULE +
         " (/network/ip[1]/dhcp/host[1]/@name)"),
        ("dhcp-name-space", ["<host mac='52:54:00:00:00:01' name='a b' ip='192.168.60.5'/>"], 6,
         "static host name 'a b' in network 'n1' contains 0x20" + DNS_RULE +
         " (/network/ip[1]/dhcp/host[1]/@name)"),
        ("dhcp-name-newline",
         ["<host mac='52:54:00:00:00:01' name='a&#10;b' ip='192.168.60.5'/>"], 6,
         "static host name in network 'n1'" + CTRL + " (/network/ip[1]/dhcp/host[1]/@name)"),
        ("dhcp-id-comma", ["<host id='0:1:0:1:2c,x' name='a' ip='192.168.60.5'/>"], 6,
         "XML error: Invalid character ',' in id '0:1:0:1:2c,x' of network 'n1' "
         "(/network/ip[1]/dhcp/host[1]/@id)"),
        ("bootp-file-newline", ["<range start='192.168.60.2' end='192.168.60.9'/>",
                                "<bootp file='pxe&#10;dhcp-script=/bin/sh'/>"], 7,
         "BOOTP file in network 'n1'" + CTRL + " (/network/ip[1]/dhcp/bootp/@file)")]:
    add(doc(f"dnsmasq/{tag}", net(NAT, *dhcp4(*inner)), E(f"FILE:{line}: {err}")))
add(doc("dnsmasq/tftp-root-newline",
        net(NAT, IP4, "  <tftp root='/srv&#10;dhcp-script=/bin/sh'/>", "</ip>"),
        E("FILE:4: TFTP root in network 'n1'" + CTRL + " (/network/ip[1])")))
add(doc("dnsmasq/option-newline",
        net("<dnsmasq:options xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'>",
            "  <dnsmasq:option value='cache-size=0&#10;dhcp-script=/bin/sh'/>",
            "</dnsmasq:options>"),
        E("FILE:1: dnsmasq option in network 'n1'" + CTRL + " (/network)")))

# --- update fragments (n1: 192.168.50.1/24, host h1 52:54:00:00:00:01 .10) -----------
HOST9 = "<host mac='52:54:00:00:00:09' name='h9' ip='192.168.50.9'/>"
EXISTING = "Requested operation is not valid: there is an existing dhcp host entry in network 'n1' that matches "
add(frag("update/host-multicast-mac", "ip-dhcp-host",
         "<host mac='01:54:00:00:00:02' name='h9' ip='192.168.50.9'/>",
         "XML error: expected unicast mac address, found multicast '01:54:00:00:00:02' "
         "(/host/@mac)"))
add(frag("update/host-duplicate-mac", "ip-dhcp-host",
         "<host mac='52:54:00:00:00:01' name='h9' ip='192.168.50.9'/>",
         EXISTING + "\"<host mac='52:54:00:00:00:01' name='h9' ip='192.168.50.9'/>\"", rc=1, line=0))
add(frag("update/host-duplicate-ip", "ip-dhcp-host",
         "<host mac='52:54:00:00:00:09' name='h9' ip='192.168.50.10'/>",
         EXISTING + "\"<host mac='52:54:00:00:00:09' name='h9' ip='192.168.50.10'/>\"", rc=1,
         line=0))
for tag, name, char in [("comma", "h,9", "','"), ("space", "h 9", "0x20"), ("hash", "h#9", "'#'")]:
    add(frag(f"update/host-name-{tag}", "ip-dhcp-host",
             f"<host mac='52:54:00:00:00:09' name='{name}' ip='192.168.50.9'/>",
             f"static host name '{name}' in network 'n1' contains {char}" + DNS_RULE +
             " (/network/ip[1]/dhcp/host[2]/@name)", line=0))
add(frag("update/range-reversed", "ip-dhcp-range",
         "<range start='192.168.50.200' end='192.168.50.100'/>",
         "internal error: range 192.168.50.200 - 192.168.50.100 is reversed  (/range)"))
add(frag("update/range-outside", "ip-dhcp-range", "<range start='10.0.0.1' end='10.0.0.9'/>",
         "internal error: range 10.0.0.1 - 10.0.0.9 is not entirely within network "
         "192.168.50.1/24 (/range)"))
add(frag("update/txt-newline", "dns-txt", "<txt name='a' value='x&#10;y'/>",
         "invalid line break in DNS TXT record value attribute (/txt/@value)"))
add(frag("update/dns-host-space", "dns-host",
         "<host ip='192.168.50.77'><hostname>a b</hostname></host>",
         "DNS host name 'a b' in network 'n1' contains 0x20" + HOSTS_RULE + " (/network/dns/host[1])",
         line=0))
add(frag("update/dns-host-newline", "dns-host",
         "<host ip='192.168.50.77'><hostname>a&#10;b</hostname></host>",
         "DNS host name in network 'n1'" + CTRL + " (/network/dns/host[1])", line=0))
add(frag("update/srv-comma", "dns-srv", "<srv service='a,b' protocol='tcp'/>",
         "invalid character in service attribute 'a,b' in DNS SRV record (/srv/@service)"))
add(frag("update/doctype", "ip-dhcp-host",
         "<!DOCTYPE host [<!ENTITY a 'x'>]><host mac='52:54:00:00:00:09' name='&a;' "
         "ip='192.168.50.9'/>", DOCTYPE))
add(frag("update/truncated", "ip-dhcp-host", HOST9[:-3], "XML error: AttValue: ' expected"))
add(frag("update/wrong-element", "ip-dhcp-host", "<range start='1.1.1.1' end='1.1.1.2'/>",
         "XML error: unexpected element <range>, expecting <host>, while updating network 'n1'",
         line=0))
add(frag("update/two-elements", "ip-dhcp-host", HOST9 + "<host/>",
         "XML error: Extra content at the end of the document"))
add(frag("update/empty-file", "ip-dhcp-host", "", "XML error: Document is empty",
         inline_skip_ok=True))
add(frag("update/nul", "ip-dhcp-host", "<host mac='52:54:00:00:00:09'\0 ip='192.168.50.9'/>",
         "'FILE' contains a NUL byte", line=0, inline_skip_ok=True))
add(frag("update/bridge-section", "bridge", "<bridge name='x'/>",
         "Operation not supported: can't update 'bridge' section of network 'n1'", line=0))
add(frag("update/parent-index-99", "ip-dhcp-host", HOST9,
         "Requested operation is not valid: couldn't update dhcp host entry - no <ip> element "
         "found at index 99 in network 'n1'", rc=1, line=0, extra=("--parent-index", "99")))
add(frag("update/forward-interface-slash", "forward-interface", "<interface dev='a/b'/>",
         "forward interface 'a/b' contains '/'" + IF_RULE +
         " (/network/forward/interface[1]/@dev)", line=0))
add(frag("update/deep", "ip-dhcp-host", gen.deep_text(1000),
         "XML error: Excessive depth in document: 256 use XML_PARSE_HUGE option"))
add(frag("update/huge-file", "ip-dhcp-host", gen.huge_text(20 << 20),
         "'FILE' is larger than 16777216 bytes", line=0, inline_skip_ok=True))

# --- what vnetctl writes for odd but accepted values (native readers) ----------------
for c in native.CASES:
    add(custom(c[0], c[1]))
