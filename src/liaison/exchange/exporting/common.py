"""What both exports share: the checked content of a message and stable identifiers (the same message exported
twice gives the same ids, so the recipient's MISP or TIP updates its copy instead of adding another)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from liaison.exchange.exporting import ExportMessage, ExportPerson
from liaison.exchange.exporting.markings import Markings, markings
from liaison.exchange.exporting.validation import check_codes, check_person, indicator_value

NAMESPACE = uuid.UUID("5d0b3c1e-5e0f-4a8e-9a53-6c1a2f3e4b70")  # Liaison's namespace for export identifiers


def stable_uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


@dataclass(frozen=True)
class Checked:
    message: ExportMessage
    markings: Markings
    indicators: tuple[tuple[str, str], ...]  # (kind, canonical value), duplicates dropped

    def uuid(self, *parts: str) -> str:
        """A stable identifier of a part of this message's export."""
        return stable_uuid(self.message.sender_code, self.message.reference, *parts)


def checked(m: ExportMessage) -> Checked:
    """The message's codes, persons and indicators checked (ExportError on the first thing wrong)."""
    check_codes(m.handling_code, m.handling_text, m.tlp)
    for number, person in enumerate(m.persons, start=1):
        check_person(number, person.names, person.birth_date, person.nationality, person.sex, person.documents)
    indicators: dict[tuple[str, str], None] = {}
    for number, indicator in enumerate(m.indicators, start=1):
        indicators[(indicator.kind, indicator_value(number, indicator.kind, indicator.value))] = None
    return Checked(m, markings(m.handling_code, m.handling_text, m.tlp), tuple(indicators))


def names(person: ExportPerson) -> list[str]:
    """The person's names, blank ones left out, the main one first."""
    return [" ".join(name.split()) for name in person.names if name.strip()]
