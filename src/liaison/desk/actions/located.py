"""A wanted person found: the desk's case rules, whoever found the person (screening a list today; consular work
later). Audited through the case actions they call (fugitive_case.create, .note, .transition), whose
permission checks apply.

`do_record_located(person, *, source, where, note, ...)` returns the case and what happened to it:
- "updated": the actor's agency has an open case about the person: a timeline entry of kind `source` with the
  source's `reference`; a case in accepted or tracing moves to located (where: `where`, when: `when`);
- "opened": otherwise a case is opened about the person, with the `notice` that named the person when the
  actor may read it, and `note` as its summary; its partner and direction (`case_partner`):
  * the notice comes from a partner (issued by another agency, or owned by another agency and shared with
    us): partner = that agency, direction incoming (the partner's request we act on); the request is accepted
    (accepting acknowledges it) and the person located;
  * the notice is our own: partner = the first agency we shared it with (our request to that partner),
    direction outgoing; it starts accepted and moves to located;
  * an INTERPOL notice of our register without an issuing agency: the one active agency of the issuing
    country, when there is exactly one (incoming);
- "no_partner": no partner can be named (no notice, or our own notice shared with nobody): nothing is written;
  the officer opens the case from the notice.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from liaison.core import access, sharing
from liaison.desk.actions.cases import do_add_case_note, do_create_case, do_transition_case
from liaison.desk.actions.common import actor_agency
from liaison.desk.choices import CaseDirection, CaseEventKind, CaseStatus
from liaison.desk.models import FugitiveCase, Notice

# Who may report a person located (the kind of the timeline entry), with the note of the acceptance of a
# partner's request that the finding implies.
LOCATED_SOURCES: dict[str, Any] = {
    CaseEventKind.SCREENING_HIT: gettext_lazy("Accepted: the person was found by screening a list."),
}


def case_partner(notice: Notice | None, agency: Any) -> tuple[Any, str] | None:
    """(partner agency, direction) of a case opened because the person of `notice` was found, or None (module
    docstring)."""
    from liaison.agencies.models import Agency

    if notice is None:
        return None
    if notice.issuing_agency_id and notice.issuing_agency_id != agency.pk:
        return notice.issuing_agency, CaseDirection.INCOMING
    if notice.owner_id != agency.pk:
        return notice.owner, CaseDirection.INCOMING
    share = sharing.shares_of(notice).exclude(agency_id=agency.pk).order_by("shared_at", "pk").first()
    if share is not None:
        return share.agency, CaseDirection.OUTGOING
    if notice.issuing_country and str(notice.issuing_country) != str(agency.country):
        candidates = list(
            Agency.objects.filter(country=notice.issuing_country, is_active=True).exclude(pk=agency.pk)[:2]
        )
        if len(candidates) == 1:
            return candidates[0], CaseDirection.INCOMING
    return None


def do_record_located(
    person: Any,
    *,
    source: str,
    where: str,
    note: str,
    reference: Mapping[str, Any] | None = None,
    notice: Notice | None = None,
    when: datetime.datetime | None = None,
    actor: Any,
) -> tuple[FugitiveCase | None, str]:
    """Record that `person` was found (module docstring): `source` is the kind of the timeline entry (one of
    LOCATED_SOURCES), `where` the place (the case's last location), `note` what was found and why it is the
    person, `reference` what the source knows (its record ids, the row as listed), `notice` the notice that named
    the person, `when` the time it was found (default now). Returns (case or None, "updated" | "opened" |
    "no_partner"); to be called inside the caller's transaction when it writes its own records."""
    if source not in LOCATED_SOURCES:
        raise ValueError(f"Unknown source {source!r}: add it to LOCATED_SOURCES.")
    agency = actor_agency(actor)
    place = where.strip()[:255]
    data = dict(reference or {})
    case = (
        FugitiveCase.objects.open()
        .filter(owner=agency, person_id=person.pk)
        .order_by("priority", "-received_on", "-pk")
        .first()
    )
    if case is not None:
        do_add_case_note(case, kind=source, note=note, place=place, data=data, actor=actor)
        case.refresh_from_db()
        if case.status in (CaseStatus.ACCEPTED, CaseStatus.TRACING):
            do_transition_case(case, CaseStatus.LOCATED, place=place, note=note, occurred_at=when, actor=actor)
        return case, "updated"
    readable = None
    if notice is not None:
        readable = (
            access.restrict(Notice.objects.filter(pk=notice.pk), actor)
            .select_related("issuing_agency", "owner")
            .first()
        )
    partner = case_partner(readable, agency)
    if partner is None:
        return None, "no_partner"
    partner_agency, direction = partner
    fields: dict[str, Any] = {
        "person": person,
        "notice": readable,
        "partner": partner_agency,
        "direction": direction,
        "partner_reference": (readable.reference if readable is not None and readable.owner_id != agency.pk else "")[
            :100
        ],
        "crime_area": _crime_area(readable),
        "summary": note,
    }
    if when is not None and timezone.localtime(when).date() < timezone.localdate():
        fields["received_on"] = timezone.localtime(when).date()  # recorded after the fact: the case starts then
    case = do_create_case(fields, note=note, actor=actor)
    do_add_case_note(case, kind=source, note=note, place=place, data=data, actor=actor)
    case.refresh_from_db()
    if case.status == CaseStatus.RECEIVED:
        accepted = str(LOCATED_SOURCES[source])
        do_transition_case(case, CaseStatus.ACCEPTED, note=accepted, occurred_at=when, actor=actor)
    do_transition_case(case, CaseStatus.LOCATED, place=place, note=note, occurred_at=when, actor=actor)
    case.refresh_from_db()
    return case, "opened"


def _crime_area(notice: Notice | None) -> str:
    if notice is None:
        return ""
    return notice.offences.exclude(crime_area="").values_list("crime_area", flat=True).first() or ""
