"""Where a record received from a partner node came from (federation.models.Origin): recorded by the handler that
wrote it, found again by the partner's id for it when an update or a withdrawal arrives, and shown on its page."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from liaison.core import access
from liaison.federation.choices import Direction
from liaison.federation.envelopes import Received
from liaison.federation.models import Envelope, Origin

M = TypeVar("M", bound=models.Model)


def record(obj: models.Model, received: Received, remote_id: Any, *, known: Origin | None = None) -> Origin:
    """Note that `obj` is the partner's record `remote_id`, last written by `received` (without the savepoint
    of update_or_create: a case's timeline entries arrive by the thousand). `known`: its origin as just read
    (`find_with_origin`), updated by its id without reading it again."""
    content_type = ContentType.objects.get_for_model(type(obj))
    where = {"content_type": content_type, "object_id": str(obj.pk)}
    values = {
        "partner": received.partner,
        "remote_id": str(remote_id),
        "envelope_id": received.id,
        "received_at": timezone.now(),
    }
    same = known is not None and (known.object_id, known.content_type_id) == (str(obj.pk), content_type.pk)
    if same and known is not None and Origin.objects.filter(pk=known.pk, **where).update(**values):
        for name, value in values.items():
            setattr(known, name, value)
        return known
    origin = Origin.objects.select_for_update().filter(**where).first()
    if origin is None:
        return Origin.objects.create(**where, **values)
    for name, value in values.items():
        setattr(origin, name, value)
    origin.save(update_fields=list(values))
    return origin


def find(model: type[M], partner: Any, remote_id: Any) -> M | None:
    """The record here that is the partner's record `remote_id`, or None."""
    return find_with_origin(model, partner, remote_id)[0]


def find_with_origin(
    model: type[M], partner: Any, remote_id: Any, *, related: tuple[str, ...] = ()
) -> tuple[M | None, Origin | None]:
    """`find`, with the origin found (for `record(…, known=…)`) and the record's `related` rows read with it."""
    origin = Origin.objects.filter(
        content_type=ContentType.objects.get_for_model(model), partner=partner, remote_id=str(remote_id)
    ).first()
    if origin is None:
        return None, None
    found = model._default_manager.select_related(*related).filter(pk=origin.object_id).first()
    return found, origin if found is not None else None


def is_older(obj: models.Model, received: Received) -> bool:
    """Whether `received` was written by the partner before the message that last wrote `obj` here (a message
    delivered late, after a retry): applying it would put an older state back."""
    found = of(obj)
    if found is None or found.envelope_id == received.id:
        return False
    last = (
        Envelope.objects.filter(direction=Direction.IN, envelope_id=found.envelope_id)
        .values_list("created", flat=True)
        .first()
    )
    return last is not None and received.created < last


def unchanged(received: Received, records: list[models.Model], keys: tuple[str, ...]) -> bool:
    """Whether each of `records` was last written here by one same earlier message of the partner that sent
    `received`, whose payload carried the same `keys` as `received`'s: applying it would write them again as they
    are (a copy is read-only here, so nothing else changed them)."""
    wanted = [(ContentType.objects.get_for_model(type(obj)).pk, str(obj.pk)) for obj in records]
    where = models.Q()
    for content_type_id, object_id in wanted:
        where |= models.Q(content_type_id=content_type_id, object_id=object_id)
    found = list(Origin.objects.filter(where).values_list("partner_id", "envelope_id"))
    envelopes = {envelope_id for partner_id, envelope_id in found if partner_id == received.partner.pk}
    if len(found) != len(wanted) or len(envelopes) != 1 or received.id in envelopes:
        return False
    last = (
        Envelope.objects.filter(direction=Direction.IN, envelope_id=envelopes.pop())
        .values_list("payload", flat=True)
        .first()
    )
    return isinstance(last, dict) and all(last.get(key) == received.payload.get(key) for key in keys)


def of(obj: models.Model) -> Origin | None:
    return (
        Origin.objects.select_related("partner")
        .filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk))
        .first()
    )


def panel_context(request: HttpRequest, record: Any) -> dict[str, Any] | None:
    """Record-page panel: a received record says which partner node and agency it came from (None otherwise).
    The node administrator also gets the link to the partner node's page."""
    origin = of(record)
    if origin is None:
        return None
    return {
        "origin": origin,
        "owner": getattr(record, "owner", None),
        "can_see_node": access.can(request.user, type(origin.partner), access.VIEW),
    }
