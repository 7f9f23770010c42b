"""The exchange through its API: an H2 request reaches a hosted partner, is acknowledged, read and answered in its
thread; forwarding waits for the owner's permission; a recall takes it away; every write is audited."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from liaison.agencies.models import Agency
from liaison.core.models import AuditEvent
from liaison.core.permissions import DESK_OFFICER, SUPERVISOR
from liaison.exchange.models import ExchangeRules, Message
from tests.factories import AgencyFactory, UserFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def third(db: Any) -> Agency:
    return AgencyFactory(code="RU-MVD", country="RU", short_name="MVD")


def compose(client: Any, partner: Agency, **extra: Any) -> dict[str, Any]:
    body = {
        "recipients": [partner.pk],
        "kind": "request",
        "subject": "Đường dây lừa đảo viễn thông",
        "body": "Xin cung cấp thông tin về số điện thoại +84 912 345 678.",
        "language": "vi",
        "crime_areas": ["telecom_fraud"],
        "handling_code": "H2",
        "tlp": "AMBER",
        "source_reliability": "B",
        "information_accuracy": "2",
        "priority": "urgent",
        "reply_by": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        **extra,
    }
    answer = client.post("/api/messages/", body, format="json")
    assert answer.status_code == 201, answer.json()
    return dict(answer.json())


def test_an_h2_request_is_acknowledged_read_answered_and_forwarded_only_with_permission(
    home: Agency, partner: Agency, third: Agency, api_client: Any, officer: Any, partner_officer: Any
) -> None:
    ours, theirs = api_client(officer), api_client(partner_officer)
    person = PersonFactory(owner=home, names=["Nguyễn Văn An"])
    draft = compose(ours, partner, links=[{"kind": "people.person", "id": str(person.pk)}])
    assert draft["status"] == "draft" and draft["links"][0]["label"] == str(person)
    assert theirs.get(f"/api/messages/{draft['id']}/").status_code == 404  # a draft stays with its agency

    sent = ours.post(f"/api/messages/{draft['id']}/transition/", {"to": "sent"}, format="json")
    assert sent.status_code == 200 and sent.json()["status"] == "sent" and sent.json()["review_on"]
    inbox = theirs.get("/api/messages/?box=inbox").json()["results"]
    assert [m["reference"] for m in inbox] == [draft["reference"]]
    assert inbox[0]["handling_code"] == "H2" and inbox[0]["forward_needs_permission"] is True

    assert theirs.post(f"/api/messages/{draft['id']}/acknowledge/").json()["acknowledged_at"]
    detail = theirs.get(f"/api/messages/{draft['id']}/").json()
    receipt = next(r for r in detail["receipts"] if r["agency"] == partner.pk)
    assert receipt["read_at"] and receipt["read_by"] == partner_officer.username
    reply = theirs.post(
        f"/api/messages/{draft['id']}/reply/", {"body": "Số này thuộc về …", "send": True}, format="json"
    )
    assert reply.status_code == 201, reply.json()
    assert reply.json()["status"] == "sent" and reply.json()["thread"] == draft["reference"]

    thread = ours.get(f"/api/messages/{draft['id']}/thread/").json()
    assert [m["owner"] for m in thread] == [home.pk, partner.pk]
    receipt = ours.get(f"/api/messages/{draft['id']}/").json()["receipts"][0]
    assert receipt["acknowledged_at"] and receipt["read_at"] and receipt["replied_at"]

    refused = theirs.post(f"/api/messages/{draft['id']}/forward/", {"recipients": [third.pk]}, format="json")
    assert refused.status_code == 400 and "permission" in str(refused.json())
    asked = theirs.post(
        f"/api/messages/{draft['id']}/permission-requests/",
        {"purpose": "forward", "third_agency": third.pk, "reason": "The suspect moved to Vladivostok."},
        format="json",
    )
    assert asked.status_code == 201, asked.json()
    assert (
        theirs.post(f"/api/message-permission-requests/{asked.json()['id']}/answer/", {"grant": True}).status_code
        == 403
    )
    granted = ours.post(
        f"/api/message-permission-requests/{asked.json()['id']}/answer/", {"grant": True}, format="json"
    )
    assert granted.status_code == 200 and granted.json()["status"] == "granted"
    forwarded = theirs.post(f"/api/messages/{draft['id']}/forward/", {"recipients": [third.pk]}, format="json")
    assert forwarded.status_code == 201, forwarded.json()
    assert forwarded.json()["owner"] == partner.pk and forwarded.json()["status"] == "sent"

    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"message.create", "message.send", "message.acknowledge", "message.read", "message.permission_request",
            "message.permission_grant", "message.forward"} <= actions  # fmt: skip


def test_a_recalled_message_disappears_for_its_recipients(
    home: Agency, partner: Agency, api_client: Any, officer: Any, partner_officer: Any
) -> None:
    ours, theirs = api_client(officer), api_client(partner_officer)
    draft = compose(ours, partner)
    ours.post(f"/api/messages/{draft['id']}/transition/", {"to": "sent"}, format="json")
    assert theirs.get(f"/api/messages/{draft['id']}/").status_code == 200
    no_reason = ours.post(f"/api/messages/{draft['id']}/transition/", {"to": "recalled"}, format="json")
    assert no_reason.status_code == 400 and "A reason is required" in str(no_reason.json())
    recalled = ours.post(
        f"/api/messages/{draft['id']}/transition/", {"to": "recalled", "note": "Sent in error."}, format="json"
    )
    assert recalled.status_code == 200 and recalled.json()["status"] == "recalled"
    assert theirs.get(f"/api/messages/{draft['id']}/").status_code == 404
    assert theirs.get("/api/messages/").json()["count"] == 0
    assert AuditEvent.objects.filter(action="message.recall", after__note="Sent in error.").exists()


def test_approval_per_handling_code(home: Agency, partner: Agency, api_client: Any, officer: Any) -> None:
    ExchangeRules.objects.create(owner=home, approval_codes=["H2"])
    supervisor = UserFactory(agency=home, roles=[SUPERVISOR])
    draft = compose(api_client(officer), partner)
    waiting = api_client(officer).post(f"/api/messages/{draft['id']}/transition/", {"to": "sent"}, format="json")
    assert waiting.json()["status"] == "awaiting_approval"
    assert api_client(officer).post(
        f"/api/messages/{draft['id']}/transition/", {"to": "approved"}, format="json"
    ).status_code == 403  # fmt: skip
    approved = api_client(supervisor).post(
        f"/api/messages/{draft['id']}/transition/", {"to": "approved"}, format="json"
    )
    assert approved.status_code == 200 and approved.json()["status"] == "sent"
    trail = AuditEvent.objects.filter(object_id=str(draft["id"])).order_by("seq")
    assert list(trail.values_list("action", flat=True)) == [
        "message.create", "message.submit", "message.approve", "message.send",
    ]  # fmt: skip


def test_bad_input_says_what_is_wrong(home: Agency, partner: Agency, api_client: Any, officer: Any) -> None:
    client = api_client(officer)
    body = {"recipients": [], "subject": "x", "handling_code": "H3", "kind": "information"}
    answer = client.post("/api/messages/", body, format="json")
    assert answer.status_code == 400 and "recipients" in str(answer.json())
    body = {"recipients": [partner.pk], "subject": "x", "handling_code": "H3", "kind": "information"}
    answer = client.post("/api/messages/", body, format="json")
    assert answer.status_code == 400 and "handling_note" in str(answer.json())
    body |= {"handling_code": "H0", "reply_by": "2030-01-01"}
    answer = client.post("/api/messages/", body, format="json")
    assert answer.status_code == 400 and "reply_by" in str(answer.json())
    assert not Message.objects.exists()


def test_h1_marks_the_message_not_for_court_until_permission(
    home: Agency, partner: Agency, api_client: Any, officer: Any, partner_officer: Any
) -> None:
    draft = compose(api_client(officer), partner, handling_code="H1")
    api_client(officer).post(f"/api/messages/{draft['id']}/transition/", {"to": "sent"}, format="json")
    theirs = api_client(partner_officer)
    assert theirs.get(f"/api/messages/{draft['id']}/").json()["not_for_court"] is True
    asked = theirs.post(f"/api/messages/{draft['id']}/permission-requests/", {"purpose": "court", "reason": "Trial"},
                        format="json").json()  # fmt: skip
    api_client(officer).post(f"/api/message-permission-requests/{asked['id']}/answer/", {"grant": True}, format="json")
    assert theirs.get(f"/api/messages/{draft['id']}/").json()["not_for_court"] is False


def test_review_keeps_or_deletes_the_content(home: Agency, partner: Agency, api_client: Any, officer: Any) -> None:
    from tests.exchange.factories import MessageFactory, TranslationFactory

    message = MessageFactory(owner=home, to=[partner], review_on=timezone.localdate() + datetime.timedelta(days=3))
    TranslationFactory(message=message)
    client = api_client(officer)
    assert [m["id"] for m in client.get("/api/messages/?review_due=true").json()["results"]] == [message.pk]
    later = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()
    kept = client.post(f"/api/messages/{message.pk}/review/", {"keep_until": later}, format="json")
    assert kept.status_code == 200 and kept.json()["review_on"] == later
    assert client.get("/api/messages/?review_due=true").json()["count"] == 0
    gone = client.post(f"/api/messages/{message.pk}/review/", {"delete_content": True, "note": "No longer needed"},
                       format="json")  # fmt: skip
    assert gone.status_code == 200 and gone.json()["status"] == "content_deleted"
    message.refresh_from_db()
    assert message.subject == "" and message.body == "" and not message.translations.exists()
    event = AuditEvent.objects.get(action="message.delete_content")
    assert event.object_repr.startswith(message.reference)
    assert AuditEvent.objects.filter(action="message.review").exists()


def test_search_folds_vietnamese_and_finds_korean_and_chinese(
    home: Agency, partner: Agency, api_client: Any, officer: Any
) -> None:
    client = api_client(officer)
    compose(client, partner)
    compose(client, partner, subject="보이스피싱 조직", body="서울 콜센터", language="ko")
    compose(client, partner, subject="电信诈骗团伙", body="位于河内的呼叫中心", language="zh-hans")
    found = lambda q: [m["subject"] for m in client.get("/api/messages/", {"q": q}).json()["results"]]  # noqa: E731
    assert found("duong day lua dao") == ["Đường dây lừa đảo viễn thông"]
    assert found("콜센터") == ["보이스피싱 조직"]
    assert found("诈骗") == ["电信诈骗团伙"]


def test_an_officer_without_write_permission_cannot_send(home: Agency, partner: Agency, api_client: Any) -> None:
    from liaison.core.permissions import LEGAL_OFFICER

    reader = UserFactory(agency=home, roles=[LEGAL_OFFICER])
    assert api_client(reader).post("/api/messages/", {"recipients": [partner.pk]}, format="json").status_code == 403
    assert DESK_OFFICER


def test_approval_per_partner_and_the_list_filters(
    home: Agency, partner: Agency, third: Agency, api_client: Any, officer: Any
) -> None:
    rules = ExchangeRules.objects.create(owner=home)
    rules.approval_partners.set([third])
    client = api_client(officer)
    to_partner = compose(client, partner, crime_areas=["drugs"], priority="routine")
    to_third = compose(client, third)
    statuses = {
        draft["id"]: client.post(f"/api/messages/{draft['id']}/transition/", {"to": "sent"}, format="json").json()
        for draft in (to_partner, to_third)
    }
    assert statuses[to_partner["id"]]["status"] == "sent"
    assert statuses[to_third["id"]]["status"] == "awaiting_approval"
    ids = lambda **q: [m["id"] for m in client.get("/api/messages/", q).json()["results"]]  # noqa: E731
    assert ids(crime_area="drugs") == [to_partner["id"]]
    assert ids(partner=third.pk) == [to_third["id"]]
    assert ids(priority="urgent") == [to_third["id"]]
    assert ids(box="approvals") == [to_third["id"]] and ids(box="sent") == [to_partner["id"]]
    assert ids(status="sent", handling_code="H2") == [to_partner["id"]]


def test_indicators_are_checked_by_kind_and_travel_with_the_message(
    home: Agency, partner: Agency, api_client: Any, officer: Any, partner_officer: Any
) -> None:
    client = api_client(officer)
    good = [
        {"kind": "phone", "value": "+84 912 345 678"}, {"kind": "email", "value": "Lien.He@Example.vn"},
        {"kind": "ipv4", "value": "203.0.113.7"}, {"kind": "iban", "value": "GB82 WEST 1234 5698 7654 32"},
        {"kind": "domain", "value": "example.vn"},
        {"kind": "crypto-wallet", "value": "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"},
    ]  # fmt: skip
    draft = compose(client, partner, indicators=good)
    assert {(i["kind"], i["value"]) for i in draft["indicators"]} >= {
        ("email", "lien.he@example.vn"), ("iban", "GB82WEST12345698765432"),
    }  # fmt: skip
    for kind, value in (("ipv4", "300.1.1.1"), ("email", "not-an-email"), ("iban", "GB00WEST12345698765432")):
        body = {"recipients": [partner.pk], "subject": "x", "handling_code": "H0"}
        bad = client.post("/api/messages/", body | {"indicators": [{"kind": kind, "value": value}]}, format="json")
        assert bad.status_code == 400 and value in str(bad.json()), (kind, bad.json())
    client.post(f"/api/messages/{draft['id']}/transition/", {"to": "sent"}, format="json")
    seen = api_client(partner_officer).get(f"/api/messages/{draft['id']}/").json()["indicators"]
    assert len(seen) == len(good)


def test_a_second_translation_into_the_same_language_is_refused(
    home: Agency, partner: Agency, api_client: Any, officer: Any
) -> None:
    """Fuzzing found a 500: the one-translation-per-language constraint reached the database unchecked."""
    client = api_client(officer)
    message = compose(client, partner)
    url = f"/api/messages/{message['id']}/translations/"
    body = {"language": "en", "subject": "Telecom fraud ring", "body": "Please share.", "translator": "Lê Anh"}
    assert client.post(url, body, format="json").status_code == 201
    answer = client.post(url, body | {"translator": "Kim"}, format="json")
    assert answer.status_code == 400 and "language" in answer.json()["error"]["fields"], answer.json()
    assert Message.objects.get(pk=message["id"]).translations.count() == 1
