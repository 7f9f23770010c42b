"""`liaison messages export`, the download on the message's page and /api/messages/{id}/export/: the message's
codes, indicators and the linked persons the user may see, as a MISP event (checked with PyMISP and its JSON
schema) or a STIX 2.1 bundle (parsed by stix2); refused for a user who may not read it; a value the export refuses
is named; every export audited."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pymisp
import pytest
import stix2
from django.core.management import CommandError, call_command
from pymisp import MISPEvent

from liaison.core.models import AuditEvent
from liaison.exchange import actions
from liaison.exchange.models import Indicator, Message
from tests.factories import AgencyFactory, UserFactory
from tests.people.factories import IdentityDocumentFactory, PersonFactory

pytestmark = pytest.mark.django_db


def valid_misp(exported: dict[str, Any]) -> MISPEvent:
    schema = json.loads((Path(pymisp.__file__).parent / "data" / "schema-lax.json").read_text())
    jsonschema.validate(exported, schema)
    event = MISPEvent()
    event.load(json.dumps(exported))
    for obj in event.objects:
        obj.to_dict(strict=True)
    return event


def valid_stix(exported: dict[str, Any]) -> Any:
    return stix2.parse(json.dumps(exported), allow_custom=False)


@pytest.fixture
def message(home: Any, partner: Any, officer: Any) -> Message:
    person = PersonFactory(owner=home, names=["Nguyễn Văn Đức"], birth_date="1985-03-02", nationalities=["VN"])
    IdentityDocumentFactory(person=person, number="C1234567")
    draft = actions.do_create_message(
        {"kind": "information", "subject": "Đường dây lừa đảo", "body": "Đối tượng bị bắt tại Hà Nội.",
         "language": "vi", "crime_areas": ["telecom_fraud"], "handling_code": "H2", "tlp": "AMBER",
         "source_reliability": "B", "information_accuracy": "2", "priority": "normal"},
        recipients=[partner], links=[("people.person", person.pk)],
        indicators=[("phone", "+84 912 345 678"), ("email", "duc@example.vn")], actor=officer,
    )  # fmt: skip
    return actions.do_submit_message(draft, actor=officer)


def export(reference: str, fmt: str, user: Any, *extra: str) -> str:
    out = io.StringIO()
    call_command("messages", "export", reference, "--format", fmt, "--as", user.username, *extra, stdout=out)
    return out.getvalue()


def test_the_cli_writes_a_misp_event_and_a_stix_bundle(message: Message, officer: Any, tmp_path: Path) -> None:
    target = tmp_path / "event.json"
    export(message.reference, "misp", officer, "-o", str(target))
    event = valid_misp(json.loads(target.read_text()))
    assert event.info.startswith(message.reference) and "tlp:amber+strict" in [t.name for t in event.tags]
    assert {a.value for a in event.attributes if a.type == "phone-number"} == {"+84 912 345 678"}
    [person] = [obj for obj in event.objects if obj.name == "person"]
    assert ("full-name", "Nguyễn Văn Đức") in {(a.object_relation, a.value) for a in person.attributes}
    assert ("passport-number", "C1234567") in {(a.object_relation, a.value) for a in person.attributes}
    bundle = valid_stix(json.loads(export(message.reference, "stix", officer)))
    assert "Nguyễn Văn Đức" in [o.name for o in bundle.objects if o.type == "identity"]
    assert [o.value for o in bundle.objects if o.type == "email-addr"] == ["duc@example.vn"]
    events = AuditEvent.objects.filter(action="message.export", object_id=str(message.pk))
    assert sorted(e.after["format"] for e in events) == ["misp", "stix"]


def test_the_recipient_gets_only_the_persons_it_may_see_and_a_stranger_nothing(
    message: Message, partner_officer: Any, tmp_path: Path
) -> None:
    bundle = valid_stix(json.loads(export(message.reference, "stix", partner_officer)))
    assert [o.name for o in bundle.objects if o.type == "identity"] == ["MPS Vietnam"]  # the sender only
    stranger = UserFactory(agency=AgencyFactory(code="CN-MPS", country="CN"), roles=["desk_officer"])
    target = tmp_path / "nothing.json"
    with pytest.raises(CommandError, match=f"may not read a message '{message.reference}'"):
        export(message.reference, "misp", stranger, "-o", str(target))
    with pytest.raises(CommandError, match="no active user named 'nobody'"):
        call_command("messages", "export", message.reference, "--format", "misp", "--as", "nobody")
    assert not target.exists() and not list(tmp_path.iterdir())


def test_a_value_the_export_refuses_is_named(message: Message, officer: Any, tmp_path: Path) -> None:
    Indicator.objects.create(message=message, kind="email", value="not an address")  # as a partner node sent it
    target = tmp_path / "event.json"
    with pytest.raises(CommandError, match=f"{message.reference} cannot be exported: Indicator 3"):
        export(message.reference, "misp", officer, "-o", str(target))
    assert not target.exists()
    actions.do_review_message(message, delete_content=True, note="x", actor=officer)
    with pytest.raises(CommandError, match="content of this message was deleted"):
        export(message.reference, "stix", officer)


def test_the_page_and_the_api_download_it(
    message: Message, officer: Any, partner_officer: Any, api_client: Any, page_client: Any
) -> None:
    page = page_client(officer)
    assert "?as=misp" in page.get(f"/messages/{message.pk}/").content.decode()
    download = page.get(f"/messages/{message.pk}/export/", {"as": "misp"})
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    valid_misp(json.loads(download.content))
    assert page.get(f"/messages/{message.pk}/export/", {"as": "pdf"}).status_code == 302  # back, with the error
    client = api_client(partner_officer)
    answer = client.get(f"/api/messages/{message.pk}/export/", {"as": "stix"})
    assert answer.status_code == 200
    valid_stix(answer.json())
    bad = client.get(f"/api/messages/{message.pk}/export/", {"as": "xml"})
    assert bad.status_code == 400 and "misp, stix" in json.dumps(bad.json())
    stranger = UserFactory(agency=AgencyFactory(code="CN-MPS", country="CN"), roles=["desk_officer"])
    assert api_client(stranger).get(f"/api/messages/{message.pk}/export/", {"as": "stix"}).status_code == 404
    assert AuditEvent.objects.filter(action="message.export").count() == 2
