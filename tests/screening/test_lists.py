"""Uploading a list (encodings, formats, refusals with their messages), the column-mapping step with its guess
per language, removing a list; permissions and the audit trail for each write."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST, LEGAL_OFFICER
from liaison.screening.models import Hit, ScreeningList, ScreeningRun
from tests.helpers import assert_audited
from tests.screening.factories import HitFactory, ScreeningListFactory, ScreeningRunFactory, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

VN_ROWS = [
    ["STT", "Họ và tên", "Ngày sinh", "Quốc tịch", "Giới tính", "Số hộ chiếu"],
    ["1", "Nguyễn Văn Hùng", "07/03/1985", "Việt Nam", "Nam", "C1234567"],
    ["2", "Trần Thị Hương", "1990", "VN", "Nữ", "C7654321"],
]


def upload(client: Any, content: bytes, name: str = "arrivals.csv", **data: Any) -> Any:
    payload = {"file": SimpleUploadedFile(name, content), "kind": "arrivals", "encoding": "auto", "name": ""}
    payload.update(data)
    return client.post(reverse("screening_list_create"), payload)


def form_errors(response: Any) -> str:
    return " ".join(str(e) for errors in response.context["form"].errors.values() for e in errors)


# --- upload ------------------------------------------------------------------------------------------------
def test_upload_stores_the_file_with_its_hash_and_goes_to_the_mapping_step(officer: Any, page_client: Any) -> None:
    import hashlib

    content = csv_bytes(VN_ROWS, "utf-8-sig")
    response = upload(page_client(officer), content, name="Nội Bài 12-05.csv")
    screening_list = ScreeningList.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("screening_list_map", kwargs={"pk": screening_list.pk})
    assert screening_list.owner == officer.agency and screening_list.uploaded_by == officer
    assert screening_list.original_name == "Nội Bài 12-05.csv"
    assert screening_list.name == "Nội Bài 12-05"
    assert screening_list.sha256 == hashlib.sha256(content).hexdigest() and screening_list.size == len(content)
    assert screening_list.columns == VN_ROWS[0] and screening_list.row_count == 2
    assert screening_list.encoding == "utf-8-sig"
    with screening_list.file.open("rb") as handle:
        assert handle.read() == content
    event = assert_audited("screening_list.create", obj=screening_list, actor=officer, channel="ui")
    assert event.after["sha256"] == screening_list.sha256


NAMES = {
    "vi": ["Họ và tên", "Nguyễn Văn Hùng", "Trần Thị Hương"],
    "ru": ["ФИО", "Иванов Сергей Петрович", "Смирнова Анна Ивановна"],
    "ko": ["성명", "김민준", "이서연"],
    "zh": ["姓名", "张晓明", "王伟"],
}


@pytest.mark.parametrize(
    ("encoding", "language"),
    [
        ("utf-8", "vi"),
        ("utf-8-sig", "ru"),
        ("utf-16", "ko"),
        ("utf-16-le", "zh"),
        ("cp1258", "vi"),
        ("cp1251", "ru"),
        ("cp949", "ko"),
        ("gb18030", "zh"),
    ],
)
def test_csv_in_any_common_encoding_is_read_as_written(
    encoding: str, language: str, officer: Any, page_client: Any
) -> None:
    header, first, second = NAMES[language]
    content = csv_bytes([[header, "DOB"], [first, "1985"], [second, "1990"]], encoding)
    client = page_client(officer)
    assert upload(client, content).status_code == 302
    screening_list = ScreeningList.objects.get()
    assert screening_list.columns == [header, "DOB"]
    assert screening_list.mapping == {"name": [header], "birth_date": "DOB"}
    page = client.get(reverse("screening_list_map", kwargs={"pk": screening_list.pk})).content.decode()
    assert first in page and second in page


def test_the_encoding_can_be_named_on_upload(officer: Any, page_client: Any) -> None:
    content = csv_bytes([["ФИО"], ["Иванов Сергей"]], "cp1251")
    assert upload(page_client(officer), content, encoding="cp1251").status_code == 302
    assert ScreeningList.objects.get().encoding == "cp1251"


def test_semicolon_separated_csv_and_xlsx_with_dates(officer: Any, page_client: Any) -> None:
    import datetime

    client = page_client(officer)
    assert upload(client, csv_bytes(VN_ROWS, delimiter=";")).status_code == 302
    first = ScreeningList.objects.get()
    assert first.columns == VN_ROWS[0] and first.row_count == 2
    rows = [
        ["Surname", "Given names", "Date of birth", "Passport number"],
        ["KIM", "MIN JUN", datetime.date(1985, 3, 7), 12345678],
    ]
    assert upload(client, xlsx_bytes(rows), name="list.xlsx").status_code == 302
    second = ScreeningList.objects.exclude(pk=first.pk).get()
    assert second.encoding == "" and second.row_count == 1
    page = client.get(reverse("screening_list_map", kwargs={"pk": second.pk})).content.decode()
    assert "1985-03-07" in page and "12345678" in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "is empty"),
        (b"   \r\n\r\n", "blank.csv", "The file is empty"),
        (b"Name,DOB\r\n", "header.csv", "no rows to screen"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old.xls", "old Excel format"),
        (b"not a zip at all", "list.xlsx", "not an XLSX workbook"),
        (bytes(range(256)) * 8, "image.csv", "neither a CSV text list nor an XLSX workbook"),
    ],
)
def test_unreadable_files_are_refused_with_a_message_and_nothing_is_stored(
    content: bytes, name: str, message: str, officer: Any, page_client: Any, settings: Any
) -> None:
    client = page_client(officer)
    before = AuditEvent.objects.count()
    response = upload(client, content, name=name)
    assert response.status_code == 200
    errors = form_errors(response)
    assert message in errors, errors
    assert not ScreeningList.objects.exists()
    assert AuditEvent.objects.count() == before
    media = settings.MEDIA_ROOT / "screening"
    assert not media.exists() or not any(media.rglob("*.*"))


def test_an_oversized_file_is_refused_naming_the_limit(officer: Any, page_client: Any, settings: Any) -> None:
    settings.LIAISON_SCREENING_MAX_BYTES = 2048
    response = upload(page_client(officer), csv_bytes([["Name"]] + [["Nguyễn Văn Hùng"]] * 400))
    errors = form_errors(response)
    assert "the largest list accepted is 2 KB" in errors and "arrivals.csv" in errors
    assert not ScreeningList.objects.exists()


def test_a_wrongly_named_encoding_is_reported(officer: Any, page_client: Any) -> None:
    content = csv_bytes([["Họ và tên"], ["Nguyễn Văn Hùng"]], "utf-16")
    response = upload(page_client(officer), content, encoding="cp949")
    assert "not written in cp949" in form_errors(response)


def test_roles_without_screening_may_not_upload(make_user: Any, page_client: Any, api_client: Any) -> None:
    legal = make_user(LEGAL_OFFICER)
    client, api = page_client(legal), api_client(legal)
    before = AuditEvent.objects.count()
    assert client.get(reverse("screening_list_create")).status_code == 404
    assert upload(client, csv_bytes(VN_ROWS)).status_code == 404
    response = api.post(
        reverse("screening-list-list"), {"file": SimpleUploadedFile("a.csv", csv_bytes(VN_ROWS))}, format="multipart"
    )
    assert response.status_code == 403 and response.json()["error"]["message"]
    assert not ScreeningList.objects.exists() and AuditEvent.objects.count() == before


def test_api_upload_proposes_the_mapping_and_preview_shows_the_rows(officer: Any, api_client: Any) -> None:
    client = api_client(officer)
    response = client.post(
        reverse("screening-list-list"),
        {"file": SimpleUploadedFile("arrivals.csv", csv_bytes(VN_ROWS)), "name": "Tân Sơn Nhất", "kind": "arrivals"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "Tân Sơn Nhất" and body["row_count"] == 2
    assert (
        body["mapping"]
        == body["suggested_mapping"]
        == {
            "id": "STT",
            "name": ["Họ và tên"],
            "birth_date": "Ngày sinh",
            "nationality": "Quốc tịch",
            "sex": "Giới tính",
            "document_number": "Số hộ chiếu",
        }
    )
    assert_audited("screening_list.create", actor=officer, channel="api")
    preview = client.get(reverse("screening-list-preview", kwargs={"pk": body["id"]})).json()
    assert preview["rows"][0] == {"row": 2, "cells": dict(zip(VN_ROWS[0], VN_ROWS[1], strict=True))}


# --- the mapping guess -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            ["No", "Full name", "Date of birth", "Nationality", "Sex", "Passport No", "MRZ"],
            {"id": "No", "name": ["Full name"], "birth_date": "Date of birth", "nationality": "Nationality",
             "sex": "Sex", "document_number": "Passport No", "mrz": "MRZ"},
        ),
        (
            ["STT", "Họ", "Tên đệm", "Tên", "Ngày sinh", "Số hộ chiếu"],
            {"id": "STT", "family_name": "Họ", "middle_name": "Tên đệm", "given_names": "Tên",
             "birth_date": "Ngày sinh", "document_number": "Số hộ chiếu"},
        ),
        (
            ["Họ và tên", "Tên theo hộ chiếu", "Ngày, tháng, năm sinh", "Quốc tịch"],
            {"name": ["Họ và tên", "Tên theo hộ chiếu"], "birth_date": "Ngày, tháng, năm sinh",
             "nationality": "Quốc tịch"},
        ),
        (
            ["번호", "성명", "영문성명", "생년월일", "국적", "성별", "여권번호"],
            {"id": "번호", "name": ["성명", "영문성명"], "birth_date": "생년월일", "nationality": "국적",
             "sex": "성별", "document_number": "여권번호"},
        ),
        (["성", "이름", "생년월일"], {"family_name": "성", "given_names": "이름", "birth_date": "생년월일"}),
        (
            ["№", "Фамилия", "Имя", "Отчество", "Дата рождения", "Гражданство", "Пол", "Номер паспорта"],
            {"id": "№", "family_name": "Фамилия", "given_names": "Имя", "patronymic": "Отчество",
             "birth_date": "Дата рождения", "nationality": "Гражданство", "sex": "Пол",
             "document_number": "Номер паспорта"},
        ),
        (["ФИО", "Дата рождения"], {"name": ["ФИО"], "birth_date": "Дата рождения"}),
        (
            ["序号", "姓名", "姓名拼音", "出生日期", "国籍", "性别", "护照号码"],
            {"id": "序号", "name": ["姓名", "姓名拼音"], "birth_date": "出生日期", "nationality": "国籍",
             "sex": "性别", "document_number": "护照号码"},
        ),
        (
            ["Guest name", "Số hộ chiếu (Passport No.)", "Room"],
            {"name": ["Guest name"], "document_number": "Số hộ chiếu (Passport No.)"},
        ),
    ],
)  # fmt: skip
def test_the_mapping_is_guessed_from_the_header_in_each_language(
    header: list[str], expected: dict[str, Any], officer: Any, page_client: Any
) -> None:
    client = page_client(officer)
    assert upload(client, csv_bytes([header, ["x"] * len(header)])).status_code == 302
    screening_list = ScreeningList.objects.get()
    assert screening_list.mapping == expected
    page = client.get(reverse("screening_list_map", kwargs={"pk": screening_list.pk}))
    form = page.context["form"]
    for field, value in expected.items():
        assert form[field].value() == value


def test_mapping_step_saves_the_officers_mapping(officer: Any, page_client: Any) -> None:
    client = page_client(officer)
    upload(
        client,
        csv_bytes(
            [["Surname", "Given names", "Native name", "DOB", "Room"], ["KIM", "MIN JUN", "김민준", "1985", "12"]]
        ),
    )
    screening_list = ScreeningList.objects.get()
    url = reverse("screening_list_map", kwargs={"pk": screening_list.pk})
    response = client.post(
        url, {"name": ["Native name"], "family_name": "Surname", "given_names": "Given names", "id": "Room"}
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "screening_list_detail", kwargs={"pk": screening_list.pk}
    )
    screening_list.refresh_from_db()
    assert screening_list.mapping == {
        "name": ["Native name"],
        "id": "Room",
        "family_name": "Surname",
        "given_names": "Given names",
    }
    event = assert_audited("screening_list.map", obj=screening_list, actor=officer, channel="ui")
    assert event.after["mapping"] == screening_list.mapping and event.before["mapping"]["birth_date"] == "DOB"
    detail = client.get(reverse("screening_list_detail", kwargs={"pk": screening_list.pk})).content.decode()
    assert "Surname" in detail and "Native name" in detail


def test_mapping_without_a_name_column_is_refused_with_a_message(officer: Any, page_client: Any) -> None:
    client = page_client(officer)
    upload(client, csv_bytes(VN_ROWS))
    screening_list = ScreeningList.objects.get()
    before = AuditEvent.objects.count()
    response = client.post(reverse("screening_list_map", kwargs={"pk": screening_list.pk}), {"birth_date": "Ngày sinh"})
    assert response.status_code == 200
    assert "Choose the column (or columns) holding the name" in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_api_mapping_names_the_unknown_column(officer: Any, api_client: Any) -> None:
    screening_list = ScreeningListFactory(owner=officer.agency, content=csv_bytes(VN_ROWS), columns=VN_ROWS[0])
    client = api_client(officer)
    url = reverse("screening-list-detail", kwargs={"pk": screening_list.pk})
    bad = client.patch(url, {"mapping": {"name": ["Full name"]}}, format="json")
    assert bad.status_code == 400 and "The list has no column Full name" in str(bad.json()["error"]["fields"])
    good = client.patch(url, {"mapping": {"name": ["Họ và tên"], "family_name": ""}, "name": "Renamed"}, format="json")
    assert good.status_code == 200, good.content
    assert good.json()["mapping"] == {"name": ["Họ và tên"]} and good.json()["name"] == "Renamed"
    assert_audited("screening_list.update", obj=screening_list, actor=officer, channel="api")


def test_mapping_cannot_change_while_a_run_is_under_way(officer: Any, api_client: Any) -> None:
    screening_list = ScreeningListFactory(owner=officer.agency, columns=VN_ROWS[0])
    ScreeningRunFactory(screening_list=screening_list, status="running")
    response = api_client(officer).patch(
        reverse("screening-list-detail", kwargs={"pk": screening_list.pk}),
        {"mapping": {"name": ["STT"]}},
        format="json",
    )
    assert response.status_code == 400 and "under way" in str(response.json())


# --- another agency, removal -------------------------------------------------------------------------------
def test_another_agencys_list_is_like_a_missing_one(
    officer: Any, partner: Any, page_client: Any, api_client: Any
) -> None:
    foreign = ScreeningListFactory(owner=partner, name="Their arrivals")
    client = page_client(officer)
    for name in ("screening_list_detail", "screening_list_map", "screening_list_delete"):
        assert client.get(reverse(name, kwargs={"pk": foreign.pk})).status_code == 404
    assert "Their arrivals" not in client.get(reverse("screening_list_list")).content.decode()
    api = api_client(officer)
    assert api.get(reverse("screening-list-detail", kwargs={"pk": foreign.pk})).status_code == 404
    assert api.get(reverse("screening-list-preview", kwargs={"pk": foreign.pk})).status_code == 404
    assert foreign.pk not in [row["id"] for row in api.get(reverse("screening-list-list")).json()["results"]]


def test_removing_a_list_removes_its_runs_hits_and_file(
    officer: Any, page_client: Any, make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import os

    screening_list = ScreeningListFactory(owner=officer.agency, content=csv_bytes(VN_ROWS))
    run = ScreeningRunFactory(screening_list=screening_list)
    HitFactory(run=run)
    stored = screening_list.file.path
    url = reverse("screening_list_delete", kwargs={"pk": screening_list.pk})
    assert page_client(make_user(LEGAL_OFFICER)).post(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = page_client(officer).post(url)
    assert response.status_code == 302 and response["Location"] == reverse("screening_list_list")
    assert not ScreeningList.objects.exists() and not ScreeningRun.objects.exists() and not Hit.objects.exists()
    event = assert_audited("screening_list.delete", actor=officer, channel="ui")
    assert event.before["runs"] == [run.pk] and event.before["hits"] == 1
    assert not os.path.exists(stored)


def test_removing_a_list_with_a_run_under_way_is_refused(officer: Any, page_client: Any) -> None:
    screening_list = ScreeningListFactory(owner=officer.agency)
    ScreeningRunFactory(screening_list=screening_list, status="queued")
    response = page_client(officer).post(
        reverse("screening_list_delete", kwargs={"pk": screening_list.pk}), follow=True
    )
    assert "A run of this list is under way" in response.content.decode()
    assert ScreeningList.objects.filter(pk=screening_list.pk).exists()


def test_analyst_uploads_and_maps(make_user: Any, page_client: Any) -> None:
    analyst = make_user(ANALYST)
    assert upload(page_client(analyst), csv_bytes(VN_ROWS)).status_code == 302
    assert_audited("screening_list.create", actor=analyst)
