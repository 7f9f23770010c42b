"""Signing off the request letter: by the owner's legal officer, once the request is approved and before it is
sent; stored as dossier documents with their SHA-256; a change makes a new version and keeps the old one; audited;
refused to another agency, to a desk officer and for an unchanged letter. The request page's *Generate letter* and
*Sign off*."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from liaison.agencies.models import Agency, User
from liaison.core.models import AuditEvent
from liaison.core.permissions import DESK_OFFICER, LEGAL_OFFICER
from liaison.legal.models import LegalDocument, RequestLetter, TreatyTerms
from tests.helpers import assert_audited
from tests.legal.letter_setup import NAMES, docx_text, letter_request, pdf_text

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _sign_off(client: Any, pk: int, **data: Any) -> Any:
    return client.post(reverse("legal-request-letter-sign-off", kwargs={"pk": pk}), data, format="json")


def test_sign_off_stores_the_letter_and_a_change_makes_a_new_version(
    api: Any, legal_officer: User, home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    request = letter_request(home, partner, treaty)
    response = _sign_off(api, request.pk, language="ko")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["version"] == 1 and body["language"] == "ko" and body["signed_by"] == legal_officer.pk
    first = RequestLetter.objects.get(pk=body["id"])
    for document, fmt in ((first.pdf, "pdf"), (first.docx, "docx")):
        assert document.kind == "request_letter" and document.request_id == request.pk
        content = document.file.read()
        assert hashlib.sha256(content).hexdigest() == document.sha256 == body[f"{fmt}_sha256"]
    signed_text = pdf_text(first.pdf.file.open("rb").read())
    assert NAMES["ko"] in signed_text and legal_officer.get_full_name() in signed_text
    assert "초안" not in signed_text  # no draft mark on the signed letter
    assert legal_officer.get_full_name() in docx_text(first.docx.file.open("rb").read())
    event = assert_audited("legal_request.letter_sign_off", obj=request, actor=legal_officer)
    assert event.after["version"] == 1 and event.after["pdf_sha256"] == first.pdf.sha256

    again = _sign_off(api, request.pk, language="ko")
    assert again.status_code == 400 and "nothing changed" in str(again.json())
    assert RequestLetter.objects.filter(request=request).count() == 1

    identity = {"request": request.pk, "language": "vi", "kind": "identity", "title": "Ảnh nhận dạng",
                "file": SimpleUploadedFile("id.pdf", PDF)}  # fmt: skip
    upload = api.post(reverse("legal-document-list"), identity, format="multipart")
    assert upload.status_code == 201, upload.json()
    second = _sign_off(api, request.pk, language="ko")
    assert second.status_code == 201 and second.json()["version"] == 2
    assert "Ảnh nhận dạng" in pdf_text(RequestLetter.objects.get(version=2, request=request).pdf.file.read())
    assert RequestLetter.objects.filter(request=request).count() == 2
    assert LegalDocument.objects.filter(request=request, kind="request_letter").count() == 4
    other_language = _sign_off(api, request.pk, language="ru")
    assert other_language.status_code == 201 and other_language.json()["version"] == 3


@pytest.mark.parametrize("status", ["drafting", "legal_review", "sent", "executed"])
def test_sign_off_only_between_approval_and_sending(
    api: Any, home: Agency, partner: Agency, treaty: TreatyTerms, status: str
) -> None:
    request = letter_request(home, partner, treaty, status=status)
    response = _sign_off(api, request.pk)
    assert response.status_code == 400 and "approved" in str(response.json())
    assert not RequestLetter.objects.exists() and not LegalDocument.objects.filter(kind="request_letter").exists()


def test_another_agency_cannot_generate_or_sign_off(
    api_client: Callable[[User], Any], make_user: Callable[..., User], home: Agency, partner: Agency,
    treaty: TreatyTerms,
) -> None:  # fmt: skip
    request = letter_request(home, partner, treaty)
    stranger = api_client(make_user(LEGAL_OFFICER, agency=partner))
    assert stranger.get(reverse("legal-request-letter", kwargs={"pk": request.pk})).status_code == 404
    before = AuditEvent.objects.count()
    assert _sign_off(stranger, request.pk).status_code == 404
    desk = api_client(make_user(DESK_OFFICER))
    assert desk.get(reverse("legal-request-letter", kwargs={"pk": request.pk})).status_code in (403, 404)
    assert _sign_off(desk, request.pk).status_code in (403, 404)
    assert AuditEvent.objects.count() == before and not RequestLetter.objects.exists()


def test_the_request_page_generates_and_signs_off(
    page_client: Callable[[User], Any], legal_officer: User, make_user: Callable[..., User], home: Agency,
    partner: Agency, treaty: TreatyTerms,
) -> None:  # fmt: skip
    request = letter_request(home, partner, treaty)
    client = page_client(legal_officer)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Generate letter" in page and "Sign off the letter" in page
    letter = client.get(reverse("legal:request_letter", kwargs={"pk": request.pk}), {"language": "zh", "format": "pdf"})
    assert letter.status_code == 200 and NAMES["zh"] in pdf_text(letter.content)
    signed = client.post(reverse("legal:request_letter_sign_off", kwargs={"pk": request.pk}), {"language": "zh"})
    assert signed.status_code == 302
    assert RequestLetter.objects.get(request=request).language == "zh"
    assert "Version" in client.get(request.get_absolute_url()).content.decode()
    stranger = page_client(make_user(LEGAL_OFFICER, agency=partner))
    assert stranger.get(reverse("legal:request_letter", kwargs={"pk": request.pk})).status_code == 404
    assert stranger.post(reverse("legal:request_letter_sign_off", kwargs={"pk": request.pk})).status_code == 404


def test_the_letter_endpoints_are_in_the_schema(api: Any) -> None:
    schema = api.get("/api/schema/", {"format": "json"}).content.decode()
    assert "/api/legal-requests/{id}/letter/" in schema and "/api/legal-requests/{id}/letter/sign-off/" in schema


def test_a_draft_letter_download_is_a_read_of_personal_data(
    api: Any, home: Agency, partner: Agency, treaty: TreatyTerms, legal_officer: Any
) -> None:
    from liaison.core.models import ReadEvent

    request = letter_request(home, partner, treaty)
    response = api.get(reverse("legal-request-letter", kwargs={"pk": request.pk}), {"format": "pdf"})
    assert response.status_code == 200
    downloads = ReadEvent.objects.filter(kind=ReadEvent.DOWNLOAD, user=legal_officer)
    assert downloads.filter(object_type="legal.legalrequest", object_id=str(request.pk)).exists()
