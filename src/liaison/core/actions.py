"""Building blocks for the domain actions (`<app>/actions.py`).

A domain action is one function `do_<verb>_<noun>(..., *, actor)`: atomic, checks what it must, writes
its change and its audit record in the same transaction, and schedules side effects with
`transaction.on_commit`. These helpers do the common part of create / update / delete, and of the writes of
child records: records with no owner of their own (a document of an agreement, a name of a person) that only
the agency owning their parent may change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

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


@contextmanager
def refuse_if_referenced() -> Iterator[None]:
    """Turn a deletion refused by a PROTECT foreign key into a ValidationError naming the kinds of record that
    still refer to it (open the transaction inside, so it is rolled back first)."""
    try:
        yield
    except models.ProtectedError as error:
        kinds = sorted({str(obj._meta.verbose_name) for obj in error.protected_objects})
        raise ValidationError(
            _("Other records still refer to this one: %(kinds)s. Remove them first.") % {"kinds": ", ".join(kinds)}
        ) from None


def delete_unreferenced(instance: models.Model, *, actor: Any, action: str) -> None:
    """Delete and audit, or refuse (refuse_if_referenced) while other records still refer to it."""
    with refuse_if_referenced(), transaction.atomic():
        delete(instance, actor=actor, action=action)


# --- child records -----------------------------------------------------------------------------------------
ParentCheck = Callable[[Any], None]


def _refuse_fields(data: Mapping[str, Any], protected: Collection[str]) -> None:
    for name in protected:
        if name in data:
            raise ValidationError({name: _("This field cannot be set here.")})


def _check_parent(parent: Any, actor: Any, permission: str, check_parent: ParentCheck | None) -> None:
    require_owner(parent, actor, permission)
    if check_parent is not None:
        check_parent(parent)


def parent_for_new_child(
    data: Mapping[str, Any], parent: str, *, actor: Any, permission: str, check_parent: ParentCheck | None = None
) -> Any:
    """The parent record `data[parent]` of a child record about to be created, once the actor's agency is found
    to own it and `check_parent(parent)`, when given, has passed (for actions that build the child themselves,
    e.g. from an uploaded file)."""
    owner = data.get(parent)
    if owner is None:
        raise ValidationError({parent: _("This field is required.")})
    _check_parent(owner, actor, permission, check_parent)
    return owner


def create_child(
    model: type[M],
    data: Mapping[str, Any],
    *,
    parent: str,
    permission: str,
    actor: Any,
    action: str,
    protected: Collection[str] = (),
    check_parent: ParentCheck | None = None,
) -> M:
    """Create a child record from `data`, whose `data[parent]` is the parent record: the actor needs `permission`
    and its agency must own the parent; fields named in `protected` are refused; `check_parent(parent)`, when
    given, runs once ownership is checked (e.g. to refuse a merged person). Audited as `action`."""
    require(actor, permission)
    _refuse_fields(data, protected)
    parent_for_new_child(data, parent, actor=actor, permission=permission, check_parent=check_parent)
    return create(model, data, actor=actor, action=action)


def update_child(
    record: M,
    data: Mapping[str, Any],
    *,
    parent: str,
    permission: str,
    actor: Any,
    action: str,
    protected: Collection[str] = (),
    check_parent: ParentCheck | None = None,
) -> M:
    """Change a child record (as create_child); it cannot be moved to another parent."""
    require(actor, permission)
    _refuse_fields(data, protected)
    owner = getattr(record, parent)
    _check_parent(owner, actor, permission, check_parent)
    if parent in data and data[parent] != owner:
        raise ValidationError({parent: _("A record cannot be moved to another parent.")})
    return update(record, data, actor=actor, action=action)


def delete_child(
    record: models.Model,
    *,
    parent: str,
    permission: str,
    actor: Any,
    action: str,
    check_parent: ParentCheck | None = None,
) -> None:
    """Delete a child record (as create_child); one that other records still refer to stays (delete_unreferenced)."""
    require(actor, permission)
    _check_parent(getattr(record, parent), actor, permission, check_parent)
    delete_unreferenced(record, actor=actor, action=action)
