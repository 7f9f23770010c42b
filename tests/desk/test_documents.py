"""Documents of a fugitive case: uploaded through the API or the page, hashed, on the timeline, downloaded
only by those who may see the case."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST
from liaison.desk.models import CaseDocument, CaseEvent
from tests.desk.factories import FugitiveCaseFactory
from tests.factories import UserFactory
from tests.helpers import assert_audited

pytestmark = pytest.mark.django_db

CONTENT = "Yêu cầu truy nã số 118/KNPA — 요청서".encode()


def _upload(name: str = "요청서 118.pdf", content: bytes = CONTENT) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_upload_through_the_api_hashes_the_file_and_puts_it_on_the_timeline(
    home: Any, officer: Any, api_client: Any
) -> None:
    case = FugitiveCaseFactory(owner=home)
    client = api_client(officer)
    response = client.post(
        "/api/case-documents/",
        {"case": case.pk, "file": _upload(), "kind": "request", "title": "Request of KNPA", "dated": "2025-03-01"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sha256"] == hashlib.sha256(CONTENT).hexdigest()
    assert body["size"] == len(CONTENT) and body["original_name"] == "요청서 118.pdf"
    assert body["added_by"] == officer.pk and body["title"] == "Request of KNPA"
    event = assert_audited("case_document.create", actor=officer, channel="api")
    assert event.object_id == str(body["id"]) and event.after["sha256"] == body["sha256"]
    timeline = CaseEvent.objects.filter(case=case, kind="document").get()
    assert timeline.note == "Request of KNPA" and timeline.data["document"] == body["id"]
    download = client.get(f"/api/case-documents/{body['id']}/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == CONTENT


def test_upload_and_download_through_the_pages(home: Any, partner: Any, officer: Any, page_client: Any) -> None:
    case = FugitiveCaseFactory(owner=home)
    client = page_client(officer)
    assert client.get(f"/desk/cases/{case.pk}/documents/new/").status_code == 200
    response = client.post(
        f"/desk/cases/{case.pk}/documents/new/", {"file": _upload("warrant.pdf"), "kind": "warrant", "title": ""}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    document = CaseDocument.objects.get(case=case)
    assert document.title == "warrant.pdf" and document.kind == "warrant"
    assert_audited("case_document.create", obj=document, actor=officer, channel="ui")
    detail = client.get(f"/desk/cases/{case.pk}/").content.decode()
    assert f"/desk/case-documents/{document.pk}/file/" in detail and document.sha256 in detail
    download = client.get(f"/desk/case-documents/{document.pk}/file/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == CONTENT
    assert 'filename="warrant.pdf"' in download["Content-Disposition"]

    outsider = page_client(UserFactory(agency=partner, roles=[ANALYST]))
    assert outsider.get(f"/desk/case-documents/{document.pk}/file/").status_code == 404


def test_no_upload_without_the_role_to_another_agencys_case_or_of_an_empty_file(
    home: Any, partner: Any, officer: Any, api_client: Any, page_client: Any
) -> None:
    own, foreign = FugitiveCaseFactory(owner=home), FugitiveCaseFactory(owner=partner)
    analyst = UserFactory(agency=home, roles=[ANALYST])
    analyst_page = page_client(analyst)
    before = AuditEvent.objects.count()
    response = api_client(analyst).post("/api/case-documents/", {"case": own.pk, "file": _upload()}, format="multipart")
    assert response.status_code == 403
    assert analyst_page.post(f"/desk/cases/{own.pk}/documents/new/", {"file": _upload()}).status_code == 404
    response = api_client(officer).post(
        "/api/case-documents/", {"case": foreign.pk, "file": _upload()}, format="multipart"
    )
    assert response.status_code == 400 and "case" in response.json()["error"]["fields"]
    response = api_client(officer).post(
        "/api/case-documents/", {"case": own.pk, "file": _upload(content=b"")}, format="multipart"
    )
    assert response.status_code == 400 and "file" in response.json()["error"]["fields"]
    assert AuditEvent.objects.count() == before and not CaseDocument.objects.exists()
