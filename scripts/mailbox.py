#!/usr/bin/env python3
"""The newest mail of a template to an address, from the server's mail directory.

Without SMTP the server writes every mail it hands over to $SAMENSTAD_MAIL_DIR as an .eml file;
this reads them as a mail program would (Python's email parser) and prints the newest one of
TEMPLATE to ADDRESS as JSON: {"subject", "body", "links"}. It waits up to --wait seconds for the
mail (the mail worker looks every 2 s). Used by scripts/contract.sh and the browser tests.

Usage: scripts/mailbox.py ADDRESS TEMPLATE [--dir DIR] [--wait SECONDS] [--after EPOCH]
"""

import argparse
import email
import email.policy
import json
import os
import re
import sys
import time
from pathlib import Path


def newest(directory: Path, address: str, template: str, after: float):
    best = None
    for path in directory.glob("*.eml"):
        mtime = path.stat().st_mtime
        if mtime < after or (best is not None and mtime <= best[0]):
            continue
        with path.open("rb") as f:
            message = email.message_from_binary_file(f, policy=email.policy.default)
        to = [a.addr_spec.lower() for a in message["To"].addresses] if message["To"] else []
        if address.lower() in to and message["X-Samenstad-Template"] == template:
            best = (mtime, message)
    return best[1] if best else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address")
    parser.add_argument("template")
    parser.add_argument("--dir", default=os.environ.get("SAMENSTAD_MAIL_DIR", "target/mail"))
    parser.add_argument("--wait", type=float, default=20.0)
    parser.add_argument("--after", type=float, default=0.0, help="only mails written after this time")
    args = parser.parse_args()
    directory = Path(args.dir)
    deadline = time.monotonic() + args.wait
    while True:
        message = newest(directory, args.address, args.template, args.after) if directory.is_dir() else None
        if message is not None:
            body = message.get_body(preferencelist=("plain",)).get_content()
            links = re.findall(r"https?://\S+", body)
            print(json.dumps({"subject": message["Subject"], "body": body, "links": links}))
            return 0
        if time.monotonic() > deadline:
            print(f"no {args.template} mail to {args.address} in {directory}", file=sys.stderr)
            return 1
        time.sleep(0.3)


if __name__ == "__main__":
    sys.exit(main())
