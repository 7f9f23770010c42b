"""The exchange's pages: compose with an attachment and a linked person, send, the recipient's inbox (with its
unread count in the menu), the message page (codes banner, read receipt, acknowledgement, reply, thread),
the dashboard's overdue requests and reviews, the partner's statistics, the exchange rules."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from liaison.core.models import AuditEvent
from liaison.core.permissions import NODE_ADMIN
from liaison.exchange.models import ExchangeRules, Message, Recipient
from tests.exchange.factories import MessageFactory
from tests.factories import UserFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_compose_send_read_acknowledge_reply_on_the_pages(
    home: Any, partner: Any, officer: Any, partner_officer: Any, page_client: Any
) -> None:
    ours, theirs = page_client(officer), page_client(partner_officer)
    person = PersonFactory(owner=home, names=["Trần Văn Bình"])
    form = {
        "recipients": [partner.pk], "kind": "request", "subject": "Số điện thoại nghi vấn", "body": "Xin xác minh.",
        "language": "vi", "crime_areas": ["telecom_fraud"], "handling_code": "H2", "tlp": "AMBER",
        "source_reliability": "B", "information_accuracy": "2", "priority": "urgent",
        "reply_by": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(), "persons": [person.pk],
        "indicator_lines": "phone +84 912 345 678\nemail lien.he@example.vn",
        "attachment": SimpleUploadedFile("list.txt", b"+84 912 345 678"),
    }  # fmt: skip
    answer = ours.post("/messages/new/", form)
    assert answer.status_code == 302, answer.context["form"].errors if answer.context else answer
    message = Message.objects.get()
    assert message.status == "draft" and message.attachments.get().content_type == "text/plain"
    assert message.links.get().target_id == str(person.pk)
    assert sorted(message.indicators.values_list("kind", flat=True)) == ["email", "phone"]
    assert ours.post(f"/messages/{message.pk}/send/").status_code == 302
    message.refresh_from_db()
    assert message.status == "sent"

    inbox = theirs.get("/messages/")
    assert message.reference in inbox.content.decode()
    assert '<td class="nowrap">H2 · TLP:AMBER' in inbox.content.decode()  # the codes never break over two lines
    assert '<span class="badge"' in theirs.get("/").content.decode()  # the unread count in the menu
    page = theirs.get(f"/messages/{message.pk}/").content.decode()
    assert "H2 – no onward dissemination without permission" in page and "TLP:AMBER" in page
    assert "list.txt" in page and "Trần Văn Bình" in page  # the link is shown by its label
    row = Recipient.objects.get(message=message)
    assert row.read_at is not None and row.read_by == partner_officer.username
    assert theirs.post(f"/messages/{message.pk}/acknowledge/").status_code == 302
    assert theirs.post(f"/messages/{message.pk}/reply/", {"body": "Đã xác minh."}).status_code == 302
    reply = Message.objects.get(in_reply_to=message)
    assert reply.owner == partner and reply.status == "sent"

    for client in (ours, theirs):
        thread = client.get(f"/messages/{reply.pk}/").content.decode()
        assert message.reference in thread and reply.reference in thread
    person_page = ours.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Messages about this person" in person_page and message.reference in person_page
    assert "Telecom fraud" in ours.get(f"/messages/{message.pk}/").content.decode()  # crime areas by their label
    receipts = ours.get(f"/messages/{message.pk}/").content.decode()
    assert partner_officer.username in receipts  # read by, acknowledged by
    assert AuditEvent.objects.filter(action="message.read", object_id=str(message.pk)).count() == 1


def test_a_bad_attachment_on_the_compose_page_says_why_and_saves_nothing(
    home: Any, partner: Any, officer: Any, page_client: Any
) -> None:
    form = {
        "recipients": [partner.pk], "kind": "information", "subject": "x", "body": "y", "language": "en",
        "handling_code": "H0", "tlp": "GREEN", "source_reliability": "A", "information_accuracy": "1",
        "priority": "routine", "attachment": SimpleUploadedFile("photo.jpg", b"MZ\x90\x00binary"),
    }  # fmt: skip
    answer = page_client(officer).post("/messages/new/", form)
    assert answer.status_code == 200 and "photo.jpg is not a kind of file" in answer.content.decode()
    assert not Message.objects.exists() and not AuditEvent.objects.filter(action__startswith="message").exists()


def test_the_dashboard_shows_overdue_requests_and_reviews(
    home: Any, partner: Any, officer: Any, page_client: Any
) -> None:
    late = MessageFactory(owner=home, to=[partner], reply_by=timezone.localdate() - datetime.timedelta(days=2))
    due = MessageFactory(owner=home, to=[partner], kind="information", review_on=timezone.localdate())
    page = page_client(officer).get("/").content.decode()
    assert late.reference in page and "Our request, not answered" in page
    assert due.reference in page and "Due for review" in page
    detail = page_client(officer).get(f"/messages/{due.pk}/").content.decode()
    assert "Due for review on" in detail


def test_the_partner_page_shows_the_statistics(
    home: Any, partner: Any, officer: Any, page_client: Any, api_client: Any, partner_officer: Any
) -> None:
    message = MessageFactory(owner=home, to=[partner], sent_at=timezone.now() - datetime.timedelta(hours=10))
    Recipient.objects.filter(message=message).update(
        acknowledged_at=timezone.now() - datetime.timedelta(hours=6), replied_at=timezone.now()
    )
    MessageFactory(owner=partner, to=[home])
    page = page_client(officer).get(reverse("agency_detail", args=[partner.pk])).content.decode()
    assert "Messages sent: 1 · received: 1" in page
    assert "4.0 h" in page and "10.0 h" in page


def test_the_node_administrator_sets_the_rules(home: Any, page_client: Any, officer: Any) -> None:
    admin = UserFactory(agency=home, roles=[NODE_ADMIN])
    answer = page_client(admin).post(
        "/messages/rules/new/",
        {"owner": home.pk, "approval_codes": ["H2", "H3"], "review_days_h0": 1000, "review_days_h1": 1000,
         "review_days_h2": 700, "review_days_h3": 365},
    )  # fmt: skip
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert ExchangeRules.objects.get().approval_codes == ["H2", "H3"]
    assert page_client(officer).get("/messages/rules/new/").status_code == 404


def test_a_review_period_beyond_a_hundred_years_is_refused_on_its_field(home: Any, page_client: Any) -> None:
    """A review date must stay a date: an unbounded period would make every later send fail."""
    admin = UserFactory(agency=home, roles=[NODE_ADMIN])
    answer = page_client(admin).post(
        "/messages/rules/new/",
        {"owner": home.pk, "review_days_h0": 10**12, "review_days_h1": 30, "review_days_h2": 30, "review_days_h3": 30},
    )
    assert answer.status_code == 200
    assert "review_days_h0" in answer.context["form"].errors
    assert not ExchangeRules.objects.exists()
