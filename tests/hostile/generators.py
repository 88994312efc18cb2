"""Inputs too large or too regular to write out in cases.py. Each returns the
document (bytes or str) or, for huge ones, a function writing it to a path
(so a 100 MB document is streamed to disk, never held as one string)."""
import os
import random


def garbage(size, seed):
    """Random bytes without NUL (so the parser, not the NUL check, sees them)."""
    rnd = random.Random(seed)
    return bytes(rnd.randrange(1, 256) for _ in range(size))


def billion_laughs(levels=10):
    ents = ['<!ENTITY lol0 "lol">']
    for i in range(1, levels):
        ents.append(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    return ("<?xml version='1.0'?>\n<!DOCTYPE network [\n" + "\n".join(ents) + "\n]>\n"
            f"<network><name>n1</name><title>&lol{levels - 1};</title></network>\n")


def quadratic_blowup():
    return ("<?xml version='1.0'?>\n<!DOCTYPE network [<!ENTITY a \"" + "a" * 50000 + "\">]>\n"
            "<network><name>n1</name><title>" + "&a;" * 50000 + "</title></network>\n")


def xxe_fifo(encoding):
    """A document whose DOCTYPE is hidden from a byte scan by its encoding, with
    an external entity naming a FIFO: reading the entity would block."""

    def write(path):
        fifo = path + ".fifo"
        if os.path.lexists(fifo):
            os.remove(fifo)
        os.mkfifo(fifo)
        text = (f'<?xml version="1.0" encoding="{ "IBM037" if encoding == "cp037" else "UTF-7"}"?>'
                f'\n<!DOCTYPE network [<!ENTITY x SYSTEM "file://{fifo}">]>\n'
                "<network><name>n1</name><title>&x;</title></network>\n")
        with open(path, "wb") as f:
            f.write(text.encode(encoding))

    return write


def _stream(path, head, filler, size, tail):
    chunk = filler * ((1 << 20) // len(filler))
    with open(path, "wb") as f:
        f.write(head)
        written = len(head)
        while written < size:
            n = min(len(chunk), size - written)
            f.write(chunk[:n])
            written += n
        f.write(tail)


def huge_comment(size):
    return lambda path: _stream(path, b"<network><name>n1</name><!-- ", b"x", size, b" --></network>\n")


def huge_attribute(size):
    return lambda path: _stream(path, b"<network><name>n1</name><bridge name='", b"b", size,
                                b"'/></network>\n")


def long_name(size):
    """A name just under the 16 MiB input limit."""
    return lambda path: _stream(path, b"<network><name>", b"n", size, b"</name></network>\n")


def many_hosts(n, duplicate_last=False):
    """A /16 with n static hosts: the duplicate checks must not be quadratic.
    With duplicate_last one more host repeats the first one's MAC."""
    lines = ["<network>", "  <name>many</name>", "  <forward mode='nat'/>",
             "  <ip address='10.20.0.1' prefix='16'>", "    <dhcp>"]
    for i in range(n):
        a, b = divmod(i + 2, 256)
        lines.append(f"      <host mac='52:54:00:00:{a:02x}:{b:02x}' ip='10.20.{a}.{b}'/>")
    if duplicate_last:
        lines.append("      <host mac='52:54:00:00:00:02' ip='10.20.250.1'/>")
    lines += ["    </dhcp>", "  </ip>", "</network>"]
    return "\n".join(lines) + "\n"


def deep(depth):
    return "<network>" + "<a>" * depth + "</a>" * depth + "<name>n1</name></network>\n"


def deep_metadata(depth):
    return ("<network><name>n1</name><metadata><m:x xmlns:m='http://example.org/m'>"
            + "<m:a>" * depth + "</m:a>" * depth + "</m:x></metadata></network>\n")


def deep_text(depth):
    return "<host mac='52:54:00:00:00:09'>" + "<a>" * depth + "</a>" * depth + "</host>"


def huge_text(size):
    """A fragment file of `size` bytes (one long attribute)."""
    return "<host mac='52:54:00:00:00:09' name='" + "h" * size + "'/>"
