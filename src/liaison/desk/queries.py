"""What other apps may ask the desk about wanted persons, without reading the desk's tables themselves.

- ``wanted_person_ids(actor) -> QuerySet``: the ids of the persons of the active notices ``actor`` may see
  (its agency's own and those shared with it: ``access.restrict(Notice.objects.active(), actor)``), as a lazy
  query that other queries embed (``Person.objects.filter(pk__in=wanted_person_ids(actor))``), so that a
  register of 100,000 wanted persons never travels as a list of parameters.
- ``visible_case_ids(actor)``, ``visible_notice_ids(actor)``: the ids of the fugitive cases and notices ``actor`` may
  see, as queries to embed (a legal request links to them).
- ``notices_to_cite(actor) -> dict[int, int]``: each of those persons' pk and the notice that a match on
  them cites: the most pressing kind (``NOTICE_KIND_ORDER``, then any other kind), then the latest issued,
  then the latest recorded.
- ``fugitive_case_visible(actor, reference) -> bool``: whether ``actor`` may see the fugitive case of that reference
  (consular protection incidents name the case they are linked to).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from liaison.core import access
from liaison.desk.choices import NoticeKind
from liaison.desk.models import FugitiveCase, Notice

NOTICE_KIND_ORDER = (
    NoticeKind.WANTED,
    NoticeKind.LOCATE,
    NoticeKind.INFORMATION,
    NoticeKind.WARNING,
    NoticeKind.MISSING,
)
"""The kinds of notice, most pressing first: the order in which a person's notices are cited."""


def _active_notices(actor: Any) -> QuerySet[Notice]:
    return access.restrict(Notice.objects.active(), actor)


def wanted_person_ids(actor: Any) -> QuerySet[Any]:
    """The ids of the persons of the active notices `actor` may see, as a query to embed."""
    return _active_notices(actor).values("person_id")


def notices_to_cite(actor: Any) -> dict[int, int]:
    """Person pk → the notice a match on that person cites, for every person of `wanted_person_ids(actor)`."""
    best: dict[int, tuple[tuple[int, int, int], int]] = {}
    for notice_id, person_id, kind, issued_on in _active_notices(actor).values_list(
        "pk", "person_id", "kind", "issued_on"
    ):
        rank = NOTICE_KIND_ORDER.index(kind) if kind in NOTICE_KIND_ORDER else len(NOTICE_KIND_ORDER)
        key = (rank, -issued_on.toordinal() if issued_on else 0, -notice_id)
        if person_id not in best or key < best[person_id][0]:
            best[person_id] = (key, notice_id)
    return {person_id: notice_id for person_id, (_key, notice_id) in best.items()}


def visible_case_ids(actor: Any) -> QuerySet[Any]:
    """The ids of the fugitive cases `actor` may see, as a query to embed (legal requests linked to them)."""
    from liaison.desk.models import FugitiveCase

    return access.restrict(FugitiveCase.objects.all(), actor).values("pk")


def visible_notice_ids(actor: Any) -> QuerySet[Any]:
    """The ids of the notices `actor` may see, as a query to embed."""
    return access.restrict(Notice.objects.all(), actor).values("pk")


def fugitive_case_visible(actor: Any, reference: str) -> bool:
    """Whether the actor may see the fugitive case whose reference is `reference`."""
    return access.restrict(FugitiveCase.objects.filter(reference=reference), actor).exists()


def case_for_partner_reference(actor: Any, partner: Any, reference: str) -> FugitiveCase | None:
    """The fugitive case `actor` may see that `partner` follows under `reference` (its own reference for the same
    case), or None: how a partner's legal request finds the case the partner's desk sent about the same person."""
    if not reference:
        return None
    cases = FugitiveCase.objects.filter(partner=partner, partner_reference=reference)
    return access.restrict(cases, actor).order_by("pk").first()
