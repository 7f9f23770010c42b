"""The register of facilities and the protection incidents (audited; core/actions.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from liaison.consular.access import MANAGE_PERMISSION
from liaison.consular.models import Facility, ProtectionIncident
from liaison.core import access, actions


def _owned(data: Mapping[str, Any], actor: Any) -> dict[str, Any]:
    actions.require(actor, MANAGE_PERMISSION)
    if "owner" in data:
        raise ValidationError({"owner": _("This field cannot be set here.")})
    if getattr(actor, "agency", None) is None:
        raise ValidationError({"owner": _("The actor belongs to no agency.")})
    return {**data, "owner": actor.agency}


def _change(record: Any, data: Mapping[str, Any], actor: Any) -> None:
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(record, actor, MANAGE_PERMISSION)
    if "owner" in data:
        raise ValidationError({"owner": _("This field cannot be set here.")})


def do_create_facility(data: Mapping[str, Any], *, actor: Any) -> Facility:
    """Add a prison, detention centre or other place of detention to the register, with its address and contact."""
    return actions.create(Facility, _owned(data, actor), actor=actor, action="facility.create")


def do_update_facility(facility: Facility, data: Mapping[str, Any], *, actor: Any) -> Facility:
    _change(facility, data, actor)
    return actions.update(facility, data, actor=actor, action="facility.update")


def do_delete_facility(facility: Facility, *, actor: Any) -> None:
    """Remove a facility no case or event refers to."""
    _change(facility, {}, actor)
    actions.delete_unreferenced(facility, actor=actor, action="facility.delete")


def _check_incident(data: Mapping[str, Any], actor: Any) -> None:
    from liaison.people.models import Person

    persons = list(data.get("persons") or [])
    visible = set(
        access.restrict(Person.objects.filter(pk__in=[p.pk for p in persons]), actor).values_list("pk", flat=True)
    )
    if any(person.pk not in visible for person in persons):
        raise ValidationError({"persons": _("No such person.")})
    reference = str(data.get("fugitive_case_reference") or "").strip()
    if reference:
        from liaison.desk.queries import fugitive_case_visible

        if not fugitive_case_visible(actor, reference):
            raise ValidationError({"fugitive_case_reference": _("No fugitive case of yours has this reference.")})


def do_create_incident(data: Mapping[str, Any], *, actor: Any) -> ProtectionIncident:
    """Record an incident affecting our businesspeople, students or workers abroad (or theirs here)."""
    fields = _owned(data, actor)
    _check_incident(fields, actor)
    return actions.create(ProtectionIncident, fields, actor=actor, action="protection_incident.create")


def do_update_incident(incident: ProtectionIncident, data: Mapping[str, Any], *, actor: Any) -> ProtectionIncident:
    _change(incident, data, actor)
    _check_incident(data, actor)
    return actions.update(incident, data, actor=actor, action="protection_incident.update")


def do_delete_incident(incident: ProtectionIncident, *, actor: Any) -> None:
    _change(incident, {}, actor)
    actions.delete(incident, actor=actor, action="protection_incident.delete")
