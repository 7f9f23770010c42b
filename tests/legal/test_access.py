"""Who sees and changes legal requests: the legal officer drafts and reviews, the supervisor approves, a desk
officer sees only the requests linked to a fugitive case they may see, another agency sees nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from liaison.agencies.models import Agency, User
from liaison.core.models import AuditEvent
from liaison.core.permissions import DESK_OFFICER, LEGAL_OFFICER
from liaison.legal.models import TreatyTerms
from tests.desk.factories import FugitiveCaseFactory
from tests.legal.factories import LegalRequestFactory

pytestmark = pytest.mark.django_db
LIST = reverse("legal-request-list")


def _ids(client: Any) -> set[int]:
    return {row["id"] for row in client.get(LIST).json()["results"]}


def test_a_desk_officer_sees_only_the_requests_linked_to_their_cases(
    officer: User, api_client: Callable[[User], Any], home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    case = FugitiveCaseFactory(owner=home, partner=partner)
    linked = LegalRequestFactory(owner=home, partner=partner, treaty=treaty, fugitive_case=case)
    unlinked = LegalRequestFactory(owner=home, partner=partner, treaty=treaty)
    client = api_client(officer)
    assert _ids(client) == {linked.pk}
    assert client.get(reverse("legal-request-detail", kwargs={"pk": unlinked.pk})).status_code == 404
    response = client.post(
        reverse("legal-request-transition", kwargs={"pk": linked.pk}), {"to": "legal_review"}, format="json"
    )
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="legal_request.transition").exists()


def test_another_agencys_requests_are_not_found(
    make_user: Callable[..., User], api_client: Callable[[User], Any], home: Agency, partner: Agency,
    treaty: TreatyTerms,
) -> None:  # fmt: skip
    mine = LegalRequestFactory(owner=home, partner=partner, treaty=treaty)
    theirs = LegalRequestFactory(owner=partner)
    client = api_client(make_user(LEGAL_OFFICER))
    assert _ids(client) == {mine.pk}
    assert client.get(reverse("legal-request-detail", kwargs={"pk": theirs.pk})).status_code == 404
    stranger = api_client(make_user(LEGAL_OFFICER, agency=partner))
    assert mine.pk not in _ids(stranger)


def test_a_desk_officer_may_not_record_treaty_terms(
    make_user: Callable[..., User], api_client: Callable[[User], Any], partner: Agency
) -> None:
    client = api_client(make_user(DESK_OFFICER))
    payload = {"partner": partner.pk, "basis": "reciprocity", "title": "Reciprocity", "kinds": ["mla"]}
    assert client.post(reverse("treaty-terms-list"), payload, format="json").status_code == 403
    legal = api_client(make_user(LEGAL_OFFICER))
    response = legal.post(reverse("treaty-terms-list"), payload, format="json")
    assert response.status_code == 201, response.json()
    assert AuditEvent.objects.filter(action="treaty_terms.create").exists()
    wrong = legal.post(reverse("treaty-terms-list"), {**payload, "mandatory_grounds": ["political"]}, format="json")
    assert wrong.status_code == 400 and "mandatory_grounds" in wrong.json()["error"]["fields"]
