#!/usr/bin/env python3
"""Example webhook receiver for the ATC Exchange node agent, standard library only.

The agent POSTs each received item as JSON with the header
    Atc-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + raw body)>[,v1=...]
(one v1 per secret while a secret is being replaced) and Atc-Delivery-Id (stable across
retries: de-duplicate on it). Verify the raw body bytes before parsing them, compare MACs in
constant time, check the MAC before the clock, and refuse a timestamp more than 300 s away.
Answer 2xx only once the item is safely stored: anything else makes the agent retry.

Settings (environment): ATC_WEBHOOK_SECRET (required; several separated by commas while one
replaces another), HOST (default 127.0.0.1), PORT (default 8080; 0 picks a free one),
ATC_WEBHOOK_TOLERANCE (seconds, default 300). One JSON line per call goes to stdout.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SIGNATURE_HEADER = "Atc-Signature"
MAX_BODY_BYTES = 10 * 1024 * 1024
HEX_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
UNIX_SECONDS = re.compile(r"[0-9]{1,12}")


class WebhookSignatureError(Exception):
    """A call whose signature does not hold: `code` is the agent's stable code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _malformed(what: str) -> WebhookSignatureError:
    return WebhookSignatureError(
        "ERR_WEBHOOK_SIGNATURE_MALFORMED",
        f"the {SIGNATURE_HEADER} header is malformed ({what}); expected t=<unix seconds>,v1=<hex HMAC-SHA256>",
    )


def verify_webhook_signature(
    headers: list[str], body: bytes, secrets: list[str], tolerance: int = 300, now: int | None = None
) -> None:
    """Raises WebhookSignatureError unless one v1 is the HMAC of `body` under one of `secrets`
    and its timestamp is within `tolerance` seconds of `now`."""
    if not headers or headers[0] == "":
        raise WebhookSignatureError("ERR_WEBHOOK_SIGNATURE_MISSING", f"the {SIGNATURE_HEADER} header is missing")
    if len(headers) > 1:
        raise _malformed("it appears more than once")
    timestamp: int | None = None
    macs: list[bytes] = []
    for part in headers[0].split(","):
        key, eq, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not eq or key == "" or value == "":
            raise _malformed("each element must be key=value")
        if key == "t":
            if timestamp is not None:
                raise _malformed("t appears more than once")
            if not UNIX_SECONDS.fullmatch(value):
                raise _malformed("t must be Unix seconds")
            timestamp = int(value)
        elif key == "v1":
            if not HEX_SHA256.fullmatch(value):
                raise _malformed("each v1 must be 64 hex digits")
            macs.append(bytes.fromhex(value))
        # Other schemes (v2=...) are ignored, so the agent can add one before receivers know it.
    if timestamp is None:
        raise _malformed("t is missing")
    if not macs:
        raise _malformed("no v1 signature")
    authentic = False
    for secret in secrets:
        expected = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode("ascii") + body, hashlib.sha256).digest()
        for mac in macs:
            authentic = hmac.compare_digest(mac, expected) or authentic
    if not authentic:
        raise WebhookSignatureError(
            "ERR_WEBHOOK_SIGNATURE_MISMATCH",
            "the signature does not match the body: it was altered, or the secrets differ",
        )
    now = int(time.time()) if now is None else now
    if now - timestamp > tolerance:
        raise WebhookSignatureError(
            "ERR_WEBHOOK_TIMESTAMP_TOO_OLD", f"signed {now - timestamp} s ago, more than {tolerance} s: a replay?"
        )
    if timestamp - now > tolerance:
        raise WebhookSignatureError(
            "ERR_WEBHOOK_TIMESTAMP_IN_FUTURE", f"signed {timestamp - now} s in the future: a clock is wrong"
        )


def log(event: dict[str, object]) -> None:
    print(json.dumps(event), flush=True)


class Handler(BaseHTTPRequestHandler):
    secrets: list[str] = []
    tolerance = 300

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # one JSON line per call instead, from log()

    def _answer(self, status: int, body: dict[str, object]) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/problem+json" if status >= 400 else "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit() or int(length) > MAX_BODY_BYTES:
            self._answer(411 if length is None else 413, {"title": "a body of known, bounded length is required"})
            return
        body = self.rfile.read(int(length))
        try:
            verify_webhook_signature(self.headers.get_all(SIGNATURE_HEADER) or [], body, self.secrets, self.tolerance)
        except WebhookSignatureError as e:
            log({"event": "refused", "code": e.code, "detail": str(e)})
            self._answer(401, {"title": "webhook signature refused", "code": e.code, "detail": str(e)})
            return
        item = json.loads(body)
        # Store the item here (idempotently, keyed by Atc-Delivery-Id) before answering 2xx.
        log(
            {
                "event": "delivered",
                "deliveryId": self.headers.get("Atc-Delivery-Id"),
                "id": item.get("id"),
                "sender": item.get("sender"),
                "payloadType": item.get("payloadType"),
            }
        )
        self._answer(200, {"received": item.get("id")})


def main() -> int:
    secret = os.environ.get("ATC_WEBHOOK_SECRET", "")
    secrets = [s for s in secret.split(",") if s != ""]
    if not secrets:
        print("receiver: set ATC_WEBHOOK_SECRET to the secret the agent signs with", file=sys.stderr)
        return 2
    Handler.secrets = secrets
    Handler.tolerance = int(os.environ.get("ATC_WEBHOOK_TOLERANCE", "300"))
    server = ThreadingHTTPServer((os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8080"))), Handler)
    host, port = server.server_address[:2]
    log({"event": "listening", "url": f"http://{host}:{port}/"})
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
