"""A message as a STIX 2.1 bundle, built with the `stix2` library (docs/decisions/0040-misp-and-stix-exports.md).

- the sender: an `identity` (organization) that created every object;
- markings on every object: the TLP 2.0 marking definition (as the OASIS CTI TC published it), a statement
  marking for PAP and one for the handling code and its text;
- the message: a `report` (name: the subject, description: the body, labels: the crime areas, external reference:
  the message's reference) whose object_refs are the persons and indicators;
- each person: an `identity` (individual) named by the main name, the other names, birth date, nationality, sex and
  documents in its description (STIX 2.1 has no person object with such properties);
- each indicator with a STIX observable: `ipv4-addr`, `ipv6-addr`, `domain-name`, `url`, `email-addr`;
  the kinds STIX 2.1 has no observable for (phone, iban, crypto-wallet, vehicle-plate) a `note` whose abstract
  names the kind and whose content is the value: a custom object would not pass `stix2.parse(…, allow_custom=False)`
  nor every platform's import.
"""

from __future__ import annotations

import json
from typing import Any

import stix2

from liaison.exchange.exporting import ExportMessage, ExportPerson
from liaison.exchange.exporting.common import Checked, checked, names, stable_uuid
from liaison.exchange.exporting.markings import PAP_MEANING, tlp2_marking_definition

OBSERVABLES = {
    "ipv4": stix2.IPv4Address,
    "ipv6": stix2.IPv6Address,
    "domain": stix2.DomainName,
    "url": stix2.URL,
    "email": stix2.EmailAddress,
}
NOTE_ABSTRACTS = {
    "phone": "Phone number",
    "iban": "IBAN",
    "crypto-wallet": "Cryptocurrency wallet address",
    "vehicle-plate": "Vehicle registration plate",
}
SEXES = {"M": "male", "F": "female", "U": "unknown"}


def _description(person: ExportPerson) -> str:
    lines = []
    _main, *aliases = names(person)
    if aliases:
        lines.append("Also known as: " + "; ".join(aliases))
    if person.birth_date:
        lines.append(f"Date of birth: {person.birth_date}")
    if person.nationality:
        lines.append(f"Nationality: {person.nationality.upper()}")
    if person.sex:
        lines.append(f"Sex: {SEXES[person.sex.upper()]}")
    for kind, number, country in person.documents:
        lines.append(f"Document: {kind} {number}" + (f" issued by {country.upper()}" if country else ""))
    return "\n".join(lines)


def _statement(c: Checked, name: str, statement: str) -> stix2.MarkingDefinition:
    return stix2.MarkingDefinition(
        id=f"marking-definition--{stable_uuid('statement', statement)}",
        created=c.message.created,
        name=name,
        definition_type="statement",
        definition={"statement": statement},
    )


def to_stix(m: ExportMessage) -> dict[str, Any]:
    c = checked(m)
    tlp = stix2.parse(tlp2_marking_definition(c.markings.tlp), allow_custom=False)
    pap = _statement(c, f"PAP:{c.markings.pap}", PAP_MEANING[c.markings.pap])
    handling = _statement(c, f"Handling code {c.markings.handling_code}", c.markings.handling_statement)
    marking_refs = [tlp.id, pap.id, handling.id]
    sender = stix2.Identity(
        id=f"identity--{stable_uuid('agency', m.sender_code)}",
        created=m.created,
        modified=m.created,
        name=m.sender_name or m.sender_code,
        identity_class="organization",
        object_marking_refs=marking_refs,
    )
    common = {"created": m.created, "modified": m.created, "created_by_ref": sender.id}
    common["object_marking_refs"] = marking_refs
    report_id = f"report--{c.uuid('report')}"
    content: list[Any] = []
    for number, person in enumerate(m.persons, start=1):
        description = _description(person)
        content.append(
            stix2.Identity(
                id=f"identity--{c.uuid('person', str(number))}",
                name=names(person)[0],
                identity_class="individual",
                **({"description": description} if description else {}),
                **common,
            )
        )
    for kind, value in c.indicators:
        if kind in OBSERVABLES:
            content.append(OBSERVABLES[kind](value=value, object_marking_refs=marking_refs))
        else:
            content.append(
                stix2.Note(
                    id=f"note--{c.uuid(kind, value)}",
                    abstract=NOTE_ABSTRACTS[kind],
                    content=value,
                    labels=[kind],
                    object_refs=[report_id],
                    **common,
                )
            )
    report = stix2.Report(
        id=report_id,
        name=m.subject or m.reference,
        published=m.created,
        report_types=["threat-report"],
        object_refs=[item.id for item in content] or [sender.id],
        external_references=[{"source_name": "liaison", "external_id": m.reference}],
        **({"description": m.body} if m.body.strip() else {}),
        **({"labels": list(m.crime_areas)} if m.crime_areas else {}),
        **common,
    )
    bundle = stix2.Bundle(tlp, pap, handling, sender, report, *content, allow_custom=False)
    return json.loads(bundle.serialize())  # type: ignore[no-any-return]
