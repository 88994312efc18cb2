#!/usr/bin/env python3
"""A tiny TCP echo of the peer's address, to see NAT from both ends.

  tcpecho.py serve ADDR PORT READYFILE   answers every connection with the
                                          address it sees the peer as, and
                                          logs it (one line each, stdout)
  tcpecho.py connect ADDR PORT [TIMEOUT]  prints what the server saw us as;
                                          exits 1 if it cannot connect
"""
import socket
import sys


def serve(addr, port, ready):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, int(port)))
    s.listen(16)
    open(ready, "w").close()
    while True:
        conn, peer = s.accept()
        with conn:
            print(peer[0], flush=True)
            conn.sendall((peer[0] + "\n").encode())


def connect(addr, port, timeout="3"):
    try:
        with socket.create_connection((addr, int(port)), timeout=float(timeout)) as c:
            print(c.makefile().readline().strip())
    except OSError as e:
        print(f"connect {addr}:{port}: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    {"serve": serve, "connect": connect}[sys.argv[1]](*sys.argv[2:])
