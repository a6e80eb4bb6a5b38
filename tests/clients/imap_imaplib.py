"""Drives Mailroom's IMAP server (on the loopback bridge) with Python's imaplib; exits non-zero on any mismatch.

Usage: python3 imap_imaplib.py PORT UIDVALIDITY (the INBOX's, which the served world takes from the clock)
"""
import imaplib
import sys

port, uid_validity = int(sys.argv[1]), sys.argv[2].encode()
imap = imaplib.IMAP4("127.0.0.1", port)
assert "IMAP4REV1" in imap.capabilities, imap.capabilities
assert "IDLE" in imap.capabilities and "UIDPLUS" in imap.capabilities, imap.capabilities

typ, _ = imap.login("alice", "wonderland")
assert typ == "OK"

typ, boxes = imap.list()
names = [b.decode().rsplit(" ", 1)[-1] for b in boxes]
assert names == ["INBOX", "Sent", "Trash", "Archive"], names

typ, data = imap.select("INBOX")
assert typ == "OK" and data == [b"3"], (typ, data)
assert imap.untagged_responses.get("UIDVALIDITY") == [uid_validity], imap.untagged_responses

typ, data = imap.fetch("1:*", "(UID FLAGS RFC822.SIZE)")
assert typ == "OK" and len(data) == 3, data
assert data[0].startswith(b"1 (UID 1 FLAGS (\\Recent) RFC822.SIZE "), data[0]

typ, data = imap.fetch("2", "(BODY.PEEK[HEADER])")
assert b"Subject: Homework: network protocols" in data[0][1], data

typ, data = imap.fetch("1", "(BODY[])")
assert data[0][1].startswith(b"From: Bob Baker <bob@example.net>\r\n"), data
typ, data = imap.search(None, "UNSEEN")
assert data == [b"2 3"], data

typ, data = imap.store("3", "+FLAGS", "(\\Flagged)")
assert typ == "OK" and b"\\Flagged" in data[0], data

typ, data = imap.uid("COPY", "2", "Archive")
assert typ == "OK", data
typ, data = imap.uid("MOVE", "3", "Trash")
assert typ == "OK", (typ, data)

typ, data = imap.append("Sent", "(\\Seen)", None, b"Subject: sent by imaplib\r\nMessage-ID: <py@x>\r\n\r\nhi\r\n")
assert typ == "OK" and b"APPENDUID" in data[0], data

typ, data = imap.status("Trash", "(MESSAGES UIDNEXT)")
assert data == [b"Trash (MESSAGES 1 UIDNEXT 2)"], data

typ, data = imap.store("1", "+FLAGS", "(\\Deleted)")
typ, data = imap.expunge()
# imaplib gathers every untagged EXPUNGE since it last looked: the UID MOVE's `* 3 EXPUNGE`, then this one.
assert typ == "OK" and data == [b"3", b"1"], data
typ, data = imap.uid("SEARCH", None, "ALL")
assert data == [b"2"], data

imaplib.Commands["BOGUS"] = ("AUTH", "SELECTED")  # imaplib refuses unknown commands itself
try:
    imap._simple_command("BOGUS")
    raise AssertionError("BOGUS accepted")
except imaplib.IMAP4.error as e:
    assert "BAD" in str(e) or "BOGUS" in str(e), e

imap.close()
imap.logout()
print("imaplib: all checks passed")
