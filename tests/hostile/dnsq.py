#!/usr/bin/env python3
"""A minimal DNS client for the hostile suite: asks one question over UDP and
prints the answers as JSON, so a test can check what dnsmasq really serves
from a configuration vnetctl wrote (no dig/dnspython needed).

    dnsq.py SERVER PORT NAME TYPE      TYPE: A AAAA TXT SRV PTR
"""
import json
import random
import socket
import struct
import sys

TYPES = {"A": 1, "PTR": 12, "TXT": 16, "AAAA": 28, "SRV": 33}


def encode_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        raw = label.encode()
        out += bytes([len(raw)]) + raw
    return out + b"\0"


def read_name(msg, off):
    labels = []
    jumped = False
    end = off
    for _ in range(128):
        n = msg[off]
        if n & 0xC0 == 0xC0:
            if not jumped:
                end = off + 2
            off = ((n & 0x3F) << 8) | msg[off + 1]
            jumped = True
            continue
        if n == 0:
            if not jumped:
                end = off + 1
            return ".".join(labels), end
        labels.append(msg[off + 1 : off + 1 + n].decode("latin-1"))
        off += 1 + n
    raise ValueError("name too long")


def decode_rdata(msg, rtype, off, length):
    data = msg[off : off + length]
    if rtype == 1:
        return socket.inet_ntop(socket.AF_INET, data)
    if rtype == 28:
        return socket.inet_ntop(socket.AF_INET6, data)
    if rtype == 16:
        strings, i = [], 0
        while i < len(data):
            n = data[i]
            strings.append(data[i + 1 : i + 1 + n].decode("latin-1"))
            i += 1 + n
        return strings
    if rtype == 33:
        prio, weight, port = struct.unpack("!HHH", data[:6])
        target, _ = read_name(msg, off + 6)
        return {"priority": prio, "weight": weight, "port": port, "target": target}
    if rtype == 12:
        return read_name(msg, off)[0]
    return data.hex()


def query(server, port, name, qtype, timeout=2.0):
    qid = random.randrange(65536)
    packet = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    packet += encode_name(name) + struct.pack("!HH", TYPES[qtype], 1)
    family = socket.AF_INET6 if ":" in server else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(packet, (server, port))
        msg, _ = s.recvfrom(65535)
    rid, flags, qd, an, _, _ = struct.unpack("!HHHHHH", msg[:12])
    if rid != qid:
        raise ValueError("answer id mismatch")
    off = 12
    for _ in range(qd):
        _, off = read_name(msg, off)
        off += 4
    answers = []
    for _ in range(an):
        _, off = read_name(msg, off)
        rtype, _, _, length = struct.unpack("!HHIH", msg[off : off + 10])
        off += 10
        if rtype == TYPES[qtype]:
            answers.append(decode_rdata(msg, rtype, off, length))
        off += length
    return {"rcode": flags & 0xF, "answers": answers}


if __name__ == "__main__":
    server, port, name, qtype = sys.argv[1:5]
    print(json.dumps(query(server, int(port), name, qtype)))
