from __future__ import annotations

import io
from typing import Any

import openpyxl

from liaison.agencies.models import Unit
from liaison.core.permissions import DESK_OFFICER, NODE_ADMIN
from tests.factories import UnitFactory, UserFactory


def test_list_filters_sorts_and_paginates(home: Any, page_client: Any) -> None:
    for i in range(30):
        UnitFactory(agency=home, name=f"Desk {i:02d}", kind="desk" if i % 2 else "department")
    client = page_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    first = client.get("/units/?sort=-name").content.decode()
    assert "Desk 29" in first and "Desk 00" not in first and "Page 1 of 2" in first
    second = client.get("/units/?sort=-name&page=2").content.decode()
    assert "Desk 00" in second
    filtered = client.get("/units/?kind=desk&q=Desk 1").content.decode()
    assert "Desk 11" in filtered and "Desk 10" not in filtered


def test_bad_sort_or_filter_value_does_not_break_the_page(home: Any, page_client: Any) -> None:
    client = page_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    assert client.get("/units/?sort=password").status_code == 200
    response = client.get("/units/?kind=nonsense")
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_exports_csv_and_xlsx(home: Any, page_client: Any) -> None:
    UnitFactory(agency=home, name="Bàn Hàn Quốc")
    client = page_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    csv_body = b"".join(client.get("/units/?export=csv").streaming_content).decode("utf-8")
    assert csv_body.startswith("\ufeffName,") and "Bàn Hàn Quốc" in csv_body
    xlsx = client.get("/units/?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert next(c.value for c in next(sheet.iter_rows(max_row=1))) == "Name"
    assert any(row[0].value == "Bàn Hàn Quốc" for row in sheet.iter_rows(min_row=2))


def test_navigation_shows_only_what_the_user_may_open(home: Any, page_client: Any) -> None:
    officer_page = page_client(UserFactory(agency=home, roles=[DESK_OFFICER])).get("/").content.decode()
    admin_page = page_client(UserFactory(agency=home, roles=[NODE_ADMIN])).get("/").content.decode()
    assert "Audit trail" not in officer_page and "Audit trail" in admin_page
    assert "Roles and second factor" in admin_page


def test_error_pages_share_the_look(home: Any, page_client: Any, settings: Any) -> None:
    settings.DEBUG = False
    client = page_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    response = client.get("/units/987654/")
    assert (
        response.status_code == 404 and "Liaison" in response.content.decode() and "topbar" in response.content.decode()
    )


def test_unit_remove_asks_then_removes_and_refuses_a_unit_in_use(home: Any, page_client: Any) -> None:
    client = page_client(UserFactory(agency=home, roles=[NODE_ADMIN]))
    parent = UnitFactory(agency=home, name="Parent")
    UnitFactory(agency=home, name="Child", parent=parent)
    assert "cannot be undone" in client.get(f"/units/{parent.pk}/delete/").content.decode()
    refused = client.post(f"/units/{parent.pk}/delete/", follow=True)
    assert "still in use" in refused.content.decode() and Unit.objects.filter(pk=parent.pk).exists()


def test_language_switch(home: Any, page_client: Any) -> None:
    client = page_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    page = client.get("/").content.decode()
    assert 'lang="vi"' in page


def test_list_counts_its_records(home: Any, page_client: Any) -> None:
    for i in range(3):
        UnitFactory(agency=home, name=f"Counted {i}")
    page = page_client(UserFactory(agency=home, roles=[DESK_OFFICER])).get("/units/").content.decode()
    assert "3 records" in page
