"""Runs one POP3 session with Python's poplib and prints what it saw as JSON.

usage: pop3_session.py PORT USER PASSWORD ACTION...
actions: stat, list, uidl, capa, retr:N, top:N:L, dele:N, rset, noop, apop, quit, drop (close without QUIT),
         second_login (try a second session while this one holds the maildrop)
"""
import json
import poplib
import sys


def main():
    port, user, password, actions = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
    pop = poplib.POP3("127.0.0.1", port, timeout=10)
    results = [["welcome", pop.getwelcome().decode()]]
    if actions and actions[0] == "apop":
        actions = actions[1:]
        results.append(["apop", pop.apop(user, password).decode()])
    else:
        pop.user(user)
        results.append(["pass", pop.pass_(password).decode()])
    for action in actions:
        name, *args = action.split(":")
        try:
            if name == "stat":
                result = list(pop.stat())
            elif name == "list":
                resp, lines, _ = pop.list()
                result = [resp.decode(), [l.decode() for l in lines]]
            elif name == "uidl":
                resp, lines, _ = pop.uidl()
                result = [resp.decode(), [l.decode() for l in lines]]
            elif name == "capa":
                result = sorted(pop.capa().keys())
            elif name == "retr":
                resp, lines, octets = pop.retr(int(args[0]))
                result = [resp.decode(), b"".join(l + b"\r\n" for l in lines).decode(), octets]
            elif name == "top":
                resp, lines, octets = pop.top(int(args[0]), int(args[1]))
                result = [resp.decode(), b"".join(l + b"\r\n" for l in lines).decode()]
            elif name == "dele":
                result = pop.dele(int(args[0])).decode()
            elif name == "rset":
                result = pop.rset().decode()
            elif name == "noop":
                result = pop.noop().decode()
            elif name == "quit":
                result = pop.quit().decode()
            elif name == "drop":
                pop.close()
                result = "dropped"
            elif name == "second_login":
                other = poplib.POP3("127.0.0.1", port, timeout=10)
                other.user(user)
                try:
                    result = other.pass_(password).decode()
                except poplib.error_proto as error:
                    result = error.args[0].decode()
                other.quit()
            else:
                raise SystemExit(f"unknown action {action}")
        except poplib.error_proto as error:
            result = {"error": error.args[0].decode()}
        results.append([action, result])
    print(json.dumps(results))


main()
