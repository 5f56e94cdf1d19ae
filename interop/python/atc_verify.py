#!/usr/bin/env python3
"""Reference verifier of the ATC Exchange protocol (DESIGN.md sections 2 and 5) in Python.

Standard library plus the `cryptography` package (Ed25519). Protobuf is read by a small
hand-written wire reader for the few fields needed; no protobuf package.

It checks:
  * an envelope: size, canonical encoding, the header's wire form and the header rules that
    decide whose key verifies it (protocol, message id, sender, recipients, created_at,
    payload type, payload digest length), the detached JWS (EdDSA only, the protected header
    exactly `{"alg":"EdDSA","kid":KID,"typ":"atc+protobuf"}`, KID = RFC 7638 thumbprint of a
    known key owned by the sender), the Ed25519 signature and the payload digest. It does not
    decode payloads by their schema nor check references: the gateway does that.
  * a signed trust list (compact JWS, attached JSON payload) against a pinned gateway key;
  * a checkpoint (C2SP signed note + tlog-checkpoint) against the log's key;
  * RFC 9162 inclusion and consistency proofs;
  * a gateway receipt about a submitted envelope (signature, reference, digest, checkpoint
    and inclusion proof).
Every refusal raises `Refusal` with the same stable code the TypeScript code gives.

Usage:
  atc_verify.py vectors <proto/vectors dir>   run every vector file, print one JSON result
                                              per vector, exit 1 if any differs
  atc_verify.py envelope <file> <jwk.json> [owner]
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from typing import Any, Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

MAX_ENVELOPE_BYTES = 1024 * 1024
JWS_TYPE = "atc+protobuf"
TRUST_LIST_TYPE = "atc-trustlist+json"
UUID_V7 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\Z")
MEMBER_ID = re.compile(r"^[A-Z][A-Z0-9]{1,15}\Z")
KID = re.compile(r"^[A-Za-z0-9_-]{43}\Z")
RFC3339 = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})\Z")
PAYLOAD_TYPES = {
    "atc.v1." + t
    for t in (
        "PersonRecord OrganizationRecord IncidentReport InformationRequest InformationResponse "
        "RecordWithdrawal Notice DeliveryAck Receipt KeyEvent PurgeAck DataBankQuery DataBankResult"
    ).split()
}
RECEIPT_ACCEPTED, RECEIPT_REJECTED = 1, 2
MAX_RECIPIENTS = 256


class Refusal(Exception):
    """A refused input: `code` is the protocol's stable code (e.g. ERR_SIGNATURE_INVALID)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


# --- protobuf wire reader ---------------------------------------------------------------


def _varint(buf: bytes, pos: int, end: int, bad: Callable[[str], Refusal]) -> tuple[int, int]:
    value = 0
    for i in range(10):
        if pos >= end:
            raise bad("truncated varint")
        b = buf[pos]
        pos += 1
        value |= (b & 0x7F) << (7 * i)
        if b < 0x80:
            return value, pos
    raise bad("varint longer than 10 bytes")


def read_fields(buf: bytes, bad: Callable[[str], Refusal]) -> list[tuple[int, int, Any]]:
    """The (field number, wire type, value) triples of a message; value is int or bytes."""
    out: list[tuple[int, int, Any]] = []
    pos, end = 0, len(buf)
    while pos < end:
        tag, pos = _varint(buf, pos, end, bad)
        field, wire = tag >> 3, tag & 7
        if field == 0:
            raise bad("field number 0")
        if wire == 0:
            value, pos = _varint(buf, pos, end, bad)
        elif wire == 1 or wire == 5:
            size = 8 if wire == 1 else 4
            if pos + size > end:
                raise bad("truncated fixed-size field")
            value, pos = buf[pos : pos + size], pos + size
        elif wire == 2:
            size, pos = _varint(buf, pos, end, bad)
            if pos + size > end:
                raise bad("truncated length-delimited field")
            value, pos = buf[pos : pos + size], pos + size
        else:
            raise bad(f"unsupported wire type {wire}")
        out.append((field, wire, value))
    return out


def _encode_varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _len_field(field: int, value: bytes) -> bytes:
    return _encode_varint(field << 3 | 2) + _encode_varint(len(value)) + value


def _utf8(value: bytes, what: str) -> str:
    try:
        return value.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        raise Refusal("ERR_UTF8_INVALID", f"{what} is not valid UTF-8") from None


# atc.v1.Header: field number -> (name, wire type, repeated, kind)
HEADER_FIELDS: dict[int, tuple[str, int, bool, str]] = {
    1: ("protocol", 0, False, "int"),
    2: ("message_id", 2, False, "string"),
    3: ("sender", 2, False, "string"),
    4: ("recipients", 2, True, "string"),
    5: ("broadcast", 0, False, "int"),
    6: ("created_at", 2, False, "message"),
    7: ("payload_type", 2, False, "string"),
    8: ("payload_sha256", 2, False, "bytes"),
    9: ("handling", 2, False, "message"),
    10: ("purpose", 2, False, "string"),
    11: ("legal_basis", 2, False, "string"),
    12: ("urgency", 0, False, "int"),
    13: ("reply_due_at", 2, False, "message"),
    14: ("correlation_id", 2, False, "string"),
    15: ("in_reply_to", 2, False, "string"),
    16: ("sender_sequence", 0, False, "int"),
    17: ("exercise", 0, False, "int"),
}


def decode_header(raw: bytes) -> dict[str, Any]:
    """The header's fields by name; unknown fields are skipped (kept in the bytes, never read)."""
    fields = read_fields(raw, lambda d: Refusal("ERR_HEADER_MALFORMED", f"envelope.header: {d}"))
    header: dict[str, Any] = {"recipients": []}
    for number, wire, value in fields:
        spec = HEADER_FIELDS.get(number)
        if spec is None:
            continue
        name, want, repeated, kind = spec
        if wire != want:
            raise Refusal("ERR_HEADER_MALFORMED", f"header.{name} has wire type {wire}, expected {want}")
        if not repeated and name in header:
            raise Refusal("ERR_FIELD_DUPLICATED", f"header.{name} appears more than once")
        if kind == "string":
            value = _utf8(value, f"header.{name}")
        if repeated:
            header[name].append(value)
        else:
            header[name] = value
    return header


def _header_rules(h: dict[str, Any]) -> None:
    """The header rules that run before the signature, in the gateway's order."""

    def missing(field: str) -> Refusal:
        return Refusal("ERR_HEADER_FIELD_MISSING", f"header.{field} is missing")

    def invalid(field: str, problem: str) -> Refusal:
        return Refusal("ERR_HEADER_FIELD_INVALID", f"header.{field} {problem}")

    protocol = h.get("protocol", 0)
    if protocol == 0:
        raise missing("protocol")
    if protocol != 1:
        raise Refusal("ERR_PROTOCOL_UNSUPPORTED", f"header.protocol is {protocol}, not 1")
    message_id = h.get("message_id", "")
    if message_id == "":
        raise missing("message_id")
    if not UUID_V7.match(message_id):
        raise Refusal("ERR_MESSAGE_ID_INVALID", "header.message_id is not a lowercase UUIDv7")
    sender = h.get("sender", "")
    if sender == "":
        raise missing("sender")
    if not MEMBER_ID.match(sender):
        raise Refusal("ERR_MEMBER_ID_INVALID", f"header.sender {sender!r} is not a member id")
    recipients = h["recipients"]
    if len(recipients) > MAX_RECIPIENTS:
        raise invalid("recipients", f"names more than {MAX_RECIPIENTS} members")
    for r in recipients:
        if not MEMBER_ID.match(r):
            raise Refusal("ERR_MEMBER_ID_INVALID", f"header.recipients names {r!r}, not a member id")
    if len(set(recipients)) != len(recipients):
        raise invalid("recipients", "names a member more than once")
    if sender in recipients:
        raise invalid("recipients", "names the sender")
    if h.get("broadcast", 0) and recipients:
        raise invalid("broadcast", "is set together with recipients")
    if not h.get("broadcast", 0) and not recipients:
        raise missing("recipients")
    if "created_at" not in h:
        raise missing("created_at")
    payload_type = h.get("payload_type", "")
    if payload_type == "":
        raise missing("payload_type")
    if payload_type not in PAYLOAD_TYPES:
        raise Refusal("ERR_PAYLOAD_TYPE_UNKNOWN", f"header.payload_type {payload_type[:100]!r} is unknown")
    digest = h.get("payload_sha256", b"")
    if len(digest) == 0:
        raise missing("payload_sha256")
    if len(digest) != 32:
        raise invalid("payload_sha256", "must be 32 bytes")


# --- keys and the detached JWS ----------------------------------------------------------


def b64url_decode(text: str, what: str, code: str = "ERR_SIGNATURE_MALFORMED") -> bytes:
    """Strict base64url without padding: only the one canonical spelling of the bytes."""
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise Refusal(code, f"{what} is not base64url")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError:
        raise Refusal(code, f"{what} is not base64url") from None
    if base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii") != text:
        raise Refusal(code, f"{what} is not canonical base64url")
    return raw


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def jwk_thumbprint(jwk: dict[str, Any]) -> str:
    """RFC 7638 thumbprint of an Ed25519 public JWK: the key id (kid)."""
    canonical = '{"crv":"Ed25519","kty":"OKP","x":"%s"}' % jwk["x"]
    return b64url(hashlib.sha256(canonical.encode("ascii")).digest())


def public_key(jwk: dict[str, Any], code: str = "ERR_KEY_INVALID") -> Ed25519PublicKey:
    if not isinstance(jwk, dict) or jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519" or "d" in jwk:
        raise Refusal(code, "not an Ed25519 public JWK")
    x = b64url_decode(str(jwk.get("x", "")), "jwk.x", code)
    if len(x) != 32:
        raise Refusal(code, "jwk.x is not 32 bytes")
    return Ed25519PublicKey.from_public_bytes(x)


def canonical_protected_header(kid: str) -> bytes:
    return ('{"alg":"EdDSA","kid":"%s","typ":"%s"}' % (kid, JWS_TYPE)).encode("ascii")


def _strict_json(text: str) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ValueError("duplicate key")
        return dict(pairs)

    return json.loads(text, object_pairs_hook=no_duplicates)


def parse_detached_jws(jws: str) -> tuple[str, str, bytes]:
    """(protected header base64url, kid, signature) of `BASE64URL(protected)..BASE64URL(sig)`."""
    bad = "ERR_SIGNATURE_MALFORMED"
    if jws == "":
        raise Refusal(bad, "signature is missing")
    parts = jws.split(".")
    if len(parts) != 3:
        raise Refusal(bad, "signature is not a compact JWS (three parts)")
    protected_b64, payload_b64, signature_b64 = parts
    protected = b64url_decode(protected_b64, "protected header")
    offset = len('{"alg":"EdDSA","kid":"')
    fits = len(protected) == len(canonical_protected_header("k" * 43))
    kid = protected[offset : offset + 43].decode("latin-1") if fits else ""
    if not (KID.match(kid) and canonical_protected_header(kid) == protected):
        # Not the canonical bytes: name the algorithm only when the header is unambiguous.
        try:
            text = protected.decode("utf-8")
            params = _strict_json(text)
            unambiguous = json.dumps(params, separators=(",", ":"), ensure_ascii=False) == text
        except ValueError:
            raise Refusal(bad, "protected header is not JSON in UTF-8") from None
        if not isinstance(params, dict):
            raise Refusal(bad, "protected header is not a JSON object")
        if unambiguous and params.get("alg") != "EdDSA":
            raise Refusal("ERR_SIGNATURE_ALGORITHM_NOT_ALLOWED", f"algorithm {params.get('alg')!r} is not allowed")
        raise Refusal(bad, 'protected header is not exactly {"alg":"EdDSA","kid":"<kid>","typ":"atc+protobuf"}')
    if payload_b64 != "":
        raise Refusal("ERR_SIGNATURE_NOT_DETACHED", "the JWS carries its payload instead of detaching it")
    signature = b64url_decode(signature_b64, "signature")
    if len(signature) != 64:
        raise Refusal(bad, f"signature is {len(signature)} bytes, expected 64")
    return protected_b64, kid, signature


# --- envelopes ---------------------------------------------------------------------------

KeyRing = dict[str, tuple[str, Ed25519PublicKey]]  # kid -> (owner member id, key)


def key_ring(entries: list[tuple[str, dict[str, Any]]]) -> KeyRing:
    """Known keys from (owner, public JWK) pairs, by RFC 7638 thumbprint."""
    return {jwk_thumbprint(jwk): (owner, public_key(jwk)) for owner, jwk in entries}


def split_envelope(data: bytes, max_bytes: int = MAX_ENVELOPE_BYTES) -> tuple[bytes, bytes, str]:
    """(header bytes, payload bytes, signature) of a canonical envelope."""
    if len(data) == 0:
        raise Refusal("ERR_ENVELOPE_EMPTY", "the message is empty")
    if len(data) > max_bytes:
        raise Refusal("ERR_ENVELOPE_TOO_LARGE", f"the envelope is {len(data)} bytes, over {max_bytes}")
    fields = read_fields(data, lambda d: Refusal("ERR_ENVELOPE_MALFORMED", f"not an atc.v1.Envelope: {d}"))
    seen: dict[int, bytes] = {}
    for number, wire, value in fields:
        if number not in (1, 2, 3) or wire != 2:
            raise Refusal("ERR_ENVELOPE_MALFORMED", f"envelope field {number} (wire type {wire}) is not allowed")
        if number in seen:
            raise Refusal("ERR_ENVELOPE_NOT_CANONICAL", f"envelope field {number} appears more than once")
        if number == 3:
            _utf8(value, "envelope.signature")
        seen[number] = value
    header, payload, signature = seen.get(1, b""), seen.get(2, b""), seen.get(3, b"")
    if _len_field(1, header) + _len_field(2, payload) + _len_field(3, signature) != data:
        raise Refusal("ERR_ENVELOPE_NOT_CANONICAL", "fields not header, payload, signature in order, each once")
    if len(header) == 0:
        raise Refusal("ERR_HEADER_FIELD_MISSING", "envelope.header is missing")
    return header, payload, signature.decode("utf-8")


def verify_envelope(data: bytes, keys: KeyRing, max_bytes: int = MAX_ENVELOPE_BYTES) -> dict[str, Any]:
    """Verifies an envelope and returns its header fields plus `payload` (bytes)."""
    header_bytes, payload, signature = split_envelope(data, max_bytes)
    header = decode_header(header_bytes)
    _header_rules(header)
    protected_b64, kid, sig = parse_detached_jws(signature)
    known = keys.get(kid)
    if known is None:
        raise Refusal("ERR_KEY_UNKNOWN", f"signing key {kid} is not known")
    owner, key = known
    if owner != header["sender"]:
        raise Refusal("ERR_KEY_OWNER_MISMATCH", f"key {kid} belongs to {owner}, not to {header['sender']}")
    signing_input = (protected_b64 + "." + b64url(header_bytes)).encode("ascii")
    try:
        key.verify(sig, signing_input)
    except InvalidSignature:
        raise Refusal("ERR_SIGNATURE_INVALID", "the signature does not verify over the header bytes") from None
    if hashlib.sha256(payload).digest() != header["payload_sha256"]:
        raise Refusal("ERR_PAYLOAD_DIGEST_MISMATCH", "header.payload_sha256 is not the SHA-256 of the payload")
    return {**header, "payload": payload}


# --- trust lists -------------------------------------------------------------------------


def verify_trust_list(jws: str, pinned_jwk: dict[str, Any]) -> dict[str, Any]:
    """Verifies a signed trust list against the pinned gateway key and returns its content."""

    def invalid(detail: str) -> Refusal:
        return Refusal("ERR_TRUST_LIST_INVALID", f"the trust list {detail}")

    pinned_kid = jwk_thumbprint(pinned_jwk)
    parts = jws.split(".") if isinstance(jws, str) else []
    if len(parts) != 3 or parts[1] == "":
        raise invalid("is not a compact JWS with an attached payload")
    try:
        header = _strict_json(b64url_decode(parts[0], "protected header", "ERR_TRUST_LIST_INVALID").decode("utf-8"))
    except (ValueError, Refusal):
        raise invalid("has a protected header that is not base64url JSON") from None
    if not isinstance(header, dict) or header.get("alg") != "EdDSA":
        raise invalid("is not signed with EdDSA")
    if set(header) - {"alg", "kid", "typ"}:
        raise invalid("has protected header parameters that are not allowed")
    if header.get("typ") != TRUST_LIST_TYPE:
        raise invalid(f"has typ {header.get('typ')!r}")
    if header.get("kid") != pinned_kid:
        raise invalid("is not signed with the pinned gateway key")
    try:
        signature = b64url_decode(parts[2], "signature", "ERR_TRUST_LIST_INVALID")
        public_key(pinned_jwk).verify(signature, (parts[0] + "." + parts[1]).encode("ascii"))
    except (InvalidSignature, Refusal):
        raise invalid("signature does not verify with the pinned gateway key") from None
    try:
        body = _strict_json(b64url_decode(parts[1], "payload", "ERR_TRUST_LIST_INVALID").decode("utf-8"))
    except (ValueError, Refusal):
        raise invalid("payload is not UTF-8 JSON") from None
    _check_trust_list(body, invalid)
    if body["gateway"]["kid"] != pinned_kid:
        raise invalid("names another gateway key than the one that signed it")
    return body


def _check_trust_list(body: Any, invalid: Callable[[str], Refusal]) -> None:
    def obj(v: Any, path: str) -> dict[str, Any]:
        if not isinstance(v, dict):
            raise invalid(f"has a {path} that is not an object")
        return v

    def text(v: Any, path: str) -> str:
        if not isinstance(v, str) or v == "":
            raise invalid(f"has a {path} that is not a non-empty string")
        return v

    def time(v: Any, path: str) -> None:
        if not isinstance(v, str) or not RFC3339.match(v):
            raise invalid(f"has a {path} that is not an RFC 3339 time")

    def key_of(jwk: Any, kid: Any, path: str) -> str:
        try:
            public_key(jwk)
        except Refusal:
            raise invalid(f"has a {path}.jwk that is not an Ed25519 public JWK") from None
        if text(kid, f"{path}.kid") != jwk_thumbprint(jwk):
            raise invalid(f"has a {path}.kid that is not the thumbprint of its jwk")
        return kid

    root = obj(body, "payload")
    version = root.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise invalid('has a "version" that is not a non-negative integer')
    gateway = obj(root.get("gateway"), "gateway")
    if not MEMBER_ID.match(str(gateway.get("id", ""))):
        raise invalid("has a gateway.id that is not a member id")
    key_of(gateway.get("jwk"), gateway.get("kid"), "gateway")
    members = root.get("members")
    if not isinstance(members, list):
        raise invalid('has no "members" list')
    ids: set[str] = set()
    kids: set[str] = set()
    for i, m in enumerate(members):
        path = f"members[{i}]"
        m = obj(m, path)
        if not isinstance(m.get("id"), str) or not MEMBER_ID.match(m["id"]):
            raise invalid(f"has a {path}.id that is not a member id")
        text(m.get("name"), f"{path}.name")
        if m.get("kind") not in ("national", "sectorial", "observer"):
            raise invalid(f"has a {path}.kind that is not national, sectorial or observer")
        if m.get("status") not in ("active", "suspended"):
            raise invalid(f"has a {path}.status that is not active or suspended")
        if m["id"] in ids:
            raise invalid(f"lists member {m['id']} twice")
        ids.add(m["id"])
        if not isinstance(m.get("keys"), list):
            raise invalid(f"has no {path}.keys list")
        for j, k in enumerate(m["keys"]):
            kpath = f"{path}.keys[{j}]"
            k = obj(k, kpath)
            kid = key_of(k.get("jwk"), k.get("kid"), kpath)
            if k.get("status") not in ("active", "revoked"):
                raise invalid(f"has a {kpath}.status that is not active or revoked")
            revoked = k["status"] == "revoked"
            if revoked != ("revokedAt" in k) or revoked != ("revocationReason" in k):
                raise invalid(f"has a {kpath} whose status disagrees with its revokedAt and revocationReason")
            if "revocationReason" in k and k["revocationReason"] not in ("superseded", "compromised", "cessation"):
                raise invalid(f"has a {kpath}.revocationReason that is not known")
            time(k.get("validFrom"), f"{kpath}.validFrom")
            for optional in ("validUntil", "revokedAt"):
                if optional in k:
                    time(k[optional], f"{kpath}.{optional}")
            if kid in kids:
                raise invalid(f"lists key {kid} twice")
            kids.add(kid)
    time(root.get("issuedAt"), "issuedAt")


# --- checkpoints and proofs (C2SP signed-note, tlog-checkpoint; RFC 9162) ---------------


def _strict_b64(text: str) -> bytes | None:
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError:
        return None
    return raw if base64.b64encode(raw).decode("ascii") == text else None


def note_key_hash(name: str, key: Ed25519PublicKey, sig_type: int = 0x01) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(name.encode("utf-8") + bytes([0x0A, sig_type]) + raw).digest()[:4]


def open_checkpoint(note: str | bytes, key_name: str, key: Ed25519PublicKey, origin: str | None = None) -> dict[str, Any]:
    """Verifies the log's signature on a checkpoint note, then parses it: origin, size, root hash."""

    def invalid(detail: str) -> Refusal:
        return Refusal("ERR_CHECKPOINT_INVALID", f"the checkpoint {detail}")

    if isinstance(note, bytes):
        try:
            note = note.decode("utf-8")
        except UnicodeDecodeError:
            raise invalid("is not valid UTF-8") from None
    if re.search(r"[\x00-\x09\x0b-\x1f]", note):
        raise invalid("contains a control character other than newline")
    split = note.rfind("\n\n")
    if split < 0:
        raise invalid("has no blank line between its text and its signatures")
    body, block = note[: split + 1], note[split + 2 :]
    if block == "" or not block.endswith("\n"):
        raise invalid("has no signature lines ending in a newline")
    lines = block[:-1].split("\n")
    if len(lines) > 100:
        raise invalid("has more than 100 signatures")
    expected_hash = note_key_hash(key_name, key)
    mine = []
    for line in lines:
        if not line.startswith("\u2014 "):
            raise invalid("has a signature line that does not start with an em dash and a space")
        name, _, sig_text = line[2:].partition(" ")
        raw = _strict_b64(sig_text)
        if name == "" or raw is None or len(raw) < 5:
            raise invalid("has a malformed signature line")
        if name == key_name and raw[:4] == expected_hash:
            mine.append(raw[4:])
    if not mine:
        raise Refusal("ERR_NOTE_SIGNATURE_INVALID", f"the note carries no signature by {key_name}")
    for sig in mine:
        try:
            if len(sig) != 64:
                raise InvalidSignature()
            key.verify(sig, body.encode("utf-8"))
        except InvalidSignature:
            raise Refusal("ERR_NOTE_SIGNATURE_INVALID", f"a signature by {key_name} does not verify") from None
    text_lines = body[:-1].split("\n")
    if len(text_lines) < 3:
        raise invalid("has fewer than three lines")
    cp_origin, size_text, root_text = text_lines[:3]
    if cp_origin == "" or any(line == "" for line in text_lines[3:]):
        raise invalid("has an empty line")
    if not re.fullmatch(r"0|[1-9][0-9]*", size_text) or int(size_text) > 2**53 - 1:
        raise invalid("size is not a decimal number without leading zeros")
    root = _strict_b64(root_text)
    if root is None or len(root) != 32:
        raise invalid("root hash is not standard base64 of 32 bytes")
    if origin is not None and cp_origin != origin:
        raise invalid(f"is of log {cp_origin!r}, not {origin!r}")
    return {"origin": cp_origin, "size": int(size_text), "root_hash": root}


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(index: int, size: int, leaf: bytes, proof: list[bytes], root: bytes) -> bool:
    """RFC 9162 section 2.1.3.2."""
    if index < 0 or index >= size or len(leaf) != 32:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if len(p) != 32 or sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = _node(p, r)
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = _node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(size1: int, size2: int, proof: list[bytes], root1: bytes, root2: bytes) -> bool:
    """RFC 9162 section 2.1.4.2. A first size of 0 vouches for nothing and is refused."""
    if size1 <= 0 or size1 > size2:
        return False
    if size1 == size2:
        return not proof and root1 == root2
    if not proof or any(len(p) != 32 for p in proof + [root1, root2]):
        return False
    path = [root1] + proof if size1 & (size1 - 1) == 0 else proof
    fn, sn = size1 - 1, size2 - 1
    while fn % 2 == 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            fr, sr = _node(c, fr), _node(c, sr)
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = _node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == root1 and sr == root2


# --- receipts ----------------------------------------------------------------------------


def verify_receipt(receipt: bytes, submitted: bytes, gateway_id: str, gateway_jwk: dict[str, Any]) -> dict[str, Any]:
    """Verifies the gateway's receipt about the exact envelope bytes `submitted`."""
    key = public_key(gateway_jwk)
    env = verify_envelope(receipt, {jwk_thumbprint(gateway_jwk): (gateway_id, key)})
    if env["payload_type"] != "atc.v1.Receipt":
        raise Refusal("ERR_PAYLOAD_TYPE_NOT_ALLOWED", f"a receipt must be atc.v1.Receipt, not {env['payload_type']}")
    fields = read_fields(env["payload"], lambda d: Refusal("ERR_PAYLOAD_MALFORMED", f"Receipt: {d}"))
    r: dict[str, Any] = {"inclusion_proof": []}
    names = {2: "message_id", 3: "status", 7: "recipient", 8: "envelope_sha256", 10: "leaf_index", 11: "checkpoint"}
    for number, _wire, value in fields:
        if number == 12:
            r["inclusion_proof"].append(value)
        elif number in names:
            r[names[number]] = value
    message_id = _utf8(r.get("message_id", b""), "Receipt.message_id")
    submitted_id = decode_header(split_envelope(submitted)[0]).get("message_id", "")
    if message_id != submitted_id or env.get("in_reply_to", "") != submitted_id:
        raise Refusal("ERR_REFERENCE_MISMATCH", f"the receipt answers {message_id!r}, not {submitted_id!r}")
    status = r.get("status", 0)
    if status in (RECEIPT_ACCEPTED, RECEIPT_REJECTED):
        if r.get("envelope_sha256", b"") != hashlib.sha256(submitted).digest():
            raise Refusal("ERR_RECEIPT_OTHER_ENVELOPE", "the receipt names the digest of other envelope bytes")
    if status != RECEIPT_ACCEPTED:
        return {"status": status, "message_id": message_id}
    note = _utf8(r.get("checkpoint", b""), "Receipt.checkpoint")
    checkpoint = open_checkpoint(note, note.split("\n", 1)[0], key)
    index = r.get("leaf_index", 0)
    if not verify_inclusion(index, checkpoint["size"], leaf_hash(submitted), r["inclusion_proof"], checkpoint["root_hash"]):
        raise Refusal("ERR_INCLUSION_PROOF_INVALID", f"the inclusion proof does not link leaf {index} to the checkpoint")
    return {"status": status, "message_id": message_id, "leaf_index": index, "checkpoint": checkpoint}


# --- vectors -----------------------------------------------------------------------------

# Envelope refusals decided by the payload's schema or references, which this verifier
# leaves to the gateway: for those vectors the signature and digest must still hold.
OUT_OF_SCOPE = {"ERR_PAYLOAD_MALFORMED", "ERR_NOT_ORIGINATOR", "ERR_REFERENCE_MISMATCH", "ERR_REFERENCE_UNKNOWN"}


def _outcome(check: Callable[[], Any]) -> str:
    try:
        check()
        return "valid"
    except Refusal as e:
        return e.code


def _envelope_owner(data: bytes) -> str:
    try:
        return decode_header(split_envelope(data)[0]).get("sender", "")
    except Refusal:
        return ""


def run_vectors(directory: str) -> list[dict[str, str]]:
    """Every vector's outcome: file, name, expected and obtained result."""

    def load(name: str) -> Any:
        with open(f"{directory}/{name}", encoding="utf-8") as f:
            return json.load(f)

    results: list[dict[str, str]] = []

    def add(file: str, name: str, expect: str, got: str) -> None:
        results.append({"file": file, "name": name, "expect": expect, "got": got})

    for v in load("envelopes.json"):
        data = bytes.fromhex(v["envelope_hex"])
        keys = key_ring([(_envelope_owner(data), v["public_jwk"])])
        want = "valid" if v["expect"] in OUT_OF_SCOPE else v["expect"]
        add("envelopes.json", v["name"], want, _outcome(lambda: verify_envelope(data, keys)))
    for v in load("trust-lists.json"):
        got = _outcome(lambda: verify_trust_list(v["jws"], v["gateway_jwk"]))
        if got == "valid" and [m["id"] for m in verify_trust_list(v["jws"], v["gateway_jwk"])["members"]] != v["members"]:
            got = "wrong members"
        add("trust-lists.json", v["name"], v["expect"], got)
    for v in load("receipts.json"):
        receipt, submitted = bytes.fromhex(v["receipt_envelope_hex"]), bytes.fromhex(v["submitted_envelope_hex"])
        got = _outcome(lambda: verify_receipt(receipt, submitted, v["gateway_id"], v["gateway_jwk"]))
        add("receipts.json", v["name"], v["expect"], got)
    for v in load("checkpoints.json"):
        key = public_key(v["public_jwk"])
        got = _outcome(lambda: open_checkpoint(v["note"], v["key_name"], key, v["origin"]))
        if got == "valid":
            cp = open_checkpoint(v["note"], v["key_name"], key, v["origin"])
            if (cp["size"], base64.b64encode(cp["root_hash"]).decode()) != (v["size"], v["root_hash"]):
                got = "wrong size or root"
        add("checkpoints.json", v["name"], v["expect"], got)
    proofs = load("proofs.json")
    b64 = base64.b64decode
    for v in proofs["inclusion"]:
        ok = verify_inclusion(
            v["leaf_index"], v["tree_size"], leaf_hash(bytes.fromhex(v["leaf_hex"])), [b64(p) for p in v["proof"]], b64(v["root_hash"])
        )
        add("proofs.json inclusion", v["name"], v["expect"], "valid" if ok else "ERR_INCLUSION_PROOF_INVALID")
    for v in proofs["consistency"]:
        ok = verify_consistency(v["size1"], v["size2"], [b64(p) for p in v["proof"]], b64(v["root1"]), b64(v["root2"]))
        add("proofs.json consistency", v["name"], v["expect"], "valid" if ok else "ERR_LOG_INCONSISTENT")
    return results


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "vectors":
        results = run_vectors(argv[1])
        for r in results:
            print(json.dumps(r, ensure_ascii=False))
        failed = [r for r in results if r["expect"] != r["got"]]
        print(f"atc_verify: {len(results) - len(failed)} passed, {len(failed)} failed", file=sys.stderr)
        return 1 if failed else 0
    if argv and argv[0] == "envelope" and len(argv) in (3, 4):
        with open(argv[1], "rb") as f:
            data = f.read()
        with open(argv[2], encoding="utf-8") as f:
            jwk = json.load(f)
        owner = argv[3] if len(argv) == 4 else _envelope_owner(data)
        try:
            header = verify_envelope(data, key_ring([(owner, jwk)]))
        except Refusal as e:
            print(f"refused: {e}", file=sys.stderr)
            return 1
        print(f"valid: {header['payload_type']} {header['message_id']} from {header['sender']}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
