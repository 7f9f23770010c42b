"""What anchors the audit chain outside the database (docs/operations.md, "Audit trail"; decision 0019).

- The audit key: each record's keyed hash (`AuditEvent.mac`) is HMAC-SHA256 of its hash with this key. It comes
  from LIAISON_AUDIT_KEY (at least 32 characters), else from the key file LIAISON_AUDIT_KEY_FILE (default
  var/audit.key), which is created with 32 random bytes and mode 0600 on first use. The database never holds it,
  so whoever can only write the database cannot recompute the keyed hashes of records they rewrite.
- The signing key: an Ed25519 private key in LIAISON_AUDIT_SIGNING_KEY_FILE (default var/audit-signing.key, mode
  0600, created by the first checkpoint). A checkpoint (`liaison audit checkpoint`) names the chain's last record
  and hash, signed with it, for the supervisors' archive; `liaison audit verify --checkpoint FILE` checks that the
  chain still holds that record with that hash.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

MIN_KEY_LENGTH = 32
CHECKPOINT_FORMAT = "liaison-audit-checkpoint/1"


class CheckpointError(ValueError):
    """A checkpoint file that cannot be trusted (not one, altered, or signed by another key)."""


def _secret_file(path: Path, make: Callable[[], bytes]) -> bytes:
    """The content of a secret file, written first with `make()` (mode 0600, its folder created 0700) when it does
    not exist yet. Written under a temporary name and linked into place, so a concurrent reader never sees it half
    written and two processes never make two keys."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(make())
        os.chmod(temporary, 0o600)
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path.read_bytes()


@functools.lru_cache(maxsize=4)
def _audit_key(from_environment: str, path: str) -> bytes:
    if from_environment:
        if len(from_environment) < MIN_KEY_LENGTH:
            raise ImproperlyConfigured(f"LIAISON_AUDIT_KEY must be at least {MIN_KEY_LENGTH} characters long.")
        return from_environment.encode()
    key = _secret_file(Path(path), lambda: secrets.token_hex(32).encode() + b"\n").strip()
    if len(key) < MIN_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"The audit key file {path} holds fewer than {MIN_KEY_LENGTH} characters (LIAISON_AUDIT_KEY_FILE)."
        )
    return key


def audit_key() -> bytes:
    """The node's audit key (read once per process and kept in memory)."""
    return _audit_key(settings.LIAISON_AUDIT_KEY, str(settings.LIAISON_AUDIT_KEY_FILE))


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of a record's hash with the audit key, as hex."""
    return hmac.new(audit_key(), value.encode(), hashlib.sha256).hexdigest()


def signing_key(*, create: bool = True) -> Ed25519PrivateKey:
    """The node's checkpoint signing key; made on first use unless `create` is False (then a missing key is a
    CheckpointError)."""
    path = Path(settings.LIAISON_AUDIT_SIGNING_KEY_FILE)
    if not create and not path.exists():
        raise CheckpointError(f"this node has no audit signing key ({path}, LIAISON_AUDIT_SIGNING_KEY_FILE)")

    def new_key() -> bytes:
        return Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    key = serialization.load_pem_private_key(_secret_file(path, new_key), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{path} does not hold an Ed25519 private key (LIAISON_AUDIT_SIGNING_KEY_FILE).")
    return key


def public_key_text(key: Ed25519PublicKey) -> str:
    """A public key as base64 of its 32 raw bytes (how checkpoints carry it)."""
    return base64.b64encode(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()


def _signed_bytes(checkpoint: dict[str, Any]) -> bytes:
    body = {name: value for name, value in checkpoint.items() if name != "signature"}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def make_checkpoint(seq: int, hash_: str) -> dict[str, Any]:
    """A signed checkpoint of the chain's record `seq` whose hash is `hash_`, on this node, now."""
    key = signing_key()
    checkpoint: dict[str, Any] = {
        "format": CHECKPOINT_FORMAT,
        "node": settings.LIAISON_HOME_AGENCY,
        "seq": seq,
        "hash": hash_,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "public_key": public_key_text(key.public_key()),
    }
    checkpoint["signature"] = base64.b64encode(key.sign(_signed_bytes(checkpoint))).decode()
    return checkpoint


def read_checkpoint(text: str) -> dict[str, Any]:
    """A checkpoint's content, once its signature is verified with this node's signing key."""
    try:
        checkpoint = json.loads(text)
    except ValueError:
        raise CheckpointError("the file is not a checkpoint (not JSON)") from None
    if not isinstance(checkpoint, dict) or checkpoint.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointError(f"the file is not a Liaison audit checkpoint ({CHECKPOINT_FORMAT})")
    if not isinstance(checkpoint.get("seq"), int) or not all(
        isinstance(checkpoint.get(name), str) for name in ("hash", "public_key", "signature")
    ):
        raise CheckpointError("the checkpoint lacks its record number, hash, public key or signature")
    public = signing_key(create=False).public_key()
    if checkpoint["public_key"] != public_key_text(public):
        raise CheckpointError("the checkpoint was signed by another key than this node's audit signing key")
    try:
        public.verify(base64.b64decode(checkpoint["signature"], validate=True), _signed_bytes(checkpoint))
    except (InvalidSignature, ValueError):
        raise CheckpointError("the checkpoint's signature does not match its content (altered)") from None
    return checkpoint
