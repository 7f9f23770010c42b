"""What importing a converted INTERPOL record changes in a recorded notice, found by comparing (no Django here:
the preview and the import both compare through `compare`, so the preview says what the import does).

A notice is matched by (importing agency, entity_id). A record that says nothing new is unchanged; one that
differs changes the person's fields, the INTERPOL name's text and the notice (its extra data, issuing country
and offences). Keys missing from a record leave the stored value alone, so a list page (a summary) imported
after the details takes nothing away. What an officer added to a charge INTERPOL still lists (crime area,
law, penalty) is kept, and so are the kind and script an officer set on the INTERPOL name. A draft (left by
an officer) is activated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from liaison.desk.interpol.format import IMPORT_KEY, Converted, to_json

OFFENCE_DEFAULTS: dict[str, str] = {"crime_area": "", "law": "", "max_penalty": ""}


@dataclass(frozen=True)
class Stored:
    """A recorded notice in the terms compared (or the notice an earlier record of the same run leaves)."""

    kind: str  # the notice's kind (wanted, missing)
    kind_label: str
    is_draft: bool
    activation_refused: str  # why a draft could not be activated now, or ""
    person: Mapping[str, Any]  # the person's fields an import may set, as stored (countries as text)
    name: Mapping[str, str] | None  # the INTERPOL name's text fields; None: the person has no INTERPOL name
    extra: Mapping[str, Any]
    issuing_country: str
    offences: tuple[Mapping[str, Any], ...] = ()  # description, translation, country, crime area, law, penalty
    notice_id: int | None = None


@dataclass
class Changes:
    """What importing a record changes in a stored notice."""

    person: dict[str, Any] = field(default_factory=dict)
    name: str = ""  # "add" (the person has no INTERPOL name any more), "update", or ""
    notice: dict[str, Any] = field(default_factory=dict)  # extra, issuing_country
    offences: list[dict[str, Any]] | None = None  # the new list, or None when unchanged
    activate: bool = False

    @property
    def fields(self) -> list[str]:
        """The changed fields, as the import reports them."""
        found = sorted(self.person)
        if self.name:
            found.append("names")
        if self.offences is not None:
            found.append("offences")
        found += sorted(self.notice)
        if self.activate:
            found.append("status")
        return found


def merge_extra(stored: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """Keys of `new` replace those stored; INTERPOL's objects (such as _links) are merged one level deep, so a
    list page's links do not take away a detail's; Liaison's own entry is replaced whole."""
    merged = dict(stored)
    for key, value in new.items():
        old = merged.get(key)
        if key != IMPORT_KEY and isinstance(old, dict) and isinstance(value, dict):
            merged[key] = {**old, **value}
        else:
            merged[key] = value
    result: dict[str, Any] = to_json(merged)
    return result


def offence_key(row: Mapping[str, Any]) -> tuple[str, str, str]:
    return (row["description"], row.get("description_translation", "") or "", str(row.get("country", "") or ""))


def _offences(stored: Stored, converted: Converted) -> list[dict[str, Any]] | None:
    if converted.offences is None:
        return None
    if [offence_key(o) for o in stored.offences] == [offence_key(o) for o in converted.offences]:
        return None
    kept = {offence_key(o): dict(o) for o in stored.offences}
    return [{**kept.get(offence_key(o), {}), **o} for o in converted.offences]


def compare(stored: Stored, converted: Converted) -> Changes:
    """What importing `converted` changes in `stored` (nothing at all: unchanged)."""
    changes = Changes()
    changes.person = {name: value for name, value in converted.person.items() if stored.person.get(name) != value}
    if stored.name is None:
        changes.name = "add"
    elif any(stored.name.get(key) != value for key, value in converted.name_text.items()):
        changes.name = "update"
    extra = merge_extra(stored.extra, converted.extra)
    if extra != stored.extra:
        changes.notice["extra"] = extra
    if converted.issuing_country is not None and converted.issuing_country != stored.issuing_country:
        changes.notice["issuing_country"] = converted.issuing_country
    changes.offences = _offences(stored, converted)
    changes.activate = stored.is_draft
    return changes


def after(stored: Stored, converted: Converted, changes: Changes) -> Stored:
    """The notice as it stands once the changes are written (for the records after it in the same run)."""
    return replace(
        stored,
        is_draft=False,
        person={**stored.person, **changes.person},
        name=dict(converted.name_text) if changes.name else stored.name,
        extra=changes.notice.get("extra", stored.extra),
        issuing_country=changes.notice.get("issuing_country", stored.issuing_country),
        offences=stored.offences if changes.offences is None else tuple(changes.offences),
    )


def created(converted: Converted, *, kind: str, kind_label: str, person_defaults: Mapping[str, Any]) -> Stored:
    """The notice (active, with its person) that importing `converted` as a new record creates."""
    return Stored(
        kind=kind,
        kind_label=kind_label,
        is_draft=False,
        activation_refused="",
        person={**person_defaults, **converted.person},
        name=dict(converted.name_text),
        extra=to_json(converted.extra),
        issuing_country=converted.issuing_country or "",
        offences=tuple({**OFFENCE_DEFAULTS, **o} for o in converted.offences or ()),
    )
