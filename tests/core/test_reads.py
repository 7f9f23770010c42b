"""The read log (core/reads.py): each read of personal data leaves one record, outside the audit chain; supervisors
read their agency's on a page (with filters and export) and through the API; desk officers may not."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from liaison.core import reads
from liaison.core.models import AppendOnlyError, AuditEvent, ReadEvent
from liaison.core.permissions import NODE_ADMIN, SUPERVISOR
from liaison.core.tasks import run_sweeps
from tests.desk.factories import CaseDocumentFactory, FugitiveCaseFactory, NoticeFactory
from tests.factories import make_audit_event
from tests.people.factories import PersonFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(home: Any) -> Any:
    return PersonFactory(owner=home, names=["Nguyễn Văn Hùng"], birth_date="1985-03-07")


def _only_read() -> ReadEvent:
    events = list(ReadEvent.objects.all())
    assert len(events) == 1, [(e.kind, e.object_type, e.terms) for e in events]
    return events[0]


def test_opening_a_person_page_leaves_one_record_and_no_audit_record(
    officer: Any, page_client: Any, person: Any
) -> None:
    client = page_client(officer)
    audited = AuditEvent.objects.count()
    response = client.get(reverse("person_detail", kwargs={"pk": person.pk}))
    assert response.status_code == 200
    read = _only_read()
    assert (read.kind, read.object_type, read.object_id) == ("view", "people.person", str(person.pk))
    assert read.user == officer and read.user_name == officer.username and read.agency_id == officer.agency_id
    assert read.object_repr == str(person) and read.channel == "ui"
    assert read.request_id == response["X-Request-ID"] and read.occurred_at <= timezone.now()
    assert AuditEvent.objects.count() == audited  # the chain is not flooded


def test_opening_a_notice_page_is_recorded(officer: Any, page_client: Any, home: Any, person: Any) -> None:
    notice = NoticeFactory(owner=home, person=person)
    assert page_client(officer).get(reverse("notice_detail", kwargs={"pk": notice.pk})).status_code == 200
    read = _only_read()
    assert (read.kind, read.object_type, read.object_id) == ("view", "desk.notice", str(notice.pk))


def test_a_page_of_a_record_without_personal_data_is_not_recorded(supervisor: Any, page_client: Any) -> None:
    event = make_audit_event(supervisor.agency)
    assert page_client(supervisor).get(reverse("audit_detail", kwargs={"pk": event.pk})).status_code == 200
    assert not ReadEvent.objects.exists()


def test_the_person_search_records_its_terms_and_the_number_found(officer: Any, page_client: Any, person: Any) -> None:
    page = page_client(officer).get(reverse("person_search"), {"q": "Nguyen Van Hung", "nationality": ""})
    assert page.status_code == 200
    read = _only_read()
    assert (read.kind, read.object_type, read.object_id) == ("search", "people.person", "")
    assert read.terms == {"q": "Nguyen Van Hung"} and read.terms_text == "q=Nguyen Van Hung"
    assert read.result_count == 1


def test_a_person_list_filtered_by_name_is_a_search_and_its_export_an_export(
    officer: Any, page_client: Any, person: Any
) -> None:
    client = page_client(officer)
    assert client.get(reverse("person_list")).status_code == 200
    assert not ReadEvent.objects.exists()  # browsing the list unfiltered reads nothing beyond the page
    assert client.get(reverse("person_list"), {"name": "Hùng"}).status_code == 200
    search = _only_read()
    assert search.kind == "search" and search.terms == {"name": "Hùng"} and search.result_count == 1
    export = client.get(reverse("person_list"), {"name": "Hùng", "export": "csv"})
    assert export.status_code == 200
    b"".join(export.streaming_content)  # type: ignore[attr-defined]
    exported = ReadEvent.objects.get(kind="export")
    assert exported.terms == {"name": "Hùng", "format": "csv"} and exported.result_count == 1


def test_downloading_a_photo_and_a_case_document_is_recorded(
    officer: Any, page_client: Any, home: Any, person: Any
) -> None:
    photo = PhotoFactory(person=person, with_file=True)
    client = page_client(officer)
    assert client.get(reverse("person_photo_file", kwargs={"pk": photo.pk}), {"size": "thumbnail"}).status_code == 200
    assert not ReadEvent.objects.exists()  # a thumbnail is part of the person's page
    assert client.get(reverse("person_photo_file", kwargs={"pk": photo.pk})).status_code == 200
    read = _only_read()
    assert (read.kind, read.object_type, read.object_id) == ("download", "people.photo", str(photo.pk))

    document = CaseDocumentFactory(case=FugitiveCaseFactory(owner=home, person=person))
    document.file.save("request.pdf", ContentFile(b"%PDF"), save=True)
    response = client.get(reverse("fugitive_case_document_file", kwargs={"pk": document.pk}))
    assert response.status_code == 200
    assert (
        ReadEvent.objects.filter(kind="download", object_type="desk.casedocument", object_id=str(document.pk)).count()
        == 1
    )


def test_api_reads_are_recorded_with_their_channel(
    officer: Any, api_client: Any, person: Any, home: Any, settings: Any
) -> None:
    client = api_client(officer)
    assert client.get(f"/api/persons/{person.pk}/").status_code == 200
    view = _only_read()
    assert (view.kind, view.object_id, view.channel) == ("view", str(person.pk), "api")
    assert client.get("/api/person-search/", {"q": "Nguyen Van Hung"}).status_code == 200
    search = ReadEvent.objects.get(kind="search")
    assert search.terms == {"q": "Nguyen Van Hung"} and search.result_count == 1
    assert client.get("/api/persons/", {"q": "Hung"}).status_code == 200
    assert ReadEvent.objects.filter(kind="search", terms__q="Hung").count() == 1
    duplicates = client.post("/api/persons/duplicates/", {"names": ["Nguyen Van Hung"]}, format="json")
    assert duplicates.status_code == 200
    assert ReadEvent.objects.filter(kind="search", terms__names="Nguyen Van Hung").count() == 1
    photo = PhotoFactory(person=person, with_file=True)
    assert client.get(f"/api/person-photos/{photo.pk}/download/").status_code == 200
    assert ReadEvent.objects.filter(kind="download", object_type="people.photo").count() == 1
    # refused and missing reads leave nothing
    before = ReadEvent.objects.count()
    assert client.get("/api/persons/999999/").status_code == 404
    assert ReadEvent.objects.count() == before


def _read_by(user: Any, person: Any, page_client: Any, q: str) -> None:
    page_client(user).get(reverse("person_search"), {"q": q})


def test_a_supervisor_sees_the_reads_of_the_agency_filters_them_and_exports_them(
    officer: Any, supervisor: Any, partner_officer: Any, page_client: Any, person: Any
) -> None:
    _read_by(officer, person, page_client, "Nguyen Van Hung")
    _read_by(partner_officer, person, page_client, "Partner Secret Search")
    client = page_client(supervisor)
    page = client.get(reverse("read_list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "q=Nguyen Van Hung" in text and officer.username in text
    assert "Partner Secret Search" not in text  # another agency's reads
    filtered = client.get(reverse("read_list"), {"terms": "van hung", "kind": "search", "user_name": officer.username})
    assert "q=Nguyen Van Hung" in filtered.content.decode()
    none = client.get(reverse("read_list"), {"terms": "nobody searched this"}).content.decode()
    assert "q=Nguyen Van Hung" not in none
    export = client.get(reverse("read_list"), {"export": "csv", "terms": "van hung"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))  # type: ignore[attr-defined]
    assert len(rows) == 2 and "q=Nguyen Van Hung" in rows[1] and officer.username in rows[1]
    assert "Reads of personal data" in client.get(reverse("dashboard")).content.decode()  # the menu entry


def test_the_node_administrator_sees_every_agency_and_a_desk_officer_may_not_open_the_log(
    officer: Any, partner_officer: Any, make_user: Any, page_client: Any, api_client: Any, person: Any
) -> None:
    _read_by(partner_officer, person, page_client, "Partner Search")
    admin = make_user(NODE_ADMIN, SUPERVISOR)
    assert "q=Partner Search" in page_client(admin).get(reverse("read_list")).content.decode()
    assert page_client(officer).get(reverse("read_list")).status_code == 404
    assert "Reads of personal data" not in page_client(officer).get(reverse("dashboard")).content.decode()
    assert api_client(officer).get("/api/read-events/").status_code == 403


def test_the_api_lists_the_agency_reads(
    officer: Any, supervisor: Any, page_client: Any, api_client: Any, person: Any
) -> None:
    _read_by(officer, person, page_client, "Nguyen Van Hung")
    body = api_client(supervisor).get("/api/read-events/", {"kind": "search"}).json()
    assert body["count"] == 1
    assert (
        body["results"][0]["terms"] == {"q": "Nguyen Van Hung"} and body["results"][0]["user_name"] == officer.username
    )


def test_the_log_is_append_only_and_old_reads_leave_it_by_age_audited(
    officer: Any, page_client: Any, person: Any, settings: Any
) -> None:
    settings.LIAISON_READ_LOG_DAYS = 30
    _read_by(officer, person, page_client, "recent")
    old = reads.record_read(officer, ReadEvent.VIEW, obj=person)
    assert old is not None
    with pytest.raises(AppendOnlyError):
        old.save()
    with pytest.raises(AppendOnlyError):
        ReadEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        ReadEvent.objects.filter(pk=old.pk).update(occurred_at=timezone.now() - datetime.timedelta(days=31))
    ReadEvent.objects.bulk_create(
        [
            ReadEvent(
                user_name="x",
                kind="view",
                object_type="people.person",
                channel="ui",
                occurred_at=timezone.now() - datetime.timedelta(days=31),
            )
        ]
    )
    assert run_sweeps() == ["Removed 1 read-log record(s) past the retention period."]
    assert ReadEvent.objects.count() == 2
    pruned = AuditEvent.objects.get(action="read_log.prune")
    assert pruned.after["removed"] == 1 and pruned.after["retention_days"] == 30 and pruned.channel == "job"
    assert run_sweeps() == []
