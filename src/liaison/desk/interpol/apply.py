"""The INTERPOL import's writing side: one converted record written through the people and desk actions, each
write audited by its action. A new INTERPOL id records a person (with the INTERPOL name, primary) and an
active notice; a recorded one is brought in line with the record as `compare` finds it: the person's fields,
the INTERPOL name, the notice and its offences, and a draft activated.
"""

from __future__ import annotations

from typing import Any

from liaison.core import importing
from liaison.desk.choices import NoticeStatus
from liaison.desk.interpol import reading
from liaison.desk.interpol.compare import Changes, compare
from liaison.desk.interpol.format import Converted, RecordInvalid
from liaison.desk.models import Notice


def _create(converted: Converted, actor: Any) -> Notice:
    from liaison.desk.actions import do_create_notice, do_transition_notice
    from liaison.people.actions import do_create_person

    name = {**reading.name_data(converted), "is_primary": True}
    person = do_create_person(converted.person, names=[name], actor=actor)
    notice = do_create_notice(
        {"person": person, **reading.notice_data(converted)}, offences=converted.offences or [], actor=actor
    )
    do_transition_notice(notice, NoticeStatus.ACTIVE, actor=actor)
    return notice


def _update(notice: Notice, converted: Converted, changes: Changes, actor: Any) -> None:
    from liaison.desk.actions import do_transition_notice, do_update_notice
    from liaison.people.actions import do_add_name, do_update_name, do_update_person

    person = notice.person
    if changes.person:
        do_update_person(person, changes.person, actor=actor)
    if changes.name == "add":  # removed by an officer, or the record was first entered by hand
        do_add_name({**reading.name_data(converted), "person": person}, actor=actor)
    elif changes.name == "update":
        stored_name = person.names.filter(source=reading.name_source(converted.entity_id)).order_by("pk").first()
        assert stored_name is not None  # compare found it
        do_update_name(stored_name, converted.name_text, actor=actor)
    if changes.notice or changes.offences is not None:
        do_update_notice(notice, changes.notice, offences=changes.offences, actor=actor)
    if changes.activate:
        do_transition_notice(notice, NoticeStatus.ACTIVE, actor=actor)


def write(entry: importing.Entry, actor: Any) -> None:
    """Write the entry's record (inside the caller's transaction): its outcome, changes and notice."""
    converted: Converted = entry.data
    notice = (
        Notice.objects.select_related("person")
        .filter(owner_id=getattr(actor, "agency_id", None), interpol_id=converted.entity_id)
        .order_by("pk")
        .first()
    )
    if notice is None:
        entry.object_id = _create(converted, actor).pk
        entry.outcome = importing.CREATED
        return
    current = reading.stored(notice)
    problem = reading.kind_problem(entry, converted, current)
    if problem is not None:
        raise RecordInvalid([problem])
    changes = compare(current, converted)
    _update(notice, converted, changes, actor)
    entry.object_id = notice.pk
    entry.changes = changes.fields
    entry.outcome = importing.UPDATED if entry.changes else importing.UNCHANGED
