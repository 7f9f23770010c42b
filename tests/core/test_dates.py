"""Dates and times: one unambiguous format in every language (ISO 8601 dates, 24-hour local times), local time on
pages, tables and exports, ISO 8601 with the offset in the API (docs/decisions/0025-dates-and-times.md)."""

from __future__ import annotations

import ast
import csv
import datetime
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

import liaison
from liaison.core.models import Share
from liaison.desk.models import Notice
from tests.desk.factories import NoticeFactory
from tests.screening.factories import ScreeningListFactory

LANGUAGES = [code for code, _name in django_settings.LANGUAGES]
SHARED_AT = datetime.datetime(2026, 12, 6, 7, 30, tzinfo=datetime.UTC)  # 14:30 in Hanoi (the test node's zone)
AMBIGUOUS = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b")  # 12/06/2026, 06.12.2026: day or month first?


def test_every_language_of_the_node_is_covered() -> None:
    assert LANGUAGES == ["en", "vi", "ko", "zh-hans", "ru", "fr"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_shows_its_dates_and_local_times_in_one_unambiguous_format(
    language: str, home: Any, partner: Any, officer: Any, page_client: Any
) -> None:
    notice = NoticeFactory(owner=home, issued_on=datetime.date(2026, 12, 6), valid_until=datetime.date(2031, 2, 14))
    share = Share.objects.create(
        content_type=ContentType.objects.get_for_model(Notice),
        object_id=str(notice.pk),
        agency=partner,
        handling_code="H0",
        shared_by=officer,
    )
    Share.objects.filter(pk=share.pk).update(shared_at=SHARED_AT)
    client = page_client(officer)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("notice_detail", kwargs={"pk": notice.pk}))
    text = page.content.decode()
    assert page["Content-Language"] == language
    assert "2026-12-06" in text and "2031-02-14" in text  # dates
    assert "2026-12-06 14:30" in text  # the share's time, in the node's time zone (not 07:30 UTC)
    main = text[text.index("<main") :]
    assert not AMBIGUOUS.search(main), AMBIGUOUS.search(main)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_screening_lists_show_local_time_on_the_page_and_in_the_export(
    language: str, home: Any, officer: Any, page_client: Any
) -> None:
    ScreeningListFactory(owner=home, name="Arrivals HAN")
    from liaison.screening.models import ScreeningList

    ScreeningList.objects.update(created_at=SHARED_AT)
    client = page_client(officer)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("screening_list_list")).content.decode()
    assert "2026-12-06 14:30" in page and "07:30" not in page
    export = client.get(reverse("screening_list_list"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))  # type: ignore[attr-defined]
    assert rows[1][4] == "2026-12-06 14:30:00+07:00", rows  # the "Uploaded" column


@pytest.mark.django_db
def test_the_api_gives_iso_8601_with_the_offset(home: Any, officer: Any, api_client: Any) -> None:
    ScreeningListFactory(owner=home)
    from liaison.screening.models import ScreeningList

    ScreeningList.objects.update(created_at=SHARED_AT)
    body = api_client(officer).get("/api/screening-lists/").json()
    assert body["results"][0]["created_at"] == "2026-12-06T14:30:00+07:00"


# --- no strftime on an aware datetime ----------------------------------------------------------------------
SOURCE = Path(liaison.__file__).parent
# strftime on values that are dates (no time of day, no zone), each checked by reading the code
DATES = {
    ("cooperation/views/calendar.py", "_shift(first, -1)"),
    ("cooperation/views/calendar.py", "_shift(first, 1)"),
    ("cooperation/views/calendar.py", "today"),
    ("cooperation/ical.py", "value"),
    ("people/demo.py", "birth"),  # an MRZ's YYMMDD
    ("people/demo.py", "expiry"),
}
CONVERTED = re.compile(r"(^|\.)(localtime|astimezone)\(")  # the zone is chosen before formatting


def strftime_receivers() -> list[tuple[str, str]]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "strftime":
                found.append((path.relative_to(SOURCE).as_posix(), ast.unparse(node.func.value)))
    return found


def test_no_strftime_formats_an_aware_datetime_in_utc() -> None:
    """A datetime from the database is aware and in UTC: formatting it with strftime shows UTC, not the node's
    time. Format through the templates (or core.tables), or convert with timezone.localtime first."""
    unconverted = [
        (path, receiver)
        for path, receiver in strftime_receivers()
        if (path, receiver) not in DATES and not CONVERTED.search(receiver)
    ]
    assert unconverted == []


def test_the_strftime_check_sees_an_unconverted_datetime() -> None:
    assert ("cooperation/ical.py", "value") in strftime_receivers()
    assert not CONVERTED.search("obj.created_at") and CONVERTED.search("timezone.localtime(obj.created_at)")
