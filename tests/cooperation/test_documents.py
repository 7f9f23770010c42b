"""Agreement documents: multipart upload, SHA-256 computed on upload, the authoritative flag, download."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.cooperation.models import AgreementDocument
from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST, DESK_OFFICER
from tests.cooperation.factories import AgreementFactory
from tests.factories import UserFactory
from tests.helpers import assert_audited

pytestmark = pytest.mark.django_db

CONTENT = "Hiệp định tương trợ tư pháp về hình sự\n".encode() * 100


def _upload(client: Any, agreement: Any, **fields: Any) -> Any:
    data = {
        "agreement": agreement.pk,
        "file": SimpleUploadedFile("hiep-dinh.pdf", CONTENT, content_type="application/pdf"),
        "language": "vi",
        "kind": "original",
        "authoritative": "true",
        **fields,
    }
    return client.post("/api/agreement-documents/", data, format="multipart")


def test_upload_computes_sha256_and_keeps_the_authoritative_flag(home: Any, api_client: Any) -> None:
    agreement = AgreementFactory(owner=home)
    actor = UserFactory(agency=home, roles=[DESK_OFFICER])
    client = api_client(actor)
    response = _upload(client, agreement)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sha256"] == hashlib.sha256(CONTENT).hexdigest()
    assert body["size"] == len(CONTENT) and body["original_name"] == "hiep-dinh.pdf"
    assert body["authoritative"] is True and body["uploaded_by"] == actor.pk
    document = AgreementDocument.objects.get(pk=body["id"])
    event = assert_audited("agreement_document.create", obj=document, actor=actor, channel="api")
    assert event.after["sha256"] == body["sha256"] and event.after["agreement"] == agreement.pk

    download = client.get(f"/api/agreement-documents/{document.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == CONTENT
    assert "attachment" in download["Content-Disposition"]


def test_a_translation_cannot_be_authoritative(home: Any, api_client: Any) -> None:
    client = api_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    before = AuditEvent.objects.count()
    response = _upload(client, AgreementFactory(owner=home), kind="translation", language="en")
    assert response.status_code == 400
    assert "authoritative" in response.json()["error"]["fields"]
    assert AuditEvent.objects.count() == before and not AgreementDocument.objects.exists()


def test_the_file_of_a_stored_document_does_not_change(home: Any, api_client: Any) -> None:
    client = api_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    body = _upload(client, AgreementFactory(owner=home)).json()
    other = SimpleUploadedFile("other.pdf", b"other")
    response = client.patch(f"/api/agreement-documents/{body['id']}/", {"file": other}, format="multipart")
    assert response.status_code == 200
    assert response.json()["sha256"] == body["sha256"]


def test_no_upload_to_another_agencys_agreement_or_without_the_role(home: Any, partner: Any, api_client: Any) -> None:
    before = AuditEvent.objects.count()
    officer = api_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    response = _upload(officer, AgreementFactory(owner=partner))
    assert response.status_code == 400 and "agreement" in response.json()["error"]["fields"]
    analyst = api_client(UserFactory(agency=home, roles=[ANALYST]))
    assert _upload(analyst, AgreementFactory(owner=home)).status_code == 403
    assert AuditEvent.objects.count() == before and not AgreementDocument.objects.exists()


def test_an_agreement_with_documents_is_not_deleted_silently(home: Any, api_client: Any) -> None:
    agreement = AgreementFactory(owner=home)
    client = api_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    _upload(client, agreement)
    response = client.delete(f"/api/agreements/{agreement.pk}/")
    assert response.status_code == 400
    assert "agreement document" in str(response.json()["error"]["fields"])


def test_a_document_whose_stored_file_is_gone(home: Any, api_client: Any, page_client: Any) -> None:
    """A restored database without its media: the API answers 404 and the page says what is wrong."""
    actor = UserFactory(agency=home, roles=[DESK_OFFICER])
    agreement = AgreementFactory(owner=home)
    document = AgreementDocument.objects.get(pk=_upload(api_client(actor), agreement).json()["id"])
    document.file.storage.delete(document.file.name)
    assert api_client(actor).get(f"/api/agreement-documents/{document.pk}/download/").status_code == 404
    page = page_client(actor).get(f"/cooperation/documents/{document.pk}/download/", follow=True)
    assert page.redirect_chain[0][0] == f"/cooperation/agreements/{agreement.pk}/"
    assert "stored file of this document is missing" in page.content.decode()
