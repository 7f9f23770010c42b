"""Issue 5's browser test: upload a list, map its columns, watch the run's live progress, review a hit, confirm
it and find the fugitive case it opened; then find the person with the search box.

The run waits in the database queue (the task backend of production) so the page's htmx polling is what shows
it finishing: the test runs the worker (`liaison worker --batch`) while the browser watches.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from liaison.core.permissions import DESK_OFFICER
from liaison.desk.models import FugitiveCase
from liaison.screening.models import RunStatus, ScreeningRun
from tests.e2e.test_shell import sign_in
from tests.factories import AgencyFactory, UserFactory
from tests.screening.factories import Desk, csv_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "screening"]}}

ROWS = [
    ["STT", "Họ và tên", "Ngày sinh", "Quốc tịch", "Doc"],
    ["A1", "TRAN THI HUONG", "1991", "VN", "C2222222"],
    ["A2", "김민준", "1990-11-02", "대한민국", "M12345678"],
    ["A3", "SMITH JOHN", "1970", "GB", "X1234567"],
    ["A4", "NGUYEN VAN HUNG", "31/02/1985", "VN", "C1111111"],
]


def test_screen_a_list_confirm_a_hit_and_find_the_fugitive_case(
    page: Any, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = DATABASE_QUEUE
    home = AgencyFactory(code="VN-MPS", country="VN", short_name="MPS Vietnam", is_home=True)
    knpa = AgencyFactory(code="KR-KNPA", country="KR", short_name="KNPA", name_en="Korean National Police Agency")
    officer = UserFactory(username="desk.e2e", agency=home, roles=[DESK_OFFICER])
    desk = Desk(home, knpa, officer)
    sign_in(page, live_server.url, "desk.e2e")

    # 1. upload
    page.goto(live_server.url + "/screening/")
    page.click("main a:has-text('Upload a list')")
    page.set_input_files(
        "#id_file", {"name": "noi-bai-arrivals.csv", "mimeType": "text/csv", "buffer": csv_bytes(ROWS, "utf-8-sig")}
    )
    page.fill("#id_name", "Nội Bài arrivals 12 May")
    page.click("main form button[type=submit]")

    # 2. the mapping proposed from the header, one column mapped by hand, the first rows shown
    expect(page.locator("h1")).to_contain_text("Nội Bài arrivals 12 May")
    expect(page.locator("table.preview")).to_contain_text("김민준")
    expect(page.locator("input[name=name][value='Họ và tên']")).to_be_checked()
    expect(page.locator("#id_birth_date")).to_have_value("Ngày sinh")
    expect(page.locator("#id_document_number")).to_have_value("")
    page.select_option("#id_document_number", "Doc")
    page.click("form.mapping button[name=start]")

    # 3. the run waits for the worker; the progress bar is polled, and the page shows the hits when it ends
    expect(page.locator("#run-progress")).to_contain_text("Waiting for the background worker")
    expect(page.locator("#run-progress")).to_contain_text("0 of 4 rows screened")
    run = ScreeningRun.objects.get()
    assert run.status == RunStatus.QUEUED
    call_command("worker", "--batch", "--interval", "0", verbosity=0)
    expect(page.locator("#run-progress")).to_contain_text("4 of 4 rows screened", timeout=15_000)
    expect(page.locator("#run-progress progress")).to_have_attribute("value", "100")
    expect(page.locator("article.hit")).to_have_count(2, timeout=15_000)
    expect(page.locator("table.bad-rows")).to_contain_text("31/02/1985 is not a date")

    # 4. review the hit on the partner's wanted person and confirm it
    hit = page.locator("article.hit", has_text="김민준")
    expect(hit).to_contain_text("KIM MIN JUN")
    expect(hit.locator(".evidence")).to_contain_text("identity document number equal")
    hit.locator("textarea[name=reason]").fill("Passport number and date of birth agree; photo checked at the gate")
    hit.locator("button[value=confirmed]").click()
    expect(page.locator(".messages .success")).to_contain_text("opened; the person is marked located")

    # 5. the fugitive case it opened
    case = FugitiveCase.objects.get()
    page.locator("article.hit", has_text="김민준").locator("a.case-link").click()
    expect(page.locator("h1")).to_contain_text(case.reference)
    expect(page.locator("main")).to_contain_text("KNPA")
    expect(page.locator("main .sub")).to_contain_text("Located")
    expect(page.locator("table.timeline")).to_contain_text("Screening hit confirmed")
    expect(page.locator("table.timeline")).to_contain_text("Nội Bài arrivals 12 May")
    assert case.person == desk.kr and case.partner == knpa

    # 6. the search box finds the person from another script
    page.goto(live_server.url + "/search/persons/")
    page.fill("#id_q", "김민준")
    page.click("main form button[type=submit]")
    expect(page.locator("article.search-result").first).to_contain_text("KIM MIN JUN")
