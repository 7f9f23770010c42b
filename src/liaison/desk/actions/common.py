"""Steps the desk's actions share (notices, cases, deadlines)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from liaison.core import access


def actor_agency(actor: Any) -> Any:
    agency = getattr(actor, "agency", None)
    if agency is None:
        raise ValidationError({"owner": _("The actor belongs to no agency.")})
    return agency


def user_or_none(actor: Any) -> Any:
    is_user = getattr(actor, "is_authenticated", False) and not getattr(actor, "is_system", False)
    return actor if is_user and getattr(actor, "pk", None) else None


def check_person(person: Any, actor: Any) -> None:
    """A notice or case is about a current person the actor may see."""
    from liaison.people.models import Person

    if person is None:
        raise ValidationError({"person": _("Choose the person.")})
    if getattr(person, "merged_into_id", None):
        raise ValidationError({"person": _("This person was merged into another record; choose that one.")})
    if not access.restrict(Person.objects.filter(pk=person.pk), actor).exists():
        raise ValidationError({"person": _("No such person.")})


def snapshot_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    changed = [key for key in after if after[key] != before.get(key) and key != "updated_at"]
    return {key: before.get(key) for key in changed}, {key: after[key] for key in changed}
