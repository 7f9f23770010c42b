"""What links a legal request to the rest: the fugitive case's page lists the legal requests linked to it (for a
desk officer too, who sees the requests linked to the cases it may see), and an exchange message may be about a
legal request — the request's page then lists it, for those who may read the message only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from liaison.agencies.models import Agency, User
from liaison.core.permissions import DESK_OFFICER, LEGAL_OFFICER
from liaison.legal.models import TreatyTerms
from tests.desk.factories import FugitiveCaseFactory
from tests.exchange.test_api import compose
from tests.factories import AgencyFactory
from tests.legal.factories import LegalRequestFactory

pytestmark = pytest.mark.django_db


def test_the_case_page_lists_its_legal_requests(
    home: Agency, partner: Agency, treaty: TreatyTerms, make_user: Callable[..., User], page_client: Any
) -> None:
    case = FugitiveCaseFactory(owner=home, partner=partner, direction="outgoing")
    linked = LegalRequestFactory(owner=home, partner=partner, treaty=treaty, kind="extradition",
                                 subkind="provisional_arrest", fugitive_case=case)  # fmt: skip
    unlinked = LegalRequestFactory(owner=home, partner=partner, treaty=treaty)
    for role in (DESK_OFFICER, LEGAL_OFFICER):
        page = page_client(make_user(role)).get(reverse("fugitive_case_detail", args=[case.pk])).content.decode()
        assert "Legal requests" in page, role
        assert linked.reference in page and unlinked.reference not in page, role
    other_case = FugitiveCaseFactory(owner=home, partner=partner)
    page = page_client(make_user(DESK_OFFICER)).get(reverse("fugitive_case_detail", args=[other_case.pk]))
    assert linked.reference not in page.content.decode()


def test_a_message_about_a_legal_request_is_listed_on_its_page(
    home: Agency,
    partner: Agency,
    treaty: TreatyTerms,
    make_user: Callable[..., User],
    api_client: Callable[[User], Any],
    page_client: Any,
) -> None:
    legal_officer = make_user(LEGAL_OFFICER, DESK_OFFICER)
    request = LegalRequestFactory(owner=home, partner=partner, treaty=treaty)
    draft = compose(api_client(legal_officer), partner, links=[{"kind": "legal.legalrequest", "id": str(request.pk)}])
    assert draft["links"][0]["label"] == str(request)
    page = page_client(legal_officer).get(reverse("legal:request_detail", args=[request.pk])).content.decode()
    assert "Messages about this record" in page and draft["reference"] in page

    stranger = make_user(DESK_OFFICER, agency=AgencyFactory(code="RU-MVD", country="RU"))
    link = {"kind": "legal.legalrequest", "id": str(request.pk)}
    body = {"recipients": [partner.pk], "kind": "information", "subject": "S", "body": "B", "language": "en",
            "handling_code": "H0", "tlp": "GREEN", "links": [link]}  # fmt: skip
    refused = api_client(stranger).post("/api/messages/", body, format="json")
    assert refused.status_code == 400  # another agency cannot link a request it may not see
    assert "legal.legalrequest" in str(refused.json()["error"]["fields"]["links"])
    assert draft["reference"] not in page_client(stranger).get("/messages/").content.decode()
