"""Steps the exchange's actions share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from liaison.core import audit
from liaison.exchange.access import can_read
from liaison.exchange.models import Message, Recipient


def actor_agency(actor: Any) -> Any:
    agency = getattr(actor, "agency", None)
    if agency is None:
        raise ValidationError({"owner": _("The actor belongs to no agency.")})
    return agency


def actor_name(actor: Any) -> str:
    return str(actor.get_username() if hasattr(actor, "get_username") else actor)[:150]


def user_or_none(actor: Any) -> Any:
    is_user = getattr(actor, "is_authenticated", False) and not getattr(actor, "is_system", False)
    return actor if is_user and getattr(actor, "pk", None) else None


def next_reference(owner: Any, year: int) -> str:
    """MSG-<agency code>-<year>-<number>, numbered per agency and year (locks the agency's last message)."""
    prefix = f"MSG-{owner.code}-{year}-"
    last = (
        Message.objects.select_for_update()
        .filter(reference__startswith=prefix)
        .annotate(length=Length("reference"))
        .order_by("-length", "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def recipient_row(message: Message, actor: Any, *, lock: bool = False) -> Recipient:
    """The actor's agency's recipient entry of a message it may read; refused to the sender and to others."""
    if not can_read(message, actor):
        raise PermissionDenied("exchange.view")
    rows = Recipient.objects.select_for_update() if lock else Recipient.objects.all()
    row = rows.filter(message=message, agency_id=getattr(actor, "agency_id", 0) or 0).first()
    if row is None:
        raise ValidationError(_("Only an agency the message is addressed to can do this."))
    return row


def record_transition(message: Message, before: str, *, actor: Any, action: str, note: str = "", **extra: Any) -> None:
    """Audit a change of state (inside the caller's transaction)."""
    audit.record(
        action,
        actor=actor,
        obj=message,
        before={"status": before},
        after={"status": message.status, **({"note": note} if note else {}), **extra},
    )
