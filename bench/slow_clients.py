#!/usr/bin/env python3
"""Hostile HTTP clients for bench/slow-clients.sh: keeps N connections open to POST /write,
half dribbling their headers and half their body at one byte per second, and opens a new one
whenever the server cuts one off. One thread, non-blocking sockets. Stops by itself after
--seconds. Prints one status line per second: open connections, cuts seen (408 / close)."""
import argparse
import selectors
import socket
import sys
import time

HEADERS = b"POST /write HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-Slow: "
BODY = b"POST /write HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n{"


class Client:
    def __init__(self, port, kind, now, slot):
        self.kind = kind
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setblocking(False)
        self.sock.sendall(HEADERS if kind == "headers" else BODY)
        self.next_send = now + 1.0 + (slot % 10) / 10.0
        self.received = b""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--connections", type=int, default=1000)
    ap.add_argument("--seconds", type=float, default=120)
    args = ap.parse_args()
    start = time.monotonic()
    sel = selectors.DefaultSelector()
    clients = set()
    slot = 0
    cuts = {"408": 0, "other": 0, "close": 0}
    last_status = start

    def cut(c, outcome):
        cuts[outcome] += 1
        sel.unregister(c.sock)
        c.sock.close()
        clients.discard(c)

    while time.monotonic() - start < args.seconds:
        now = time.monotonic()
        while len(clients) < args.connections:
            kind = "headers" if slot % 2 == 0 else "body"
            try:
                c = Client(args.port, kind, now, slot)
            except OSError as e:
                print(f"connect failed: {e}", file=sys.stderr)
                break
            clients.add(c)
            sel.register(c.sock, selectors.EVENT_READ, c)
            slot += 1
        for key, _ in sel.select(timeout=0.1):
            c = key.data
            try:
                data = c.sock.recv(4096)
            except BlockingIOError:
                continue
            except OSError:
                cut(c, "close")
                continue
            if not data:
                cut(c, "close")
                continue
            c.received += data
            if b"\r\n" in c.received:
                cut(c, "408" if c.received.startswith(b"HTTP/1.1 408") else "other")
        now = time.monotonic()
        for c in [c for c in clients if now >= c.next_send]:
            c.next_send += 1.0
            try:
                c.sock.send(b"a" if c.kind == "headers" else b"x")
            except BlockingIOError:
                pass
            except OSError:
                cut(c, "close")
        if now - last_status >= 1.0:
            last_status = now
            print(f"t={now - start:.0f}s open={len(clients)} cut_408={cuts['408']} cut_other={cuts['other']} "
                  f"cut_close={cuts['close']}", flush=True)
    for c in list(clients):
        c.sock.close()


if __name__ == "__main__":
    main()
