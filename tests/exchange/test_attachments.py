"""Attachments are checked by their content, not their name, and by size; a refused one says why and leaves
nothing behind (no record, no file, no audit)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from liaison.core.models import AuditEvent
from liaison.exchange import actions
from liaison.exchange.models import Attachment
from tests.exchange.factories import MessageFactory

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def stored_files(media_root: Path) -> list[Path]:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("scan.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "application/pdf"),
        ("photo.dat", png(), "image/png"),  # the name says nothing: the content does
        ("report.docx", docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("notes.txt", "Ghi chú: số điện thoại".encode(), "text/plain"),
    ],
)
def test_accepted_files_are_typed_by_their_content(
    home: Any, officer: Any, name: str, content: bytes, kind: str
) -> None:
    message = MessageFactory(owner=home, status="draft")
    attachment = actions.do_add_attachment(message, SimpleUploadedFile(name, content), actor=officer)
    assert attachment.content_type == kind and attachment.size == len(content)
    assert attachment.file.read() == content
    assert AuditEvent.objects.filter(action="message.attach").count() == 1


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "not a kind of file"),  # a program named .pdf
        ("scan.pdf", b"%PDF-1.7\n1 0 obj", "cut short or damaged"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "not a kind of file"),
        ("archive.zip", b"PK\x03\x04garbage", "damaged"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_refused_files_say_why_and_leave_nothing(
    home: Any, officer: Any, media_root: Path, name: str, content: bytes, why: str
) -> None:
    message = MessageFactory(owner=home, status="draft")
    with pytest.raises(ValidationError) as refused:
        actions.do_add_attachment(message, SimpleUploadedFile(name, content), actor=officer)
    assert why in str(refused.value) and name in str(refused.value)
    assert not Attachment.objects.exists() and not stored_files(media_root)
    assert not AuditEvent.objects.exists()


def test_a_file_over_the_limit_is_refused(home: Any, officer: Any, settings: Any, media_root: Path) -> None:
    settings.LIAISON_EXCHANGE_MAX_ATTACHMENT_BYTES = 1024
    message = MessageFactory(owner=home, status="draft")
    with pytest.raises(ValidationError) as refused:
        actions.do_add_attachment(message, SimpleUploadedFile("big.txt", b"a" * 2048), actor=officer)
    assert "at most" in str(refused.value)
    assert not Attachment.objects.exists() and not stored_files(media_root)


def test_a_zip_bomb_is_refused(home: Any, officer: Any) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\x00" * (5 * 1024 * 1024))
    message = MessageFactory(owner=home, status="draft")
    with pytest.raises(ValidationError, match="unpacks"):
        actions.do_add_attachment(message, SimpleUploadedFile("a.zip", buffer.getvalue()), actor=officer)


def test_only_a_draft_takes_attachments(home: Any, officer: Any) -> None:
    message = MessageFactory(owner=home, status="sent")
    with pytest.raises(ValidationError, match="Only a draft"):
        actions.do_add_attachment(message, SimpleUploadedFile("a.txt", b"text"), actor=officer)


def test_the_api_uploads_and_downloads(home: Any, officer: Any, api_client: Any, page_client: Any) -> None:
    message = MessageFactory(owner=home, status="draft")
    client = api_client(officer)
    refused = client.post(
        f"/api/messages/{message.pk}/attachments/",
        {"file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00\x03")},
        format="multipart",
    )
    assert refused.status_code == 400 and "x.pdf" in str(refused.json())
    made = client.post(
        f"/api/messages/{message.pk}/attachments/", {"file": SimpleUploadedFile("n.txt", b"note")}, format="multipart"
    )
    assert made.status_code == 201, made.json()
    download = page_client(officer).get(made.json()["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"note"
