"""Times a device's full flag resync, `FETCH 1:* (UID FLAGS RFC822.SIZE)`, against one IMAP server.

Usage: python3 imap_fetch_timing.py PORT  → prints JSON {"fetch_lines": n, "best_seconds": s, "median_seconds": s}
"""
import json
import socket
import sys
import time

sock = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=60)
reader = sock.makefile("rb")
reader.readline()


def command(tag, text):
    sock.sendall(f"{tag} {text}\r\n".encode())
    lines = 0
    while True:
        line = reader.readline()
        if not line:
            raise EOFError
        if line.startswith(tag.encode() + b" "):
            assert line.split(b" ")[1] == b"OK", line
            return lines
        lines += 1


command("a", "LOGIN alice wonderland")
command("b", "SELECT INBOX")
times = []
count = 0
for i in range(5):
    start = time.perf_counter()
    count = command(f"f{i}", "FETCH 1:* (UID FLAGS RFC822.SIZE)")
    times.append(time.perf_counter() - start)
command("z", "LOGOUT")
times.sort()
print(json.dumps({"fetch_lines": count, "best_seconds": times[0], "median_seconds": times[len(times) // 2]}))
