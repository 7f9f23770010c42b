"""`liaison demo` loads the demo of the node's home agency (docs/decisions/0034): on a KR-KNPA node, the KNPA's own
accounts, persons, notices and requests to the MPS of Vietnam, in Korean, and no record of the MPS; on a node of
another demo agency, that agency's own, generated from the MPS's demo. The default (VN-MPS) is unchanged
(tests/test_demo_desk.py); there, the hosted KNPA officer sees the case the KNPA requested (issue 16)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from liaison.agencies.models import Agency, Unit, User
from liaison.cooperation.models import Agreement
from liaison.desk.models import FugitiveCase, Notice
from liaison.people.models import Person
from liaison.screening.models import ScreeningList

pytestmark = pytest.mark.django_db


def load_demo(settings: Any, tmp_path: Path, home: str) -> str:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LIAISON_HOME_AGENCY = home
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def owners(model: Any) -> set[str]:
    return set(model.objects.values_list("owner__code", flat=True))


def test_a_knpa_node_loads_the_knpas_own_demo_and_nothing_of_the_mps(settings: Any, tmp_path: Path) -> None:
    out = load_demo(settings, tmp_path, "KR-KNPA")

    assert Agency.objects.get(is_home=True).code == "KR-KNPA"
    assert Agency.objects.filter(code="VN-MPS").exists()  # the directory is every node's
    accounts = {u.username: u.agency.code for u in User.objects.select_related("agency") if u.agency}
    assert accounts == {"admin": "KR-KNPA", "officer.kr-knpa": "KR-KNPA", "supervisor.kr-knpa": "KR-KNPA"}
    assert set(Unit.objects.values_list("agency__code", flat=True)) == {"KR-KNPA"}
    assert owners(Person) == owners(Notice) == owners(FugitiveCase) == {"KR-KNPA"}
    assert Person.objects.count() == 5 and Notice.objects.count() == 5
    assert not Agreement.objects.exists() and not ScreeningList.objects.exists()

    cases = list(FugitiveCase.objects.select_related("person", "partner"))
    assert len(cases) == 4 and {c.partner.code for c in cases} == {"VN-MPS"}
    assert {c.direction for c in cases} == {"outgoing"}
    assert {c.status for c in cases} == {"accepted", "located", "closed", "withdrawn"}
    park = next(c for c in cases if str(c.person) == "박태윤")
    assert "보이스피싱" in park.summary and park.notice is not None and "호찌민" in park.notice.summary
    located = next(c for c in cases if c.status == "located")
    assert located.last_location == "베트남 호찌민시 7군"
    for case in cases:  # an ended request settles the KNPA's own notice
        if case.status in ("closed", "withdrawn"):
            assert case.notice is not None and case.notice.status == "cancelled"
    assert not Notice.objects.filter(status="active").exclude(owner__code="KR-KNPA").exists()
    assert "Desk demo records of KR-KNPA (fictional): 5 notices, 4 requests to VN-MPS added" in out

    again = load_demo(settings, tmp_path, "KR-KNPA")
    assert FugitiveCase.objects.count() == 4 and Notice.objects.count() == 5 and Person.objects.count() == 5
    assert "0 notices, 0 requests" in again


def test_a_node_of_the_mps_of_china_gets_its_requests_generated_from_the_mps_demo(
    settings: Any, tmp_path: Path
) -> None:
    load_demo(settings, tmp_path, "CN-MPS")
    assert owners(Person) == owners(Notice) == owners(FugitiveCase) == {"CN-MPS"}
    cases = FugitiveCase.objects.all()
    assert cases.count() == 3 and {c.direction for c in cases} == {"outgoing"}
    assert {c.status for c in cases} == {"accepted", "detained", "extradited"}
    assert all("Request to the MPS of Vietnam (CN-DEMO-" in c.summary for c in cases)


def test_the_hosted_knpa_officer_sees_the_case_the_knpa_requested(
    settings: Any, tmp_path: Path, page_client: Any, api_client: Any
) -> None:
    load_demo(settings, tmp_path, "VN-MPS")
    knpa = User.objects.get(username="officer.kr-knpa")
    requested = FugitiveCase.objects.filter(partner__code="KR-KNPA", direction="incoming")
    assert requested.exists()
    body = api_client(knpa).get("/api/fugitive-cases/").json()
    assert body["count"] >= requested.count() >= 1
    page = page_client(knpa).get("/desk/cases/").content.decode()
    for case in requested:
        assert case.reference in page
    first = requested.order_by("pk").first()
    assert first is not None
    detail = page_client(knpa).get(f"/desk/cases/{first.pk}/")
    assert detail.status_code == 200 and first.get_status_display() in detail.content.decode()
