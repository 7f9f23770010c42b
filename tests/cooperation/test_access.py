"""Sharing: a record shared with another agency is read-only for it, and its children follow the parent."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from liaison.core.choices import HandlingCode
from liaison.core.models import AuditEvent, Share
from liaison.core.permissions import DESK_OFFICER
from tests.cooperation.factories import AgreementDocumentFactory, AgreementFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _share(record: Any, agency: Any) -> None:
    Share.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        agency=agency,
        handling_code=HandlingCode.H0,
        shared_by=UserFactory(agency=record.owner),
    )


def test_a_shared_agreement_and_its_documents_are_read_only_for_the_recipient(
    home: Any, partner: Any, api_client: Any
) -> None:
    agreement = AgreementFactory(owner=partner)
    document = AgreementDocumentFactory(agreement=agreement)
    _share(agreement, home)
    client = api_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    assert client.get(f"/api/agreements/{agreement.pk}/").status_code == 200
    assert [row["id"] for row in client.get("/api/agreement-documents/").json()["results"]] == [document.pk]
    before = AuditEvent.objects.count()
    # Read only for the recipient: refused as such (403, docs/decisions/0031-read-only-refusal.md), not "not found".
    for response in (
        client.patch(f"/api/agreements/{agreement.pk}/", {"title_en": "X"}, format="json"),
        client.post(f"/api/agreements/{agreement.pk}/transition/", {"to": "signed"}, format="json"),
        client.patch(f"/api/agreement-documents/{document.pk}/", {"language": "ko"}, format="json"),
    ):
        assert response.status_code == 403 and response.json()["error"]["message"].startswith("Read only")
    assert AuditEvent.objects.count() == before


def test_an_unshared_agreements_documents_stay_hidden(home: Any, partner: Any, api_client: Any) -> None:
    document = AgreementDocumentFactory(agreement=AgreementFactory(owner=partner))
    client = api_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    assert client.get(f"/api/agreement-documents/{document.pk}/").status_code == 404
    assert client.get(f"/api/agreement-documents/{document.pk}/download/").status_code == 404
