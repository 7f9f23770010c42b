"""A message exported as a MISP event or a STIX 2.1 bundle (exchange/exporting/, docs/decisions/0040) for the
user who may read it: `do_export_message(message, "misp"|"stix", actor=)` builds the neutral ExportMessage from
the message, its indicators, its codes and the linked persons the user may see (through core.access), converts
it and records the export in the audit trail. Used by `liaison messages export`, the message page and the API."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.core import access, audit
from liaison.core.choices import HandlingCode
from liaison.exchange.access import VIEW_PERMISSION
from liaison.exchange.choices import MessageStatus
from liaison.exchange.exporting import (
    ExportError,
    ExportIndicator,
    ExportMessage,
    ExportPerson,
    to_misp,
    to_stix,
)
from liaison.exchange.models import Message

FORMATS = {"misp": to_misp, "stix": to_stix}


def _persons(message: Message, actor: Any) -> tuple[ExportPerson, ...]:
    """The linked persons the actor may see, in the order they were linked."""
    from liaison.people.models import Person

    ids = [int(i) for i in message.links.filter(target_type="people.person").order_by("pk").values_list(
        "target_id", flat=True) if str(i).isdigit()]  # fmt: skip
    seen = access.restrict(Person.objects.filter(pk__in=ids), actor).prefetch_related("names", "documents")
    by_id = {person.pk: person for person in seen}
    persons = []
    for person in (by_id[i] for i in ids if i in by_id):
        names = [name.full_name for name in person.names.all()] or [person.display_name]
        documents = tuple((d.kind, d.number, str(d.issuing_country) or None) for d in person.documents.all())
        nationality = person.nationalities[0] if person.nationalities else None
        persons.append(ExportPerson(names=tuple(names), birth_date=person.birth_date or None,
                                    nationality=nationality, sex=person.sex or None, documents=documents))  # fmt: skip
    return tuple(persons)


def export_message(message: Message, actor: Any) -> ExportMessage:
    """The neutral form of the message as the actor may export it."""
    handling_text = message.handling_note or str(HandlingCode(message.handling_code).label)
    return ExportMessage(
        reference=message.reference, subject=message.subject, body=message.body,
        created=message.sent_at or message.created_at, sender_code=message.owner.code,
        sender_name=str(message.owner), handling_code=message.handling_code, handling_text=handling_text,
        tlp=message.tlp, crime_areas=tuple(message.crime_areas or ()), persons=_persons(message, actor),
        indicators=tuple(ExportIndicator(i.kind, i.value) for i in message.indicators.order_by("pk")),
    )  # fmt: skip


def do_export_message(message: Message, fmt: str, *, actor: Any) -> dict[str, Any]:
    """The message as a MISP event (`fmt` "misp") or a STIX bundle ("stix"), audited as `message.export`. A
    message the actor may not read is refused (PermissionDenied); a content deleted or a value the export refuses
    raises ValidationError saying what and where (ExportError's text)."""
    if fmt not in FORMATS:
        raise ValidationError({"format": _("Choose the format: %(formats)s.") % {"formats": ", ".join(FORMATS)}})
    if not access.restrict(Message.objects.filter(pk=message.pk), actor).exists():
        raise PermissionDenied(VIEW_PERMISSION)
    if message.status == MessageStatus.CONTENT_DELETED:
        raise ValidationError(_("The content of this message was deleted."))
    exported = export_message(message, actor)
    try:
        document = FORMATS[fmt](exported)
    except ExportError as error:
        raise ValidationError(_("%(reference)s cannot be exported: %(error)s")
                              % {"reference": message.reference, "error": error}) from error  # fmt: skip
    with transaction.atomic():
        audit.record("message.export", actor=actor, obj=message, after={
            "format": fmt, "persons": len(exported.persons), "indicators": len(exported.indicators)})  # fmt: skip
    return document
