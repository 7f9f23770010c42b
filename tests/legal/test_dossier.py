"""The dossier: documents checked by content and size on upload (a refused one says why and leaves nothing
behind), originals and their certified translations, and the checklist of what a request still needs."""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from liaison.agencies.models import Agency, User
from liaison.core.models import AuditEvent
from liaison.legal import dossier
from liaison.legal.models import LegalDocument, TreatyTerms
from tests.helpers import assert_audited
from tests.legal.factories import LegalRequestFactory

pytestmark = pytest.mark.django_db
LIST = reverse("legal-document-list")
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _upload(client: Any, request_pk: int, name: str, content: bytes, **data: Any) -> Any:
    payload = {"request": request_pk, "file": SimpleUploadedFile(name, content), "language": "vi",
               "kind": "statement_of_facts", **data}  # fmt: skip
    return client.post(LIST, payload, format="multipart")


def _stored(media_root: Path) -> list[Path]:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def test_originals_translations_and_the_checklist(
    api: Any, home: Agency, partner: Agency, treaty: TreatyTerms, media_root: Path
) -> None:
    TreatyTerms.objects.filter(pk=treaty.pk).update(languages=["ko", "en"])
    request = LegalRequestFactory(owner=home, partner=partner, treaty=treaty, kind="mla")
    detail = reverse("legal-request-detail", kwargs={"pk": request.pk})
    assert api.get(detail).json()["missing_documents"] == [
        "Statement of facts: the original is missing.",
        "Text of the law: the original is missing.",
    ]
    original = _upload(api, request.pk, "facts.pdf", PDF)
    assert original.status_code == 201, original.json()
    body = original.json()
    assert body["content_type"] == "application/pdf" and body["size"] == len(PDF) and len(body["sha256"]) == 64
    assert_audited("legal_document.create")
    missing = api.get(detail).json()["missing_documents"]
    assert missing[0] == "Statement of facts: a certified translation into en, ko is missing."

    uncertified = _upload(api, request.pk, "facts-ko.docx", _docx(), language="ko", translation_of=body["id"])
    assert uncertified.status_code == 400
    assert "translator" in str(uncertified.json()["error"]["fields"]["certification"])
    translation = _upload(
        api, request.pk, "facts-ko.docx", _docx(), language="ko", translation_of=body["id"],
        translator="Kim Sun-hee", translated_on=str(datetime.date(2026, 11, 2)),
        certification="Sworn translator, Hanoi Notary Office No. 1",
    )  # fmt: skip
    assert translation.status_code == 201, translation.json()
    assert translation.json()["content_type"].endswith("wordprocessingml.document")
    assert api.get(detail).json()["missing_documents"] == ["Text of the law: the original is missing."]
    download = api.get(reverse("legal-document-download", kwargs={"pk": body["id"]}))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert len(_stored(media_root)) == 2


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("warrant.pdf", b"MZ\x90\x00 this is a program", "not a PDF, JPEG, PNG, TIFF or Word"),
        ("notes.docx", b"PK\x03\x04 not really a zip", "not a PDF, JPEG, PNG, TIFF or Word"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_refused_upload_says_why_and_leaves_nothing_behind(
    api: Any, home: Agency, partner: Agency, treaty: TreatyTerms, media_root: Path, name: str, content: bytes,
    reason: str,
) -> None:  # fmt: skip
    request = LegalRequestFactory(owner=home, partner=partner, treaty=treaty)
    response = _upload(api, request.pk, name, content)
    assert response.status_code == 400 and reason in str(response.json())
    assert not LegalDocument.objects.exists() and _stored(media_root) == []
    assert not AuditEvent.objects.filter(action="legal_document.create").exists()


def test_a_file_over_the_limit_is_refused(
    api: Any, home: Agency, partner: Agency, treaty: TreatyTerms, media_root: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(dossier, "MAX_BYTES", 100)
    request = LegalRequestFactory(owner=home, partner=partner, treaty=treaty)
    response = _upload(api, request.pk, "big.pdf", PDF + b"0" * 200)
    assert response.status_code == 400 and "at most 100 bytes" in str(response.json())
    assert _stored(media_root) == []


def test_a_document_is_added_from_the_request_page(
    legal_officer: User, page_client: Callable[[User], Any], home: Agency, partner: Agency, treaty: TreatyTerms
) -> None:
    request = LegalRequestFactory(owner=home, partner=partner, treaty=treaty, kind="extradition",
                                  subkind="formal_request")  # fmt: skip
    client = page_client(legal_officer)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Arrest warrant or judgment: the original is missing." in page
    url = reverse("legal:request_document_add", kwargs={"pk": request.pk})
    response = client.post(
        url, {"file": SimpleUploadedFile("warrant.pdf", PDF), "kind": "warrant_or_judgment", "language": "vi"},
        follow=True,
    )  # fmt: skip
    text = response.content.decode()
    assert "Added to the dossier: warrant.pdf" in text
    assert "Arrest warrant or judgment: the original is missing." not in text
    refused = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"hello"), "language": "vi"}, follow=True)
    assert "not a PDF" in refused.content.decode() and LegalDocument.objects.count() == 1
