"""Canonical JSON, compact JWS (Ed25519, RFC 9864 "Ed25519" algorithm) and JWE (ECDH-ES+A256KW, A256GCM)
through joserfc: no cryptographic primitive is written here (docs/decisions/0026-federation-signatures-joserfc.md).

The signed bytes are the canonical JSON of the object (keys sorted, no insignificant white space, UTF-8, no
floating-point numbers): the same object always gives the same bytes, so a fingerprint or a receipt's digest of
it is stable. The JWS carries those bytes; the receiver verifies them exactly as received and parses them after.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from joserfc import jwe, jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

SIGNATURE_ALGORITHM = "Ed25519"
KEY_WRAPPING = "ECDH-ES+A256KW"
CONTENT_ENCRYPTION = "A256GCM"


class BadSignature(ValueError):
    """A JWS that is malformed, names an unknown key, or does not verify."""


def canonical(value: Any) -> bytes:
    """RFC 8785-style canonical JSON of a JSON-ready value without floats."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def short_fingerprint(data: bytes) -> str:
    """A fingerprint people read aloud: 120 bits of the SHA-256 in base32, six groups of four."""
    text = base64.b32encode(hashlib.sha256(data).digest()[:15]).decode()
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def sign(value: Any, key: OKPKey, kid: str, *, typ: str) -> str:
    """The compact JWS of the canonical JSON of `value`."""
    header = {"alg": SIGNATURE_ALGORITHM, "kid": kid, "typ": typ}
    return jws.serialize_compact(header, canonical(value), key, algorithms=[SIGNATURE_ALGORITHM])


def header_of(token: str) -> dict[str, Any]:
    """The protected header of a compact JWS, not yet verified (to find the key it names)."""
    try:
        return dict(jws.extract_compact(token.encode()).headers())
    except (JoseError, ValueError, TypeError) as error:
        raise BadSignature(f"not a compact JWS: {error}") from None


def verify(token: str, keys: Iterable[tuple[str, OKPKey]], *, typ: str) -> tuple[str, Any]:
    """Verify a compact JWS with the key it names among `keys` ((kid, key) pairs); return (kid, parsed JSON)."""
    header = header_of(token)
    if header.get("alg") != SIGNATURE_ALGORITHM:
        raise BadSignature(f"signature algorithm {header.get('alg')!r} is not accepted")
    if header.get("typ") != typ:
        raise BadSignature(f"expected a {typ}, got {header.get('typ')!r}")
    kid = header.get("kid")
    key = dict(keys).get(str(kid))
    if key is None:
        raise BadSignature(f"signed with an unknown or expired key {kid!r}")
    try:
        verified = jws.deserialize_compact(token, key, algorithms=[SIGNATURE_ALGORITHM])
    except (JoseError, ValueError, TypeError) as error:
        raise BadSignature(f"the signature does not verify ({error})") from None
    try:
        return str(kid), json.loads(verified.payload)
    except ValueError:
        raise BadSignature("the signed content is not JSON") from None


def encrypt(data: bytes, key: OKPKey, kid: str) -> str:
    header = {"alg": KEY_WRAPPING, "enc": CONTENT_ENCRYPTION, "kid": kid}
    return jwe.encrypt_compact(header, data, key, algorithms=[KEY_WRAPPING, CONTENT_ENCRYPTION])


def encrypted_for(token: str) -> str:
    """The key id a compact JWE names (its first part is the protected header)."""
    try:
        head = token.split(".", 1)[0]
        return str(json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4))).get("kid", ""))
    except (ValueError, AttributeError):
        return ""


def decrypt(token: str, key: OKPKey) -> bytes:
    try:
        return bytes(jwe.decrypt_compact(token, key, algorithms=[KEY_WRAPPING, CONTENT_ENCRYPTION]).plaintext or b"")
    except (JoseError, ValueError, TypeError) as error:
        raise BadSignature(f"the package cannot be decrypted with this node's key ({error})") from None
