"""Building blocks for the domain actions (`<app>/actions.py`).

A domain action is one function `do_<verb>_<noun>(..., *, actor)`: atomic, checks what it must, writes
its change and its audit record in the same transaction, and schedules side effects with
`transaction.on_commit`. These helpers do the common part of create / update / delete.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from liaison.core import audit
from liaison.core.permissions import has_perm

M = TypeVar("M", bound=models.Model)


def require(actor: Any, permission: str) -> None:
    """Refuse the action when the actor lacks the permission (CLI and jobs get the same check as the pages)."""
    if not has_perm(actor, permission):
        raise PermissionDenied(permission)


def require_owner(record: Any, actor: Any, permission: str) -> None:
    """Only the owning agency changes a record (a share gives read access only): refuse anyone else with
    `permission` named in the refusal."""
    if getattr(record, "owner_id", None) != getattr(actor, "agency_id", None):
        raise PermissionDenied(permission)


def _chunks(file: Any, size: int = 1 << 20) -> Iterator[bytes]:
    if isinstance(file, bytes | bytearray | memoryview):
        yield bytes(file)
        return
    file.seek(0)
    if hasattr(file, "chunks"):
        yield from file.chunks()
    else:
        yield from iter(lambda: file.read(size), b"")
    file.seek(0)


def sha256_of(file: Any) -> tuple[str, int]:
    """The SHA-256 (hex) and size in bytes of an uploaded file, a file object or bytes; a file is read from its
    start and left at its start."""
    digest = hashlib.sha256()
    size = 0
    for chunk in _chunks(file):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _split(model: type[models.Model], data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    m2m_names = {f.name for f in model._meta.many_to_many}
    plain = {k: v for k, v in data.items() if k not in m2m_names}
    m2m = {k: v for k, v in data.items() if k in m2m_names}
    return plain, m2m


def create(model: type[M], data: Mapping[str, Any], *, actor: Any, action: str) -> M:
    plain, m2m = _split(model, data)
    with transaction.atomic():
        instance = model(**plain)
        instance.full_clean()
        instance.save()
        for name, values in m2m.items():
            getattr(instance, name).set(values)
        audit.record(action, actor=actor, obj=instance, after=audit.snapshot(instance))
    return instance


def update(instance: M, data: Mapping[str, Any], *, actor: Any, action: str) -> M:
    plain, m2m = _split(type(instance), data)
    with transaction.atomic():
        # The stored state, locked: the instance itself may already carry the new values (a bound ModelForm
        # writes them onto its instance while validating).
        before = audit.snapshot(type(instance)._default_manager.select_for_update().get(pk=instance.pk))
        for name, value in plain.items():
            setattr(instance, name, value)
        instance.full_clean()
        instance.save()
        for name, values in m2m.items():
            getattr(instance, name).set(values)
        after = audit.snapshot(instance)
        changed_before = {k: v for k, v in before.items() if after.get(k) != v}
        changed_after = {k: after[k] for k in changed_before}
        audit.record(action, actor=actor, obj=instance, before=changed_before, after=changed_after)
    return instance


def delete(instance: models.Model, *, actor: Any, action: str) -> None:
    with transaction.atomic():
        before = audit.snapshot(instance)
        label, pk, text = instance._meta.label_lower, str(instance.pk), str(instance)
        instance.delete()
        audit.record(action, actor=actor, before=before, object_type=label, object_id=pk, object_repr=text)
