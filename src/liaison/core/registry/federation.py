"""Federation: envelope kinds with their handlers, and how a shared record travels to a remote agency."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from liaison.core.registry.base import Registry

# --- federation: envelope kinds and their handlers ----------------------------------------------------------
DEFAULT_ENVELOPE_MAX_BYTES = 1 << 20  # the largest payload of a kind that names no limit of its own (1 MiB)


@dataclass(frozen=True)
class EnvelopeKind:
    """A kind of signed envelope that nodes exchange ("<app>.<noun>.<verb>", e.g. "desk.notice.share") and the
    handler that applies a verified envelope of that kind on the receiving node, exactly once, through the
    receiving app's own actions.

    `validate(payload)`, when given, refuses a malformed payload before anything is applied (raise ValueError
    with the reason); `max_bytes` bounds the payload's canonical JSON (attachments count apart).

    `group(envelope)` and `handle_group(envelopes)`, when given, let the inbox apply consecutive envelopes of one
    batch together (docs/decisions/0055-federation-throughput-3.md): `group` names what an envelope acts on (e.g.
    the partner's case reference), or None where it must be applied on its own; the inbox calls
    `handle_group(envelopes)` with consecutive envelopes of one group, in their order, inside one savepoint with
    the records of their ids. It must do what `handler` would do for each, in order, through the app's actions;
    where it raises, nothing of the group is kept and the inbox applies each envelope on its own with `handler`."""

    kind: str
    handler: Callable[[Any], Any]
    label: Any = ""
    validate: Callable[[Any], None] | None = None
    max_bytes: int = DEFAULT_ENVELOPE_MAX_BYTES
    group: Callable[[Any], Any] | None = None
    handle_group: Callable[[list[Any]], Any] | None = None


_envelope_kinds: Registry[EnvelopeKind] = Registry("envelope kind")


def register_envelope_kind(
    kind: str,
    *,
    handler: Callable[[Any], Any],
    label: Any = "",
    validate: Callable[[Any], None] | None = None,
    max_bytes: int = DEFAULT_ENVELOPE_MAX_BYTES,
    group: Callable[[Any], Any] | None = None,
    handle_group: Callable[[list[Any]], Any] | None = None,
) -> EnvelopeKind:
    """Register what applies envelopes of `kind`. `handler(envelope)` is called by federation with the verified
    envelope; federation imports no domain, so this registry is the only way it finds the handler."""
    if not re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", kind):
        raise ImproperlyConfigured(f"An envelope kind is written '<app>.<noun>.<verb>' in lower case, not {kind!r}.")
    if not callable(handler):
        raise ImproperlyConfigured(f"The handler of the envelope kind {kind!r} is not callable.")
    if validate is not None and not callable(validate):
        raise ImproperlyConfigured(f"The validator of the envelope kind {kind!r} is not callable.")
    if max_bytes <= 0:
        raise ImproperlyConfigured(f"The envelope kind {kind!r} needs a positive size limit.")
    if (group is None) != (handle_group is None) or not all(callable(f) for f in (group, handle_group) if f):
        raise ImproperlyConfigured(f"The envelope kind {kind!r} needs both a callable group and handle_group.")
    return _envelope_kinds.add(kind, EnvelopeKind(kind, handler, label, validate, max_bytes, group, handle_group))


def envelope_kind(kind: str) -> EnvelopeKind:
    """The registration of `kind`; NotRegistered for a kind no installed app handles (the node cannot apply it)."""
    return _envelope_kinds.get(kind)


def envelope_handler(kind: str) -> Callable[[Any], Any]:
    """The handler of `kind`; NotRegistered for a kind no installed app handles (the node cannot apply it)."""
    return _envelope_kinds.get(kind).handler


def envelope_kinds() -> list[EnvelopeKind]:
    return list(_envelope_kinds)


@dataclass(frozen=True)
class SharedRecordKinds:
    """How a record of `model` (its label, "desk.notice") travels to an agency served by a partner node when it
    is shared with it (core/sharing.py): the envelope kinds of the share and of its withdrawal, and
    `content(record, share)`, which gives the envelope's payload (a JSON-ready dict holding only what the share's
    handling code allows) and its attachments (a list of (name, content type, bytes))."""

    model: str
    share: str
    unshare: str
    content: Callable[[Any, Any], tuple[dict[str, Any], list[tuple[str, str, bytes]]]]


_shared_record_kinds: Registry[SharedRecordKinds] = Registry("shared-record kinds")


def register_shared_record_kinds(
    model: str,
    *,
    share: str,
    unshare: str,
    content: Callable[[Any, Any], tuple[dict[str, Any], list[tuple[str, str, bytes]]]],
) -> SharedRecordKinds:
    """A share of a `model` record with a remote agency sends a `share` envelope; its withdrawal an `unshare`
    one. A record of a model nobody registered cannot be shared with a remote agency."""
    model = model.lower()
    return _shared_record_kinds.add(model, SharedRecordKinds(model, share, unshare, content))


def shared_record_kinds(model: str) -> SharedRecordKinds | None:
    """The kinds a record of `model` (its label) travels with, or None."""
    model = model.lower()
    return _shared_record_kinds.get(model) if model in _shared_record_kinds else None
