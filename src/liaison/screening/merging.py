"""Screening's part of merging two records of the same person (people.signals.person_merged): the agency's
remembered decisions move to the survivor, one per (agency, person, listed identity); where both records hold a
decision on the same listed identity, the survivor's wins and the duplicate's is removed. Hits need nothing more
than a change of person (people moves them)."""

from __future__ import annotations

from typing import Any

from liaison.people.actions import move_person_records
from liaison.people.models import Person
from liaison.people.signals import person_merged
from liaison.screening.models import HitDecision


def move_hit_decisions(sender: Any, *, survivor: Person, duplicate: Person, **kwargs: Any) -> dict[str, Any]:
    moved, removed, _records = move_person_records(
        HitDecision, survivor, duplicate, lambda decision: (decision.owner_id, decision.fingerprint)
    )
    return {"hit_decisions": (moved, removed)}


def connect() -> None:
    person_merged.connect(move_hit_decisions, sender=Person, dispatch_uid="screening.move_hit_decisions")
