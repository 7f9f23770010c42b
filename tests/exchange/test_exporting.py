"""The MISP and STIX exports of a message (issue 17, item 5; docs/decisions/0040): the MISP event loads in PyMISP
and passes its JSON schema, the STIX bundle parses with `stix2` without custom content; handling codes and TLP
labels become TLP 2.0 and PAP markings; persons keep their names in any script; every indicator kind has its
MISP type and STIX form; a malformed value is refused with a message naming it. No model, no database."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pymisp
import pytest
import stix2
from pymisp import MISPEvent

from liaison.exchange.exporting import ExportError, ExportIndicator, ExportMessage, ExportPerson, to_misp, to_stix
from liaison.exchange.exporting.markings import TLP2_EXTENSION, TLP2_IDS

PERSONS = (
    ExportPerson(
        names=("Nguyễn Văn Đức", "Nguyen Van Duc"),
        birth_date="1985-03-02",
        nationality="VN",
        sex="M",
        documents=(
            ("passport", "C1234567", "VN"),
            ("national_id", "001085012345", None),
            ("visa", "V99", "kr"),
            ("passport", "B7654321", "KH"),
        ),
    ),
    ExportPerson(names=("김철수",), birth_date="1990", nationality="KR", sex="m"),
    ExportPerson(names=("王小明", "Wang Xiaoming"), sex="F"),
    ExportPerson(names=("Ёлкин Андрей Петрович",), birth_date="1979-11"),
)
INDICATORS = {
    "phone": ("+84 912 345 678", "phone-number", "note"),
    "email": ("duc@example.vn", "email", "email-addr"),
    "url": ("https://example.vn/login?x=1", "url", "url"),
    "domain": ("Example.VN", "domain", "domain-name"),
    "ipv4": ("203.0.113.5", "ip-dst", "ipv4-addr"),
    "ipv6": ("2001:DB8:0:0::1", "ip-dst", "ipv6-addr"),
    "iban": ("GB82 WEST 1234 5698 7654 32", "iban", "note"),
    "crypto-wallet": ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "coin-address", "note"),
    "vehicle-plate": ("30A-123.45", "vehicle", "note"),
}
CANONICAL = {"domain": "example.vn", "ipv6": "2001:db8::1", "iban": "GB82WEST12345698765432"}


def message(**changes: Any) -> ExportMessage:
    base = ExportMessage(
        reference="VN-MPS/2026/0042",
        subject="Lừa đảo qua mạng – đường dây chuyển tiền",
        body="Đối tượng Nguyễn Văn Đức bị bắt tại Hà Nội.",
        created=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
        sender_code="VN-MPS",
        sender_name="Bộ Công an Việt Nam",
        handling_code="H1",
        handling_text="H1 – not for judicial proceedings without the provider's permission",
        tlp="GREEN",
        crime_areas=("fraud", "cybercrime"),
        persons=PERSONS,
        indicators=tuple(ExportIndicator(kind, value) for kind, (value, _m, _s) in INDICATORS.items()),
    )
    return dataclasses.replace(base, **changes)


def misp_event(m: ExportMessage) -> MISPEvent:
    exported = to_misp(m)
    schema = json.loads((Path(pymisp.__file__).parent / "data" / "schema-lax.json").read_text())
    jsonschema.validate(exported, schema)
    event = MISPEvent()
    event.load(json.dumps(exported))
    for obj in event.objects:
        obj.to_dict(strict=True)  # checked against its MISP object template (required and repeated attributes)
    return event


def stix_bundle(m: ExportMessage) -> Any:
    return stix2.parse(json.dumps(to_stix(m)), allow_custom=False)


def test_misp_event() -> None:
    event = misp_event(message())
    assert event.info == "VN-MPS/2026/0042: Lừa đảo qua mạng – đường dây chuyển tiền"
    assert str(event.date) == "2026-12-01" and event.Orgc.name == "Bộ Công an Việt Nam"
    assert [tag.name for tag in event.tags] == [
        "tlp:green",
        "PAP:GREEN",
        'liaison:handling-code="H1"',
        'liaison:crime-area="fraud"',
        'liaison:crime-area="cybercrime"',
    ]
    texts = {attribute.comment: attribute.value for attribute in event.attributes if attribute.type == "text"}
    assert texts == {
        "handling code": "H1 – not for judicial proceedings without the provider's permission",
        "message body": "Đối tượng Nguyễn Văn Đức bị bắt tại Hà Nội.",
    }
    assert all(not attribute.to_ids for attribute in event.attributes)
    persons = [obj for obj in event.objects if obj.name == "person"]
    first = {(a.object_relation, a.value) for a in persons[0].attributes}
    assert first == {
        ("full-name", "Nguyễn Văn Đức"),
        ("alias", "Nguyen Van Duc"),
        ("date-of-birth", "1985-03-02"),
        ("nationality", "VN"),
        ("gender", "Male"),
        ("passport-number", "C1234567"),
        ("passport-country", "VN"),
        ("identity-card-number", "001085012345"),
        ("text", "visa: V99 (KR)\npassport: B7654321 (KH)"),
    }
    second = {(a.object_relation, a.value) for a in persons[1].attributes}
    assert second == {
        ("full-name", "김철수"),
        ("text", "date of birth: 1990"),
        ("nationality", "KR"),
        ("gender", "Male"),
    }
    assert {a.value for a in persons[2].attributes} == {"王小明", "Wang Xiaoming", "Female"}
    assert ("full-name", "Ёлкин Андрей Петрович") in {(a.object_relation, a.value) for a in persons[3].attributes}


@pytest.mark.parametrize("kind", INDICATORS)
def test_each_indicator_kind(kind: str) -> None:
    value, misp_type, stix_type = INDICATORS[kind]
    expected = CANONICAL.get(kind, value)
    m = message(indicators=(ExportIndicator(kind, value),), persons=())
    event = misp_event(m)
    found = [(a.type, a.value) for a in event.attributes if a.type != "text"]
    found += [(obj.name, obj.attributes[0].value) for obj in event.objects]
    assert found == [(misp_type, expected)]
    objects = [o for o in stix_bundle(m).objects if o.type not in {"marking-definition", "identity", "report"}]
    assert [o.type for o in objects] == [stix_type]
    assert (objects[0].content if stix_type == "note" else objects[0].value) == expected
    if stix_type == "note":
        assert objects[0].labels == [kind]


# (handling code, sender's TLP) → (TLP exported, PAP exported)
MAPPINGS = [
    ("H0", "CLEAR", "CLEAR", "GREEN"),
    ("H0", "GREEN", "GREEN", "GREEN"),
    ("H0", "AMBER", "AMBER", "GREEN"),
    ("H0", "AMBER+STRICT", "AMBER+STRICT", "GREEN"),
    ("H0", "RED", "RED", "GREEN"),
    ("H1", "CLEAR", "CLEAR", "GREEN"),
    ("H1", "AMBER", "AMBER", "GREEN"),
    ("H1", "RED", "RED", "GREEN"),
    ("H2", "CLEAR", "AMBER+STRICT", "GREEN"),  # no onward dissemination: the recipient's organisation only
    ("H2", "GREEN", "AMBER+STRICT", "GREEN"),
    ("H2", "AMBER", "AMBER+STRICT", "GREEN"),
    ("H2", "AMBER+STRICT", "AMBER+STRICT", "GREEN"),
    ("H2", "RED", "RED", "GREEN"),
    ("H3", "CLEAR", "AMBER+STRICT", "AMBER"),  # stated restrictions: passive use until a person has read them
    ("H3", "GREEN", "AMBER+STRICT", "AMBER"),
    ("H3", "RED", "RED", "AMBER"),
]


@pytest.mark.parametrize(("code", "tlp", "exported_tlp", "pap"), MAPPINGS)
def test_handling_code_and_tlp_to_markings(code: str, tlp: str, exported_tlp: str, pap: str) -> None:
    m = message(handling_code=code, tlp=tlp, handling_text=f"{code}: handle with care")
    tags = [tag.name for tag in misp_event(m).tags]
    assert tags[:3] == [f"tlp:{exported_tlp.lower()}", f"PAP:{pap}", f'liaison:handling-code="{code}"']
    assert misp_event(m).distribution == (3 if exported_tlp == "CLEAR" else 1 if exported_tlp == "GREEN" else 0)
    bundle = stix_bundle(m)
    definitions = {o.id: o for o in bundle.objects if o.type == "marking-definition"}
    tlp_definition = definitions[TLP2_IDS[exported_tlp]]
    assert tlp_definition.name == f"TLP:{exported_tlp}"
    assert tlp_definition.extensions[TLP2_EXTENSION]["tlp_2_0"] == exported_tlp.lower()
    statements = {o.name: o.definition.statement for o in definitions.values() if o.get("definition_type")}
    assert statements[f"Handling code {code}"] == f"{code}: handle with care"
    assert statements[f"PAP:{pap}"].startswith(f"PAP:{pap} - ")
    for obj in bundle.objects:
        if obj.type != "marking-definition":
            assert set(obj.object_marking_refs) == set(definitions), obj.type


def test_stix_bundle() -> None:
    bundle = stix_bundle(message())
    by_type: dict[str, list[Any]] = {}
    for obj in bundle.objects:
        by_type.setdefault(obj.type, []).append(obj)
    sender, *persons = by_type["identity"]
    assert sender.name == "Bộ Công an Việt Nam" and sender.identity_class == "organization"
    assert [p.name for p in persons] == ["Nguyễn Văn Đức", "김철수", "王小明", "Ёлкин Андрей Петрович"]
    assert all(p.identity_class == "individual" and p.created_by_ref == sender.id for p in persons)
    assert persons[0].description.splitlines() == [
        "Also known as: Nguyen Van Duc",
        "Date of birth: 1985-03-02",
        "Nationality: VN",
        "Sex: male",
        "Document: passport C1234567 issued by VN",
        "Document: national_id 001085012345",
        "Document: visa V99 issued by KR",
        "Document: passport B7654321 issued by KH",
    ]
    (report,) = by_type["report"]
    assert report.name == "Lừa đảo qua mạng – đường dây chuyển tiền" and report.labels == ["fraud", "cybercrime"]
    assert report.external_references[0].external_id == "VN-MPS/2026/0042"
    contained = {o.id for o in bundle.objects if o.type not in {"marking-definition", "report"}} - {sender.id}
    assert set(report.object_refs) == contained and len(contained) == 4 + len(INDICATORS)


def test_stable_identifiers_and_an_empty_message() -> None:
    first, second = to_stix(message()), to_stix(message())
    assert first["objects"] == second["objects"]
    assert to_misp(message()) == to_misp(message())
    empty = message(persons=(), indicators=(), body="", crime_areas=())
    bundle = stix_bundle(empty)
    (report,) = [o for o in bundle.objects if o.type == "report"]
    (sender,) = [o for o in bundle.objects if o.type == "identity"]
    assert report.object_refs == [sender.id]
    assert [a.comment for a in misp_event(empty).attributes] == ["handling code"]


INVALID = [
    ("email", "duc@"),
    ("email", "duc.example.vn"),
    ("email", "duc@localhost"),
    ("email", "d uc@example.vn"),
    ("ipv4", "203.0.113.256"),
    ("ipv4", "2001:db8::1"),
    ("ipv4", "1.2.3"),
    ("ipv6", "2001:db8:::1"),
    ("ipv6", "203.0.113.5"),
    ("url", "example.vn/login"),
    ("url", "javascript:alert(1)"),
    ("url", "https://exa mple.vn"),
    ("url", "http://host:99999/"),
    ("domain", "-bad-.vn"),
    ("domain", "nodot"),
    ("domain", "a..b.vn"),
    ("phone", "call me"),
    ("phone", "12-34"),
    ("phone", "+84 +912"),
    ("iban", "GB82 WEST 1234 5698 7654 33"),  # check digits wrong
    ("iban", "1234"),
    ("crypto-wallet", "not a wallet"),
    ("crypto-wallet", "abc"),
    ("vehicle-plate", "!"),
    ("vehicle-plate", "A" * 30),
]


@pytest.mark.parametrize(("kind", "value"), INVALID)
@pytest.mark.parametrize("export", [to_misp, to_stix])
def test_invalid_indicator_refused(export: Any, kind: str, value: str) -> None:
    good = ExportIndicator("ipv4", "203.0.113.5")
    m = message(indicators=(good, ExportIndicator(kind, value)))
    with pytest.raises(ExportError) as refused:
        export(m)
    assert str(refused.value).startswith(f"Indicator 2 ({kind}): “{value}” is not a valid ")


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        ({"indicators": (ExportIndicator("telegram", "@duc"),)}, "Indicator 1: the kind “telegram” cannot be exported"),
        ({"handling_code": "H9"}, "The handling code “H9” is not H0, H1, H2 or H3."),
        ({"handling_code": "H3", "handling_text": " "}, "The handling code H3 needs its restrictions written."),
        ({"tlp": "WHITE"}, "The TLP label “WHITE” is not one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED."),
        ({"persons": (PERSONS[0], ExportPerson(names=(" ",)))}, "Person 2 has no name."),
        ({"persons": (ExportPerson(names=("A",), birth_date="02/03/1985"),)}, "Person 1: the birth date “02/03/1985”"),
        ({"persons": (ExportPerson(names=("A",), birth_date="1985-13-01"),)}, "Person 1: the birth date “1985-13-01”"),
        ({"persons": (ExportPerson(names=("A",), sex="male"),)}, "Person 1: the sex “male” is not M, F or U."),
        ({"persons": (ExportPerson(names=("A",), nationality="VNM"),)}, "Person 1: “VNM” is not a two-letter country"),
        (
            {"persons": (ExportPerson(names=("A",), documents=(("passport", " ", "VN"),)),)},
            "Person 1: document 1 needs its kind and number.",
        ),
    ],
)
def test_invalid_message_refused(changes: dict[str, Any], text: str) -> None:
    for export in (to_misp, to_stix):
        with pytest.raises(ExportError) as refused:
            export(message(**changes))
        assert str(refused.value).startswith(text)
