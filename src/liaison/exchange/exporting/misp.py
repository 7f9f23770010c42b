"""A message as a MISP event, built with PyMISP (docs/decisions/0040-misp-and-stix-exports.md).

- the event: info "<reference>: <subject>", date of the message, the sender as creating organisation, distribution
  from the TLP label, tags `tlp:*`, `PAP:*`, `liaison:handling-code="H…"` and `liaison:crime-area="…"`, a text
  attribute with the handling code's text and one with the body;
- each person: a MISP "person" object (full-name, alias, date-of-birth, nationality, gender, the first passport's
  passport-number/-country, the first identity card's identity-card-number; a partial birth date and the other
  documents as lines of one text attribute, as the template allows one);
- each indicator: an attribute of MISP's type for its kind (phone-number, email, url, domain, ip-dst, iban), a
  "coin-address" object (crypto-wallet) or a "vehicle" object (vehicle-plate). None is marked for IDS export
  (to_ids false): they are leads of an investigation, not detection signatures.
"""

from __future__ import annotations

import json
from typing import Any

from pymisp import MISPEvent, MISPObject, MISPOrganisation

from liaison.exchange.exporting import ExportMessage, ExportPerson
from liaison.exchange.exporting.common import Checked, checked, names, stable_uuid

ATTRIBUTE_TYPES = {
    "phone": "phone-number",
    "email": "email",
    "url": "url",
    "domain": "domain",
    "ipv4": "ip-dst",
    "ipv6": "ip-dst",
    "iban": "iban",
}
OBJECTS = {"crypto-wallet": ("coin-address", "address-crypto"), "vehicle-plate": ("vehicle", "license-plate-number")}
GENDERS = {"M": "Male", "F": "Female", "U": "Unknown"}
DOCUMENT_ATTRIBUTES = {"passport": "passport-number", "national_id": "identity-card-number"}


def _person(c: Checked, number: int, person: ExportPerson) -> MISPObject:
    obj = MISPObject("person", standalone=False)
    obj.uuid = c.uuid("person", str(number))

    def add(relation: str, value: str, **kwargs: Any) -> None:
        obj.add_attribute(relation, value=value, uuid=c.uuid("person", str(number), str(len(obj.attributes))), **kwargs)

    main, *aliases = names(person)
    add("full-name", main)
    for alias in aliases:
        add("alias", alias)
    notes = []  # what the template holds once only, or not at all: one text attribute
    if person.birth_date and len(person.birth_date) == 10:
        add("date-of-birth", person.birth_date)
    elif person.birth_date:
        notes.append(f"date of birth: {person.birth_date}")
    if person.nationality:
        add("nationality", person.nationality.upper())
    if person.sex:
        add("gender", GENDERS[person.sex.upper()])
    for kind, document_number, country in person.documents:
        relation = DOCUMENT_ATTRIBUTES.get(kind)
        if relation and relation not in {attribute.object_relation for attribute in obj.attributes}:
            add(relation, document_number, comment=f"issued by {country.upper()}" if country else "")
            if kind == "passport" and country:
                add("passport-country", country.upper())
        else:
            notes.append(f"{kind}: {document_number}" + (f" ({country.upper()})" if country else ""))
    if notes:
        add("text", "\n".join(notes))
    return obj


def to_misp(m: ExportMessage) -> dict[str, Any]:
    c = checked(m)
    event = MISPEvent()
    event.uuid = c.uuid("event")
    event.info = f"{m.reference}: {m.subject}"
    event.date = m.created.date()
    event.distribution = c.markings.misp_distribution
    event.threat_level_id = 4  # undefined: the sender's evaluation codes say what the information is worth
    event.analysis = 2  # completed: the message as sent
    orgc = MISPOrganisation()
    orgc.from_dict(name=m.sender_name or m.sender_code, uuid=stable_uuid("agency", m.sender_code))
    event.Orgc = orgc
    for tag in c.markings.misp_tags:
        event.add_tag(tag)
    for area in m.crime_areas:
        event.add_tag(f'liaison:crime-area="{area}"')
    handling = c.markings.handling_statement
    event.add_attribute("text", handling, uuid=c.uuid("handling"), category="Other", comment="handling code")
    if m.body.strip():
        event.add_attribute("text", m.body, uuid=c.uuid("body"), category="Other", comment="message body", to_ids=False)
    for number, person in enumerate(m.persons, start=1):
        event.add_object(_person(c, number, person))
    for kind, value in c.indicators:
        if kind in ATTRIBUTE_TYPES:
            event.add_attribute(ATTRIBUTE_TYPES[kind], value, uuid=c.uuid(kind, value), comment=kind, to_ids=False)
        else:
            name, relation = OBJECTS[kind]
            obj = MISPObject(name, standalone=False)
            obj.uuid = c.uuid(kind, value)
            obj.add_attribute(relation, value=value, uuid=c.uuid(kind, value, relation), to_ids=False)
            event.add_object(obj)
    return {"Event": json.loads(event.to_json())}
