"""Sends one message with Python's smtplib and prints the outcome as JSON.

usage: smtp_send.py PORT FROM TO MESSAGE_FILE
"""
import json
import smtplib
import sys


def main():
    port, sender, recipient, path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    with open(path, "rb") as f:
        message = f.read()
    smtp = smtplib.SMTP("127.0.0.1", port, timeout=10)
    code, _ = smtp.ehlo("python.example")
    outcome = {"ehlo": code, "features": sorted(smtp.esmtp_features.keys())}
    try:
        refused = smtp.sendmail(sender, [recipient], message)
        outcome["refused"] = {k: [v[0], v[1].decode()] for k, v in refused.items()}
    except smtplib.SMTPRecipientsRefused as error:
        outcome["recipients_refused"] = {k: [v[0], v[1].decode()] for k, v in error.recipients.items()}
    except smtplib.SMTPDataError as error:
        outcome["data_error"] = [error.smtp_code, error.smtp_error.decode()]
    outcome["quit"] = smtp.quit()[0]
    print(json.dumps(outcome))


main()
