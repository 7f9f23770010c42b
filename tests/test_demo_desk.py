"""The desk's demo data (people/demo.py, desk/demo.py, screening/demo.py) through `liaison demo`: loaded twice
without duplicates, fictional, names in their declared scripts, valid machine-readable zones, the notices and
cases the demo promises, and the arrivals list with its planted variants."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from liaison.consular.models import ConsularCase
from liaison.desk.demo import CASES, NOTICES
from liaison.desk.models import FugitiveCase, Notice, PartnerDeadlines
from liaison.people.demo import PERSONS
from liaison.people.models import IdentityDocument, Person, PersonName
from liaison.screening.demo import ARRIVALS, LIST_NAME
from liaison.screening.models import ScreeningList
from namematch.mrz import parse_mrz

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings: Any, tmp_path: Path) -> str:
    settings.MEDIA_ROOT = tmp_path / "media"
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "persons": Person.objects.count(),
        "names": PersonName.objects.count(),
        "documents": IdentityDocument.objects.count(),
        "notices": Notice.objects.count(),
        "cases": FugitiveCase.objects.count(),
        "deadlines": PartnerDeadlines.objects.count(),
        "lists": ScreeningList.objects.count(),
    }


def test_the_demo_loads_twice_without_duplicates(demo: str) -> None:
    assert "People demo records (fictional persons): 16 added." in demo
    assert "16 notices, 12 fugitive cases, 2 partner deadlines added" in demo
    assert "Screening demo list: 300 fictional arrivals added" in demo
    first = counts()
    # the desk's 16; other domains' demos (citizens abroad) add persons of their own
    assert len(PERSONS) == 16 and first["persons"] >= 16
    assert first["notices"] == len(NOTICES) and first["cases"] == len(CASES) and first["lists"] == 1
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert counts() == first
    assert "16 added" not in out.getvalue() and "0 notices, 0 fugitive cases" in out.getvalue()


def desk_persons() -> Any:
    """The persons of the people and desk demo: not those of the citizens-abroad demo's consular cases."""
    return Person.objects.exclude(pk__in=ConsularCase.objects.values("person"))


def check_every_demo_person_is_fictional_of_the_four_nationalities() -> None:
    assert all(p.fictional and "Fictional person" in p.notes for p in Person.objects.all())  # every demo's
    persons = list(desk_persons())
    nationalities = {code for p in persons for code in p.nationalities}
    assert nationalities == {"VN", "KR", "CN", "RU"}
    owners = {p.owner.code for p in persons}
    assert owners == {"VN-MPS", "KR-KNPA", "CN-MPS", "RU-MVD"}
    assert {p.birth_date for p in persons if len(p.birth_date) < 10} == {"1991", "1969-02", "1987-03", "1981"}


SCRIPT_OF = {"Latn": "LATIN", "Hang": "HANGUL", "Hani": "CJK", "Hans": "CJK", "Hant": "CJK", "Cyrl": "CYRILLIC"}


def check_every_name_is_written_in_its_declared_script() -> None:
    names = list(PersonName.objects.select_related("person", "transcribed_by"))
    assert {n.script for n in names} >= {"Latn", "Hang", "Hani", "Hans", "Cyrl"}
    for name in names:
        letters = [ch for ch in name.full_name if ch.isalpha()]
        assert letters, name.full_name
        expected = SCRIPT_OF[name.script]
        wrong = [ch for ch in letters if not unicodedata.name(ch).startswith(expected)]
        assert not wrong, (name.full_name, name.script, wrong)
        assert unicodedata.is_normalized("NFC", name.full_name)
        if name.kind == "transcription":
            # A partner's transcription: by an agency other than the one that records the person.
            assert name.transcribed_by is not None and name.transcribed_by != name.person.owner, name.full_name
    # Vietnamese native names keep their diacritics; their passport spelling has none.
    vietnamese = [
        n
        for n in PersonName.objects.filter(kind="native", person__in=desk_persons())
        if n.person.nationalities == ["VN"]
    ]
    assert len(vietnamese) == 5 and all(any(ord(ch) > 127 for ch in n.full_name) for n in vietnamese)
    passports = PersonName.objects.filter(kind="passport")
    assert all(n.full_name.isascii() and n.full_name == n.full_name.upper() for n in passports)


def check_passport_mrz_check_digits_are_valid() -> None:
    with_mrz = IdentityDocument.objects.exclude(mrz="")
    assert with_mrz.count() >= 7
    for document in with_mrz:
        parsed = parse_mrz(document.mrz)
        assert parsed.valid, (document.number, parsed.checks)
        assert parsed.document_number == document.number
        assert parsed.birth_date == document.person.birth_date


def check_notices_are_shared_and_one_is_due_for_review() -> None:
    from liaison.desk.actions import notice_shares

    assert set(Notice.objects.values_list("kind", flat=True)) == {"wanted", "locate", "missing", "warning"}
    # Active, but for the notices of the cases handed over, closed or withdrawn (issue 20, item 11).
    ended = FugitiveCase.objects.filter(status__in=["handed_over", "closed", "withdrawn"]).values("notice")
    assert set(Notice.objects.exclude(pk__in=ended).values_list("status", flat=True)) == {"active"}
    assert set(Notice.objects.filter(pk__in=ended).values_list("status", flat=True)) == {"cancelled"}
    for notice in Notice.objects.exclude(owner__code="VN-MPS"):
        codes = {share.agency.code: share.handling_code for share in notice_shares(notice)}
        assert "VN-MPS" in codes, notice.reference
    handling = {s.handling_code for n in Notice.objects.all() for s in notice_shares(n)}
    assert handling == {"H0", "H1", "H2", "H3"}
    assert list(Notice.objects.review_due().values_list("reference", flat=True)) == ["DEMO-VN-TN-0087"]


def check_fugitive_cases_in_every_state_with_timelines() -> None:
    cases = FugitiveCase.objects.all()
    assert set(cases.values_list("status", flat=True)) >= {
        "received",
        "accepted",
        "tracing",
        "located",
        "detained",
        "extradited",
        "handed_over",
        "closed",
        "withdrawn",
    }
    overdue = cases.get(partner_reference="KNPA-DEMO-2025-031")
    assert overdue.status == "received" and overdue.acknowledged_on is None and overdue.is_overdue
    closed = cases.get(status="closed")
    timeline = list(closed.events.order_by("occurred_at").values_list("to_status", flat=True))
    assert timeline == [
        "received",
        "accepted",
        "tracing",
        "located",
        "detained",
        "deported",
        "handed_over",
        "closed",
    ]
    assert all(e.occurred_at <= timezone.now() for case in cases for e in case.events.all())
    assert all("Fictional record" in case.summary for case in cases)


def check_the_arrivals_list_has_its_planted_variants() -> None:
    screening_list = ScreeningList.objects.get(name=LIST_NAME)
    assert screening_list.owner.code == "VN-MPS" and screening_list.row_count == 300
    assert screening_list.mapping["name"] == ["Full name"]
    assert screening_list.mapping["birth_date"] == "Date of birth"
    with ARRIVALS.open(encoding="utf-8") as handle:
        rows = {row["No"]: row for row in csv.DictReader(handle)}
    planted = {
        "23": ("DAM QUANG THINH", "V1"),
        "57": ("라 티 응옥 한", "V2"),
        "91": ("BAK TAE YUN", "K1"),
        "128": ("BELOZYOROV ANDREY", "R1"),
        "164": ("黃啟強", "C1"),
        "203": ("LIU HSIAO-LAN", "C2"),
        "239": ("ZHURAVLEVA EKATRINA", "R2"),
        "276": ("TA MINH TUAN", "V3"),
    }
    for number, (listed, key) in planted.items():
        assert rows[number]["Full name"] == listed
        wanted = PERSONS[key]["names"]
        if key != "V3":
            # A variant, not a copy: the listed name is none of the names the person is recorded under.
            assert listed not in {name["full_name"] for name in wanted}, listed
    # V3's passport name as recorded, with the date of birth swapped: 11 June 1979 listed as 06/11/1979.
    assert PERSONS["V3"]["person"]["birth_date"] == "1979-06-11" and rows["276"]["Date of birth"] == "06/11/1979"
    recorded = {name for key in PERSONS for name in (n["full_name"] for n in PERSONS[key]["names"])}
    others = [row for number, row in rows.items() if number not in planted]
    assert not [row for row in others if row["Full name"] in recorded]


def test_the_demo_data(demo: str) -> None:
    """One load, every promise of the demo (each check names what it verifies)."""
    check_every_demo_person_is_fictional_of_the_four_nationalities()
    check_every_name_is_written_in_its_declared_script()
    check_passport_mrz_check_digits_are_valid()
    check_notices_are_shared_and_one_is_due_for_review()
    check_fugitive_cases_in_every_state_with_timelines()
    check_the_arrivals_list_has_its_planted_variants()


def test_the_demos_ended_cases_leave_no_notice_active(demo: str) -> None:
    """A case handed over, closed or withdrawn has its notice settled (issue 20, item 11): none stays active,
    in screening or due for review, whichever agency owns it."""
    ended = FugitiveCase.objects.filter(status__in=["handed_over", "closed", "withdrawn"]).select_related("notice")
    assert {case.status for case in ended} == {"handed_over", "closed", "withdrawn"}
    for case in ended:
        assert case.notice is not None and case.notice.status == "cancelled", (case.reference, case.notice.status)
        assert case.reference in case.notice.status_reason or case.partner_reference in case.notice.status_reason
