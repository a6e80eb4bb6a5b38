"""Runs one IMAP session with Python's imaplib and prints what it saw as JSON.

usage: imap_session.py PORT USER PASSWORD ACTION...
actions: select:MAILBOX, search:CRITERIA, fetch:SET:ITEMS, uid_fetch:SET:ITEMS, store:SET:+FLAGS:FLAG,
         expunge, noop, logout
Each result is [status, data] with data as imaplib returns it, bytes decoded (a literal's (prefix, text) pair
becomes a two-item list).
"""
import imaplib
import json
import sys


def decoded(data):
    if isinstance(data, bytes):
        return data.decode()
    if isinstance(data, (list, tuple)):
        return [decoded(item) for item in data]
    return data


def main():
    port, user, password, actions = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
    imap = imaplib.IMAP4("127.0.0.1", port, timeout=10)
    results = [["welcome", imap.welcome.decode()], ["login", decoded(imap.login(user, password))]]
    for action in actions:
        name, *args = action.split(":", 2)
        try:
            if name == "select":
                result = imap.select(args[0])
            elif name == "search":
                result = imap.search(None, args[0])
            elif name == "fetch":
                result = imap.fetch(args[0], args[1])
            elif name == "uid_fetch":
                result = imap.uid("FETCH", args[0], args[1])
            elif name == "store":
                what, flag = args[1].split(":", 1)
                result = imap.store(args[0], what, flag)
            elif name == "expunge":
                result = imap.expunge()
            elif name == "noop":
                result = imap.noop()
            elif name == "logout":
                result = imap.logout()
            else:
                raise SystemExit(f"unknown action {action}")
            result = decoded(result)
        except imaplib.IMAP4.error as error:
            result = {"error": str(error)}
        results.append([action, result])
    print(json.dumps(results))


main()
