"""Runs the same scripted IMAP sessions against one server and prints the protocol-significant facts as JSON,
so that Mailroom and Dovecot can be compared (tests/dovecot_diff.rs).

Usage: python3 imap_scenarios.py IMAP_PORT [POP3_PORT]

Facts keep what the RFCs fix: tagged status (OK/NO/BAD), response codes without their free text, counts,
sizes, UIDs and their order, flags, which messages survive. They drop what servers may choose: free text,
UIDVALIDITY values, hierarchy delimiter, CAPABILITY lists, the order of data items inside one FETCH.
"""
import json
import re
import socket
import sys

HOST = "127.0.0.1"


class Session:
    def __init__(self, port, name):
        self.sock = socket.create_connection((HOST, port), timeout=10)
        self.reader = self.sock.makefile("rb")
        self.name = name
        self.tag = 0
        greeting = self.read_response()
        assert greeting.startswith("* OK"), greeting

    def read_response(self):
        """One response, with any literal octets inlined (as `{n}\\r\\n...`)."""
        line = self.reader.readline()
        if not line:
            raise EOFError("connection closed")
        text = line.decode("utf-8", "replace").rstrip("\r\n")
        while True:
            m = re.search(r"\{(\d+)\}$", text)
            if not m:
                return text
            data = self.reader.read(int(m.group(1))).decode("utf-8", "replace")
            rest = self.reader.readline().decode("utf-8", "replace").rstrip("\r\n")
            text = text + "\r\n" + data + rest

    def command(self, text, literal=None):
        """Sends one command (a literal goes as LITERAL+) and returns (status, code, untagged responses)."""
        self.tag += 1
        tag = f"t{self.tag}"
        if literal is None:
            self.sock.sendall(f"{tag} {text}\r\n".encode())
        else:
            body = literal.encode()
            self.sock.sendall(f"{tag} {text} {{{len(body)}+}}\r\n".encode() + body + b"\r\n")
        untagged = []
        while True:
            response = self.read_response()
            if response.startswith(tag + " "):
                status, code = status_of(response[len(tag) + 1:])
                return status, code, untagged
            untagged.append(response)

    def raw(self, text):
        self.sock.sendall(text.encode() + b"\r\n")

    def read_until(self, predicate):
        lines = []
        while True:
            response = self.read_response()
            lines.append(response)
            if predicate(response):
                return lines


def status_of(rest):
    parts = rest.split(" ", 1)
    status = parts[0].upper()
    code = None
    if len(parts) > 1 and parts[1].startswith("["):
        code = parts[1][1:parts[1].index("]")]
    return status, code


def normalize_code(code):
    if code is None:
        return None
    word = code.split(" ")[0].upper()
    if word in ("UIDVALIDITY", "HIGHESTMODSEQ", "CAPABILITY", "PERMANENTFLAGS", "CLIENTBUG"):
        return word
    if word == "APPENDUID":
        return "APPENDUID " + code.split(" ")[2]
    if word == "COPYUID":
        return "COPYUID " + " ".join(code.split(" ")[2:])
    return code


def flags(text):
    return " ".join(sorted(f for f in text.split() if f))


def parse_fetch(rest):
    """FETCH data items into a dict; literals become their size and first line."""
    items = {}
    i = 0
    rest = rest.strip()
    assert rest.startswith("(") and rest.endswith(")"), rest
    body = rest[1:-1]
    while i < len(body):
        m = re.match(r"\s*([A-Z0-9.]+(?:\[[^\]]*\])?(?:<\d+>)?)\s+", body[i:], re.I)
        if not m:
            break
        name = m.group(1).upper()
        i += m.end()
        if body[i] == "(":
            depth, j = 0, i
            while True:
                if body[j] == "(":
                    depth += 1
                elif body[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                elif body[j] == '"':
                    j = body.index('"', j + 1)
                j += 1
            value = body[i + 1:j]
            i = j + 1
            items[name] = flags(value) if name == "FLAGS" else value
        elif body[i] == "{":
            n = int(body[i + 1:body.index("}", i)])
            start = body.index("\r\n", i) + 2
            value = body[start:start + n]
            i = start + n
            items[name] = {"octets": len(value.encode()), "first_line": value.split("\r\n", 1)[0]}
        elif body[i] == '"':
            j = body.index('"', i + 1)
            items[name] = body[i + 1:j]
            i = j + 1
        else:
            m2 = re.match(r"[^\s)]+", body[i:])
            items[name] = m2.group(0)
            i += m2.end()
    items.pop("INTERNALDATE", None)  # the server's clock
    items.pop("MODSEQ", None)  # values are the server's own counter
    return items


def untagged_facts(lines):
    facts = []
    for line in lines:
        if line.startswith("+"):
            facts.append("+")
            continue
        m = re.match(r"\* (\d+) (EXISTS|RECENT|EXPUNGE)$", line)
        if m:
            facts.append(line[2:])
            continue
        m = re.match(r"\* (\d+) FETCH (.*)$", line, re.S)
        if m:
            facts.append({"fetch": int(m.group(1)), "items": parse_fetch(m.group(2))})
            continue
        m = re.match(r"\* (OK|NO|BAD|BYE) ?(.*)$", line)
        if m:
            code = None
            if m.group(2).startswith("["):
                code = m.group(2)[1:m.group(2).index("]")]
            code = normalize_code(code)
            if code not in ("PERMANENTFLAGS", "HIGHESTMODSEQ", "CAPABILITY"):
                facts.append(f"{m.group(1)} {code}" if code else m.group(1))
            continue
        m = re.match(r"\* (SEARCH)(.*)$", line)
        if m:
            facts.append("SEARCH" + m.group(2))
            continue
        m = re.match(r"\* STATUS (\S+|\"[^\"]*\") \((.*)\)$", line)
        if m:
            facts.append("STATUS " + m.group(1).strip('"') + " " + m.group(2))
            continue
        m = re.match(r"\* (LIST|LSUB) \(([^)]*)\) (\S+) (.+)$", line)
        if m:
            facts.append(m.group(1) + " " + m.group(4).strip('"'))
            continue
        m = re.match(r"\* FLAGS \((.*)\)$", line)
        if m:
            facts.append("FLAGS " + flags(m.group(1)))
            continue
        m = re.match(r"\* VANISHED (.*)$", line)
        if m:
            facts.append("VANISHED " + m.group(1))
            continue
        if re.match(r"\* (CAPABILITY|ENABLED)", line):
            continue
        facts.append("UNRECOGNIZED " + line)
    return facts


MESSAGES = [
    "From: Bob Baker <bob@example.net>\r\nTo: alice@example.org\r\nSubject: Lunch on Friday?\r\n"
    "Message-ID: <1@diff.example>\r\n\r\nShall we try the noodle place?\r\n",
    "From: Carol Chen <carol@school.example>\r\nTo: alice@example.org\r\nSubject: Homework\r\n"
    "Message-ID: <2@diff.example>\r\n\r\nPlease read about POP3 and IMAP.\r\nWhich keeps mail on the server?\r\n",
    "From: Dave <shop@bikes.example>\r\nTo: alice@example.org\r\nSubject: Your bike is ready\r\n"
    "Message-ID: <3@diff.example>\r\n\r\nCome and pick it up.\r\n",
]


def main():
    imap_port = int(sys.argv[1])
    pop3_port = int(sys.argv[2]) if len(sys.argv) > 2 else None
    facts = []

    def record(session, label, text, literal=None):
        status, code, untagged = session.command(text, literal)
        found = untagged_facts(untagged)
        if text.startswith(("LIST", "LSUB")):
            found.sort()  # LIST order is the server's choice (RFC 3501 §6.3.8)
        facts.append({"session": session.name, "step": label, "command": text, "status": status,
                      "code": normalize_code(code), "untagged": found})
        return status, untagged

    a = Session(imap_port, "A")
    record(a, "login wrong password", "LOGIN alice nope")
    record(a, "select before login", "SELECT INBOX")
    record(a, "login", "LOGIN alice wonderland")
    for i, text in enumerate(MESSAGES):
        record(a, f"seed message {i + 1}", "APPEND INBOX", text)
    record(a, "create Trash", "CREATE Trash")
    record(a, "create Archive", "CREATE Archive")
    record(a, "create existing", "CREATE Archive")
    record(a, "list", 'LIST "" *')
    record(a, "examine empty", "EXAMINE Archive")
    record(a, "fetch in empty mailbox", "FETCH 1:* (FLAGS)")
    record(a, "uid fetch in empty mailbox", "UID FETCH 1:* (FLAGS)")
    record(a, "search in empty mailbox", "SEARCH ALL")
    record(a, "status of a missing mailbox", "STATUS Nowhere (MESSAGES)")
    record(a, "lsub", 'LSUB "" *')
    record(a, "subscribe", "SUBSCRIBE Trash")
    record(a, "lsub after subscribe", 'LSUB "" *')
    record(a, "unsubscribe", "UNSUBSCRIBE Trash")
    record(a, "lsub after unsubscribe", 'LSUB "" *')
    record(a, "select missing", "SELECT Nowhere")
    record(a, "select", "SELECT INBOX")
    record(a, "fetch sizes", "FETCH 1:* (UID FLAGS RFC822.SIZE)")
    record(a, "peek header", "FETCH 2 (BODY.PEEK[HEADER])")
    record(a, "flags after peek", "FETCH 2 (FLAGS)")
    record(a, "fetch body", "FETCH 1 (BODY[])")
    record(a, "flags after body", "FETCH 1 (FLAGS)")
    record(a, "store", "STORE 2 +FLAGS (\\Flagged)")
    record(a, "silent store", "STORE 3 +FLAGS.SILENT (\\Seen)")
    record(a, "search unseen", "SEARCH UNSEEN")
    record(a, "search from", "SEARCH FROM carol")
    record(a, "uid fetch", "UID FETCH 2:* (FLAGS)")
    record(a, "fetch out of range", "FETCH 9 (FLAGS)")
    record(a, "bad command", "FROBNICATE")
    record(a, "bad arguments", "FETCH 1:x FLAGS")

    b = Session(imap_port, "B")
    record(b, "login", "LOGIN alice wonderland")
    record(b, "select (watcher)", "SELECT INBOX")
    record(a, "mark deleted", "STORE 1 +FLAGS.SILENT (\\Deleted)")
    record(a, "expunge", "EXPUNGE")
    record(b, "fetch while expunge pending", "FETCH 1:* (UID)")
    record(b, "noop sees expunge", "NOOP")

    b.raw(f"t{b.tag + 1} IDLE")
    b.tag += 1
    cont = b.read_until(lambda l: l.startswith("+"))
    facts.append({"session": "B", "step": "idle starts", "untagged": untagged_facts(cont)})
    record(a, "append while B idles", "APPEND INBOX (\\Seen)", MESSAGES[0].replace("<1@", "<4@"))
    pushed = b.read_until(lambda l: l.endswith(" EXISTS"))
    facts.append({"session": "B", "step": "idle push", "untagged": untagged_facts(pushed)})
    b.raw("DONE")
    done = b.read_until(lambda l: l.startswith(f"t{b.tag} "))
    facts.append({"session": "B", "step": "idle done", "status": status_of(done[-1].split(" ", 1)[1])[0],
                  "untagged": untagged_facts(done[:-1])})

    record(a, "noop sees own append", "NOOP")
    record(a, "uid move", "UID MOVE 3 Trash")
    record(b, "noop sees move", "NOOP")
    record(a, "copy", "COPY 1 Archive")
    record(a, "copy to missing", "COPY 1 Nowhere")
    record(a, "status trash", "STATUS Trash (MESSAGES UIDNEXT UNSEEN)")
    record(a, "status archive", "STATUS Archive (MESSAGES UIDNEXT)")
    record(a, "mark deleted for close", "STORE 1 +FLAGS.SILENT (\\Deleted)")
    record(a, "close", "CLOSE")
    record(a, "fetch after close", "FETCH 1 (FLAGS)")
    record(b, "noop sees close", "NOOP")
    record(b, "final uids", "UID SEARCH ALL")
    record(b, "search answered or flagged", "SEARCH OR ANSWERED FLAGGED")
    record(b, "uid expunge of one message", "UID STORE 2 +FLAGS.SILENT (\\Deleted)")
    record(b, "uid expunge", "UID EXPUNGE 2")
    record(a, "fetch sees uid expunge", "UID FETCH 1:* (FLAGS)")
    record(b, "unselect", "UNSELECT")
    record(b, "fetch after unselect", "FETCH 1 (FLAGS)")
    record(b, "rename", "RENAME Archive Old")
    record(b, "delete", "DELETE Old")
    record(b, "delete missing", "DELETE Old")
    record(b, "examine", "EXAMINE Trash")
    record(b, "store read-only", "STORE 1 +FLAGS (\\Seen)")
    record(b, "logout", "LOGOUT")
    record(a, "logout", "LOGOUT")

    if pop3_port:
        facts.extend(pop3_facts(pop3_port))
    print(json.dumps(facts, indent=1))


def pop3_facts(port):
    """A POP3 session after the IMAP ones: STAT, LIST, UIDL count, RETR, DELE, QUIT; then the mailbox size."""
    facts = []
    s = socket.create_connection((HOST, port), timeout=10)
    f = s.makefile("rb")

    def line():
        return f.readline().decode().rstrip("\r\n")

    def cmd(text, multi=False):
        s.sendall(text.encode() + b"\r\n")
        first = line()
        body = []
        if multi and first.startswith("+OK"):
            while True:
                l = line()
                if l == ".":
                    break
                body.append(l)
        return first, body

    assert line().startswith("+OK")
    for text, multi in [("USER alice", False), ("PASS wonderland", False), ("STAT", False), ("LIST", True),
                        ("UIDL", True), ("RETR 1", True), ("DELE 1", False), ("STAT", False), ("QUIT", False)]:
        first, body = cmd(text, multi)
        fact = {"session": "POP3", "step": text, "status": first.split(" ")[0]}
        if text == "STAT":
            fact["stat"] = first.split(" ")[1:3]
        if text == "LIST":
            fact["list"] = body
        if text == "UIDL":
            fact["uidl_count"] = len(body)
        if text.startswith("RETR"):
            fact["octets"] = sum(len(l) + 2 for l in body)
        facts.append(fact)
    return facts


if __name__ == "__main__":
    main()
