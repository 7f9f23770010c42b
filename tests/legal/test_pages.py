"""The pages of legal requests: list, page with its transitions, new request, deadline calendar, treaty terms,
the dashboard's tiles and deadline panel."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.agencies.models import Agency, User
from liaison.legal.models import LegalRequest, TreatyTerms
from tests.legal.factories import LegalRequestFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_draft_review_and_the_overdue_deadline_on_the_dashboard(
    legal_officer: User, page_client: Callable[[User], Any], home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    client = page_client(legal_officer)
    person = PersonFactory(owner=home)
    response = client.post(
        reverse("legal:request_create"),
        {"direction": "outgoing", "kind": "verification", "subkind": "identity", "partner": partner.pk,
         "person": person.pk, "received_on": str(timezone.localdate()), "facts": "Who is this?"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    request = LegalRequest.objects.get()
    page = client.get(request.get_absolute_url()).content.decode()
    assert request.reference in page and "Legal review" in page
    moved = client.post(reverse("legal:request_transition", kwargs={"pk": request.pk}), {"to": "legal_review"})
    assert moved.status_code == 302
    assert LegalRequest.objects.get().status == "legal_review"
    assert request.reference in client.get(reverse("legal:request_list")).content.decode()

    late = LegalRequestFactory(owner=home, partner=partner, treaty=treaty, status="sent",
                               answer_by=timezone.localdate() - datetime.timedelta(days=3))  # fmt: skip
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Legal requests past a deadline" in dashboard and late.reference in dashboard
    calendar = client.get(reverse("legal:deadlines")).content.decode()
    assert late.reference in calendar and "overdue" in calendar
    overdue_list = client.get(reverse("legal:request_list") + "?overdue=true").content.decode()
    assert late.reference in overdue_list and request.reference not in overdue_list


def test_the_treaty_page_names_its_mandatory_grounds(
    legal_officer: User, page_client: Callable[[User], Any], treaty: TreatyTerms
) -> None:
    page = page_client(legal_officer).get(treaty.get_absolute_url()).content.decode()
    assert treaty.title in page and "mandatory" in page
    assert treaty.title in page_client(legal_officer).get(reverse("legal:treaty_list")).content.decode()


def test_a_refused_move_says_why_on_the_page(
    legal_officer: User, page_client: Callable[[User], Any], home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    request = LegalRequestFactory(owner=home, partner=partner, treaty=treaty, status="legal_review")
    client = page_client(legal_officer)
    response = client.post(
        reverse("legal:request_transition", kwargs={"pk": request.pk}), {"to": "refused", "note": "No"}, follow=True
    )
    assert "Tick the treaty" in response.content.decode()
    assert LegalRequest.objects.get().status == "legal_review"
