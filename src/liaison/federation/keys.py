"""This node's key pairs (joserfc OKP keys: Ed25519 signs, X25519 encrypts offline packages).

The public half is a `NodeKey` row; the private half is a JWK file in LIAISON_FEDERATION_KEY_DIR (by default
the node's var directory), written with mode 0600 in a 0700 directory, read only to sign or decrypt. Nothing
here logs, audits or returns a private key. docs/decisions/0026-federation-signatures-joserfc.md.
"""

from __future__ import annotations

import functools
import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from django.conf import settings
from django.utils import timezone
from joserfc.jwk import OKPKey

from liaison.federation.choices import KeyUse
from liaison.federation.models import NodeKey

CURVES: dict[str, Literal["Ed25519", "X25519"]] = {KeyUse.SIGN: "Ed25519", KeyUse.ENCRYPT: "X25519"}


class NodeNotInitialised(RuntimeError):
    """The node has no key of the use asked for: run `liaison node init` first."""


def key_dir() -> Path:
    return Path(settings.LIAISON_FEDERATION_KEY_DIR)


def _key_file(kid: str) -> Path:
    return key_dir() / f"{kid}.jwk"


def _write_private(kid: str, key: OKPKey) -> None:
    directory = key_dir()
    directory.mkdir(parents=True, exist_ok=True)
    os.chmod(directory, 0o700)
    path = _key_file(kid)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(key.as_dict(private=True), handle)


def create_key(use: str) -> NodeKey:
    """A new key pair of `use`: its private file written, its public row saved (not yet current)."""
    key = OKPKey.generate_key(CURVES[KeyUse(use)])
    kid = key.thumbprint()
    _write_private(kid, key)
    return NodeKey.objects.create(kid=kid, use=use, public_jwk=public_jwk(key, kid, use), is_current=False)


def public_jwk(key: OKPKey, kid: str, use: str) -> dict[str, Any]:
    return {**key.as_dict(private=False), "kid": kid, "use": use}


def current(use: str) -> NodeKey:
    key = NodeKey.objects.filter(use=use, is_current=True).first()
    if key is None:
        raise NodeNotInitialised("This node has no keys yet: run 'liaison node init --url URL'.")
    return key


def private_key(node_key: NodeKey) -> OKPKey:
    """The private key of one of this node's keys, read from its file (parsed once per process while the file
    stays the same: every message and receipt is signed with it)."""
    path = _key_file(node_key.kid)
    try:
        found = path.stat()
    except FileNotFoundError:
        raise NodeNotInitialised(f"The private key file of {node_key.kid} is missing from {key_dir()}.") from None
    return _read_private(str(path), found.st_mtime_ns, found.st_size)


@functools.lru_cache(maxsize=16)
def _read_private(path: str, _mtime_ns: int, _size: int) -> OKPKey:
    try:
        data = json.loads(Path(path).read_text())
    except FileNotFoundError:
        raise NodeNotInitialised(f"The private key file {path} is missing.") from None
    return OKPKey.import_key(data)


def usable(use: str) -> list[NodeKey]:
    """This node's keys of `use` still valid now: the current one and those within their overlap period."""
    now = timezone.now()
    return [key for key in NodeKey.objects.filter(use=use) if key.valid_until is None or key.valid_until > now]


def rotate(use: str, *, overlap: timedelta) -> tuple[NodeKey, NodeKey | None]:
    """Make a new key of `use` current; the previous one stays valid for `overlap`. Call inside a transaction."""
    old = NodeKey.objects.select_for_update().filter(use=use, is_current=True).first()
    if old is not None:
        old.is_current = False
        old.valid_until = timezone.now() + overlap
        old.save(update_fields=["is_current", "valid_until"])
    new = create_key(use)
    new.is_current = True
    new.save(update_fields=["is_current"])
    return new, old


def load_public(jwk: dict[str, Any]) -> OKPKey:
    members = tuple((k, v) for k, v in jwk.items() if k in {"kty", "crv", "x"})
    if not all(isinstance(v, str) for _k, v in members):
        return OKPKey.import_key(dict(members))  # not a key: joserfc says what is wrong
    return _public(tuple(sorted(members)))


@functools.lru_cache(maxsize=256)
def _public(members: tuple[tuple[str, str], ...]) -> OKPKey:
    """A public key parsed once per process (the same JWK members always give the same key)."""
    return OKPKey.import_key(dict(members))
